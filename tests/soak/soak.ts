// The soak: mixed read/write load against a real server process on a PostgreSQL of its own, which it
// restarts in the middle. Writers behave like careful clients: every create carries an idempotency key
// and is retried with the same key until it is acknowledged. At the end, every acknowledged write must
// be stored exactly once, nothing may be stored twice, and the audit log must match the events.
import postgres from 'postgres';
import { createApiKey } from '../../src/core/auth/api-keys.js';
import { openDatabase } from '../../src/core/db/database.js';
import { createScratchPostgres } from '../helpers/scratch-postgres.js';
import { startServerProcess } from '../helpers/server-process.js';

export interface SoakOptions {
  seconds: number;
  /** Concurrent clients; a third of them write. */
  clients?: number;
  /** How long the database stays down in the middle. */
  downtimeMs?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  seconds: number;
  requests: number;
  reads: { ok: number; failed: number };
  writes: { acknowledged: number; retries: number; abandoned: number };
  errorsByCode: Record<string, number>;
  /** The slowest single request, ms: requests must fail fast while the database is down, not hang. */
  slowestRequestMs: number;
  /** Server log lines for errors it could not classify (should be none: outages are SERVICE_UNAVAILABLE). */
  unexpectedServerErrors: string[];
  outage: { downAtMs: number; upAtMs: number; firstSuccessAfterUpMs: number | null };
  check: {
    storedOnce: number;
    missing: string[];
    duplicated: string[];
    unexpected: string[];
    auditMismatches: string[];
  };
  passed: boolean;
}

