// The read replicas' health, sampled in the background: which replicas may serve a read now, and how far
// each has replayed the primary's WAL. A replica serves reads while its last check succeeded, it is a
// standby, and it is at most `maxLagMs` behind; otherwise reads fall back to the primary. A read that
// fails on a replica marks it down until its next successful check (and is retried on the primary by
// the routing adapter, so no request fails for it).
//
// Lag is measured in time, not bytes: every check samples the primary's WAL position, and a replica that
// has replayed past the sample taken at time t has everything the primary had at t. (PostgreSQL's own
// `now() - pg_last_xact_replay_timestamp()` grows while the primary is idle, and says nothing then.)
import postgres from 'postgres';
import { redactUrl, type ReplicaConfig } from './config.js';
import { formatLsn, parseLsn } from './read-routing.js';

export type ReplicaState = 'starting' | 'streaming' | 'lagging' | 'down' | 'not a standby';

export interface ReplicaStatus {
  name: string;
  location: string;
  state: ReplicaState;
  /** How far it has replayed the primary's WAL (PostgreSQL's LSN text form). */
  replayLsn?: string;
  /** How far behind the primary it is, in ms (0: caught up with the latest sample). */
  lagMs?: number;
  replayPaused?: boolean;
  error?: string;
}

interface Replica {
  name: string;
  location: string;
  sql: postgres.Sql;
  state: ReplicaState;
  replayLsn: bigint;
  lagMs: number | undefined;
  paused: boolean | undefined;
  error: string | undefined;
  /** Called when the replica is declared down (reads waiting on it then move to the primary). */
  onDown: Set<() => void>;
}

interface Sample {
  at: number;
  lsn: bigint;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

function monitorConnection(url: string, max = 1): postgres.Sql {
  // prepare: false, so that the checks work through PgBouncer in transaction mode too.
  return postgres(url, {
    max,
    prepare: false,
    connect_timeout: 2,
    onnotice: () => {},
    connection: { application_name: 'jvlog-replica-monitor' },
  });
}

export class ReplicaSet {
  readonly #replicas: Replica[];
  readonly #primary: postgres.Sql;
  readonly #config: ReplicaConfig;
  #samples: Sample[] = [];
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<void> | undefined;
  #next = 0;
  /** The response cache's freshness floor (see raiseFloor); reads need a replica at least this far. */
  #floor = 0n;
  #floorPending = 0;

