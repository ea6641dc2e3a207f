// Where the data lives. One switch: DATABASE_URL set → that PostgreSQL; unset → the embedded one.
// On PostgreSQL, optionally: read replicas (DATABASE_REPLICA_URLS), a pooler in front (DATABASE_PGBOUNCER)
// and a direct connection for what a transaction pooler cannot carry (DATABASE_DIRECT_URL); see
// docs/scaling-out.md.
import path from 'node:path';

export type DatabaseConfig =
  | {
      mode: 'postgres';
      url: string;
      poolSize: number;
      /** How long to wait for a new connection before failing the query (database down or far). */
      connectTimeoutMs?: number;
      /** PostgreSQL's `statement_timeout`: a statement running longer is cancelled. */
      statementTimeoutMs?: number;
      /** Streaming replicas that serve public reads; none: every statement goes to `url`. */
      replicas?: ReplicaConfig;
      /**
       * A direct (unpooled) connection to the primary, for session state a transaction pooler cannot
       * carry: LISTEN, migrations' advisory locks, cursors. Defaults to `url`.
       */
      directUrl?: string;
      /** `url` (and the replica URLs) go through PgBouncer in transaction mode: send no startup options. */
      pgbouncer?: boolean;
    }
  | {
      mode: 'embedded';
      /** The data folder; `memory://` (PGlite's name for it) keeps the database in memory only. */
      dataDir: string;
      /**
       * A data folder's image (PGlite's `dumpDataDir` tarball) the database starts from: tests' throwaway
       * copies of a template, cheaper than copying and opening a folder.
       */
      image?: Blob;
    };

export interface ReplicaConfig {
  urls: string[];
  /** A replica further behind the primary than this is skipped until it catches up. */
  maxLagMs: number;
  /** How often each replica's replay position (and the primary's WAL position) is sampled. */
  checkIntervalMs: number;
}

export const DEFAULT_REPLICA_MAX_LAG_MS = 5_000;
export const DEFAULT_REPLICA_CHECK_MS = 200;

export const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;

/** A positive integer setting, or the default when unset; anything else is a configuration error. */
export function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return intFromEnv(env, name, fallback, 1);
}

/** The same, where 0 is allowed too (it turns something off). */
export function nonNegativeIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return intFromEnv(env, name, fallback, 0);
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, min: 0 | 1): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be ${min === 0 ? '0 or ' : ''}a positive integer, got "${raw}"`);
  return value;
}

/** Reads the database configuration from the environment (see README, "Configuration"). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) {
    for (const name of ['DATABASE_REPLICA_URLS', 'DATABASE_DIRECT_URL', 'DATABASE_PGBOUNCER']) {
      if (env[name]?.trim())
        throw new Error(`${name} needs DATABASE_URL (the embedded database has no replicas)`);
    }
  }
  if (url) {
    const replicaUrls = (env.DATABASE_REPLICA_URLS ?? '').split(/[\s,]+/).filter((u) => u !== '');
    const directUrl = env.DATABASE_DIRECT_URL?.trim();
    // Through a transaction pooler LISTEN would silently hear nothing: subscriptions and cache
    // invalidation need a direct connection, so refuse to start without one.
    if (booleanFromEnv(env, 'DATABASE_PGBOUNCER') && !directUrl)
      throw new Error(
        'DATABASE_PGBOUNCER=true needs DATABASE_DIRECT_URL: LISTEN does not work through PgBouncer',
      );
    return {
      mode: 'postgres',
      url,
      ...(directUrl ? { directUrl } : {}),
      ...(booleanFromEnv(env, 'DATABASE_PGBOUNCER') ? { pgbouncer: true } : {}),
      ...(replicaUrls.length
        ? {
            replicas: {
              urls: replicaUrls,
              maxLagMs: positiveIntFromEnv(env, 'DATABASE_REPLICA_MAX_LAG_MS', DEFAULT_REPLICA_MAX_LAG_MS),
              checkIntervalMs: positiveIntFromEnv(env, 'DATABASE_REPLICA_CHECK_MS', DEFAULT_REPLICA_CHECK_MS),
            },
          }
        : {}),
      poolSize: Number(env.DATABASE_POOL_SIZE ?? 10),
      connectTimeoutMs: positiveIntFromEnv(env, 'DATABASE_CONNECT_TIMEOUT_MS', DEFAULT_CONNECT_TIMEOUT_MS),
      statementTimeoutMs: positiveIntFromEnv(
        env,
        'DATABASE_STATEMENT_TIMEOUT_MS',
        DEFAULT_STATEMENT_TIMEOUT_MS,
      ),
    };
  }
  return { mode: 'embedded', dataDir: path.resolve(env.DATA_DIR ?? '.data/pglite') };
}

/** A true/false setting (unset: false); anything else is a configuration error. */
export function booleanFromEnv(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = (env[name] ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no'].includes(value)) return false;
  if (['1', 'true', 'yes'].includes(value)) return true;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

/** A connection string with its password masked, safe for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}