const READS = [
  '{ events(first: 20) { edges { node { title start { label } participations { role participant { name } } } } } }',
  '{ search(query: "defence cooperation", first: 10) { edges { node { headline } } } }',
  '{ relationship(between: ["JP", "VN"]) { countries { name } events(first: 5) { totalCount } } }',
];
const CREATE = `mutation ($input: CreateEventInput!, $key: String) { createEvent(input: $input, idempotencyKey: $key) { replayed event { id title } } }`;
const REQUEST_TIMEOUT_MS = 15_000;

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const clients = options.clients ?? 6;
  // Durable settings, and a crash (immediate stop) rather than a clean shutdown: an acknowledged write
  // must survive what a power cut would do.
  const pg = await createScratchPostgres({ durable: true });
  await pg.start();
  const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
  await admin.unsafe('CREATE DATABASE soak');
  await admin.end();
  const databaseUrl = pg.url.replace(/\/postgres$/, '/soak');

  const server = await startServerProcess({
    DATABASE_URL: databaseUrl,
    SEED: 'always',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  });
  const db = await openDatabase({ mode: 'postgres', url: databaseUrl, poolSize: 2 });
  try {
    const { secret, key } = await createApiKey(db.prisma, { name: 'soak', role: 'EDITOR' });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${secret}` };
    // A source without full text: the soak's quotes are made up, and a seeded article would refuse them.
    const source = await db.prisma.source.create({
      data: { slug: `soak-notes-${Date.now()}`, kind: 'OTHER', title: 'Soak test notes' },
      select: { id: true },
    });
    const sourceGlobalId = Buffer.from(`Source:${source.id}`).toString('base64');
    log(`server ${server.url} on ${databaseUrl}, ${clients} clients for ${options.seconds}s`);

    const report: SoakReport = {
      seconds: options.seconds,
      requests: 0,
      reads: { ok: 0, failed: 0 },
      writes: { acknowledged: 0, retries: 0, abandoned: 0 },
      errorsByCode: {},
      slowestRequestMs: 0,
      unexpectedServerErrors: [],
      outage: { downAtMs: 0, upAtMs: 0, firstSuccessAfterUpMs: null },
      check: { storedOnce: 0, missing: [], duplicated: [], unexpected: [], auditMismatches: [] },
      passed: false,
    };
    const acknowledged = new Map<string, string>(); // idempotency key → event id
    const attempted = new Set<string>();
    const started = Date.now();
    const endAt = started + options.seconds * 1000;
    let upAt = Infinity;

    async function post(body: unknown): Promise<{ status: number; json: any } | { status: 0; json: null }> {
      const t0 = Date.now();
      report.requests++;
      try {
        const res = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const json = await res.json().catch(() => null);
        return { status: res.status, json };
      } catch {
        return { status: 0, json: null };
      } finally {
        report.slowestRequestMs = Math.max(report.slowestRequestMs, Date.now() - t0);
      }
    }
    function countError(code: string) {
      report.errorsByCode[code] = (report.errorsByCode[code] ?? 0) + 1;
    }
    function noteSuccess() {
      if (Date.now() >= upAt && report.outage.firstSuccessAfterUpMs === null)
        report.outage.firstSuccessAfterUpMs = Date.now() - upAt;
    }

    async function reader(n: number) {
      for (let i = n; Date.now() < endAt; i++) {
        const res = await post({ query: READS[i % READS.length] });
        if (res.status === 200 && !res.json?.errors) {
          report.reads.ok++;
          noteSuccess();
        } else {
          report.reads.failed++;
          countError(res.json?.errors?.[0]?.extensions?.code ?? `HTTP ${res.status}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }

    async function writer(n: number) {
      for (let i = 0; Date.now() < endAt; i++) {
        const idempotencyKey = `soak-${n}-${i}`;
        const title = `Soak event ${n}-${i}`;
        attempted.add(idempotencyKey);
        const body = {
          query: CREATE,
          variables: {
            key: idempotencyKey,
            input: {
              kind: 'STATEMENT',
              title,
              summary: 'Written by the soak test.',
              start: { date: '2026-06-01', precision: 'DAY' },
              citations: [
                {
                  sourceId: sourceGlobalId,
                  quote: `${title} was issued on 1 June.`,
                  claimField: 'startDate',
                  claimValue: '2026-06-01',
                },
              ],
            },
          },
        };
        // Retry with the same key until acknowledged; give up only well after the run should have ended.
        for (let attempt = 0; ; attempt++) {
          if (attempt > 0) report.writes.retries++;
          const res = await post(body);
          const event = res.json?.data?.createEvent?.event;
          if (res.status === 200 && event && !res.json.errors) {
            // The API answers with a global id ("Event:<uuid>" in base64); the database holds the uuid.
            acknowledged.set(idempotencyKey, Buffer.from(event.id, 'base64').toString().split(':')[1]!);
            report.writes.acknowledged++;
            noteSuccess();
            break;
          }
          countError(res.json?.errors?.[0]?.extensions?.code ?? `HTTP ${res.status}`);
          if (Date.now() > endAt + 30_000) {
            report.writes.abandoned++;
            break;
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    }

    async function outage() {
      await new Promise((r) =>
        setTimeout(r, (options.seconds * 1000) / 2 - (options.downtimeMs ?? 2000) / 2),
      );
      report.outage.downAtMs = Date.now() - started;
      log(`crashing PostgreSQL at ${report.outage.downAtMs} ms`);
      await pg.stop('immediate');
      await new Promise((r) => setTimeout(r, options.downtimeMs ?? 2000));
      await pg.start();
      upAt = Date.now();
      report.outage.upAtMs = upAt - started;
      log(`PostgreSQL back at ${report.outage.upAtMs} ms`);
    }

    const writers = Math.max(1, Math.floor(clients / 3));
    await Promise.all([
      outage(),
      ...Array.from({ length: writers }, (_, n) => writer(n)),
      ...Array.from({ length: clients - writers }, (_, n) => reader(n)),
    ]);

    // The check, straight from the database.
    const events = await db.prisma.event.findMany({
      where: { title: { startsWith: 'Soak event ' } },
      select: { id: true, title: true },
    });
    const byTitle = new Map<string, string[]>();
    for (const e of events) byTitle.set(e.title, [...(byTitle.get(e.title) ?? []), e.id]);
    for (const [idempotencyKey, eventId] of acknowledged) {
      const title = `Soak event ${idempotencyKey.slice('soak-'.length)}`;
      const ids = byTitle.get(title) ?? [];
      if (ids.length === 0) report.check.missing.push(idempotencyKey);
      else if (ids.length > 1) report.check.duplicated.push(idempotencyKey);
      else if (ids[0] !== eventId) report.check.missing.push(idempotencyKey);
      else report.check.storedOnce++;
    }
    for (const [title, ids] of byTitle) {
      const idempotencyKey = `soak-${title.slice('Soak event '.length)}`;
      if (!attempted.has(idempotencyKey)) report.check.unexpected.push(title);
      if (ids.length > 1 && !report.check.duplicated.includes(idempotencyKey))
        report.check.duplicated.push(idempotencyKey);
    }
    const audits = await db.prisma.auditEntry.findMany({
      where: { apiKeyId: key.id, entityType: 'Event', action: 'CREATE' },
      select: { entityId: true },
    });
    const audited = new Map<string, number>();
    for (const a of audits) audited.set(a.entityId, (audited.get(a.entityId) ?? 0) + 1);
    for (const e of events)
      if (audited.get(e.id) !== 1)
        report.check.auditMismatches.push(`${e.title}: ${audited.get(e.id) ?? 0} audit entries`);
    if (audits.length !== events.length)
      report.check.auditMismatches.push(`${audits.length} CREATE entries for ${events.length} events`);

    report.unexpectedServerErrors = server
      .stdout()
      .split('\n')
      .filter((line) => line.includes('"unexpected error"') || line.includes('"unhandled error"'))
      .map((line) => {
        const entry = JSON.parse(line) as { err?: { message?: string }; path?: unknown };
        return `${JSON.stringify(entry.path)}: ${entry.err?.message ?? ''}`.slice(0, 500);
      });
    report.passed =
      report.unexpectedServerErrors.length === 0 &&
      (report.errorsByCode.INTERNAL_SERVER_ERROR ?? 0) === 0 &&
      report.writes.acknowledged > 0 &&
      report.writes.abandoned === 0 &&
      report.check.missing.length === 0 &&
      report.check.duplicated.length === 0 &&
      report.check.unexpected.length === 0 &&
      report.check.auditMismatches.length === 0 &&
      report.outage.firstSuccessAfterUpMs !== null &&
      report.slowestRequestMs < REQUEST_TIMEOUT_MS;
    return report;
  } finally {
    await db.close();
    server.child.kill('SIGTERM');
    await server.exited;
    await pg.dispose();
  }
}