  private constructor(primaryUrl: string, config: ReplicaConfig) {
    this.#config = config;
    // More than one: mutations ask it for their consistency tokens too.
    this.#primary = monitorConnection(primaryUrl, 4);
    this.#replicas = config.urls.map((url, i) => ({
      name: `replica ${i + 1}`,
      location: redactUrl(url),
      sql: monitorConnection(url),
      state: 'starting',
      replayLsn: 0n,
      lagMs: undefined,
      paused: undefined,
      error: undefined,
      onDown: new Set(),
    }));
  }

  /** Checks every replica once, then keeps checking every `checkIntervalMs`. */
  static async start(primaryUrl: string, config: ReplicaConfig): Promise<ReplicaSet> {
    const set = new ReplicaSet(primaryUrl, config);
    await set.check();
    set.#timer = setInterval(() => void set.check(), config.checkIntervalMs);
    set.#timer.unref();
    return set;
  }

  get names(): string[] {
    return this.#replicas.map((r) => r.name);
  }

  /**
   * A replica that may serve a read needing the WAL replayed up to `minLsn` (round robin among those
   * that qualify; only `preferred`, if given), or undefined: read from the primary.
   */
  pick(minLsn: bigint, preferred?: number): number | undefined {
    if (this.#floorPending > 0) return undefined;
    const needed = minLsn > this.#floor ? minLsn : this.#floor;
    const qualifies = (r: Replica) => r.state === 'streaming' && r.replayLsn >= needed;
    if (preferred !== undefined) return qualifies(this.#replicas[preferred]!) ? preferred : undefined;
    const n = this.#replicas.length;
    for (let k = 0; k < n; k++) {
      const i = (this.#next + k) % n;
      const replica = this.#replicas[i]!;
      if (qualifies(replica)) {
        this.#next = (i + 1) % n;
        return i;
      }
    }
    return undefined;
  }

  nameOf(index: number): string {
    return this.#replicas[index]!.name;
  }

  /** A read failed on this replica: skip it until a check succeeds again. */
  markFailed(index: number, error: unknown): void {
    this.#declareDown(this.#replicas[index]!, message(error));
  }

  /**
   * Calls `onDown` if this replica is declared down before the returned function is called: a read
   * still waiting on it then had better go elsewhere.
   */
  whileUp(index: number, onDown: () => void): () => void {
    const listeners = this.#replicas[index]!.onDown;
    listeners.add(onDown);
    return () => listeners.delete(onDown);
  }

  #declareDown(replica: Replica, error: string): void {
    replica.error = error;
    if (replica.state === 'down') return;
    replica.state = 'down';
    for (const listener of replica.onDown) listener();
    replica.onDown.clear();
  }

  /** The primary's WAL insert position now: at or past the commit of every transaction committed so far. */
  async primaryLsn(timeoutMs = 2_000): Promise<bigint> {
    const query = this.#primary<{ lsn: string }[]>`SELECT pg_current_wal_insert_lsn()::text AS lsn`;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the primary did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      const [row] = await Promise.race([query, timeout]);
      return parseLsn(row!.lsn)!;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Called when the data changed (a NOTIFY from the primary, or this process's own mutation): until the
   * primary's current WAL position is known, reads go to the primary; after, only to replicas that have
   * replayed that far. So an answer the response cache stores after an invalidation is never older than
   * the change that invalidated it.
   */
  raiseFloor(): void {
    this.#floorPending += 1;
    this.primaryLsn()
      .then((lsn) => {
        if (lsn > this.#floor) this.#floor = lsn;
      })
      // The primary is unreachable: the floor stays where it was; writes are failing meanwhile anyway.
      .catch(() => {})
      .finally(() => {
        this.#floorPending -= 1;
      });
  }

  status(): ReplicaStatus[] {
    return this.#replicas.map((r) => ({
      name: r.name,
      location: r.location,
      state: r.state,
      ...(r.replayLsn > 0n ? { replayLsn: formatLsn(r.replayLsn) } : {}),
      ...(r.lagMs !== undefined ? { lagMs: r.lagMs } : {}),
      ...(r.paused !== undefined ? { replayPaused: r.paused } : {}),
      ...(r.error !== undefined && r.state !== 'streaming' ? { error: r.error } : {}),
    }));
  }

  /** One round of checks (a round still running is joined rather than doubled). */
  check(): Promise<void> {
    this.#checking ??= this.#checkAll().finally(() => {
      this.#checking = undefined;
    });
    return this.#checking;
  }

  async #checkAll(): Promise<void> {
    const now = Date.now();
    try {
      // The write position (not the insert position): what a replica can have received by now.
      const [row] = await this.#primary<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`;
      this.#samples.push({ at: now, lsn: parseLsn(row!.lsn)! });
    } catch {
      // The primary is down: replicas keep serving reads on the samples so far.
    }
    const keepAfter = now - this.#config.maxLagMs - 4 * this.#config.checkIntervalMs;
    while (this.#samples.length > 1 && this.#samples[0]!.at < keepAfter) this.#samples.shift();
    await Promise.all(this.#replicas.map((replica) => this.#checkReplica(replica)));
  }

  async #checkReplica(replica: Replica): Promise<void> {
    // A server that went away behind PgBouncer does not refuse the query: PgBouncer holds it until its
    // query_wait_timeout. So a check that takes this long counts as failed.
    const timeoutMs = Math.max(1_000, 3 * this.#config.checkIntervalMs);
    let timer: NodeJS.Timeout | undefined;
    try {
      const query = replica.sql<{ standby: boolean; lsn: string | null; paused: boolean | null }[]>`
        SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS lsn,
               CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END AS paused`;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          void query.cancel();
          reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      const [row] = await Promise.race([query, timeout]);
      const checkedAt = Date.now();
      if (!row!.standby || row!.lsn === null) {
        this.#declareDown(replica, 'pg_is_in_recovery() is false: promoted, or not a replica');
        replica.state = 'not a standby';
        return;
      }
      replica.replayLsn = parseLsn(row!.lsn)!;
      replica.paused = row!.paused ?? undefined;
      replica.lagMs = this.#lag(replica.replayLsn, checkedAt);
      replica.state = replica.lagMs <= this.#config.maxLagMs ? 'streaming' : 'lagging';
      replica.error = undefined;
    } catch (error) {
      this.#declareDown(replica, message(error));
    } finally {
      clearTimeout(timer);
    }
  }

  #lag(replayLsn: bigint, at: number): number {
    const samples = this.#samples;
    if (samples.length === 0 || replayLsn >= samples.at(-1)!.lsn) return 0;
    for (let i = samples.length - 2; i >= 0; i--) {
      if (samples[i]!.lsn <= replayLsn) return at - samples[i]!.at;
    }
    return at - samples[0]!.at;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#checking;
    await Promise.all([this.#primary, ...this.#replicas.map((r) => r.sql)].map((s) => s.end({ timeout: 2 })));
  }
}
