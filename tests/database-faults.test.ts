// PostgreSQL going away under a running server. The test brings its own PostgreSQL (so it runs the same
// with or without TEST_DATABASE_URL), stops and restarts it, and checks that the server answers fast
// with HTTP 503 / SERVICE_UNAVAILABLE while it is gone, reports not-ready, stays up, and serves again as
// soon as the database is back — with no restart and no password in its logs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase, startServer, type RunningServer } from '../src/app.js';
import { openDatabase, type Database } from '../src/core/db/database.js';
import { createLogger } from '../src/core/logger.js';
import { GraphQLError } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createErrorFormatter, reportErrors } from '../src/core/server/format-error.js';
import { createScratchPostgres, type ScratchPostgres } from './helpers/scratch-postgres.js';

/** "Fast": far below the 5 s a client or load balancer would wait. */
const FAST_MS = 2_000;
const PASSWORD = 'hunter2-never-logged';

const lines: string[] = [];
const logger = createLogger({ write: (line: string) => void lines.push(line) }, 'info');

let pg: ScratchPostgres;
let db: Database;
let server: RunningServer;

beforeAll(async () => {
  pg = await createScratchPostgres();
  await pg.start();
  // Trust authentication ignores the password; it is there to prove it never reaches a log line.
  const url = new URL(pg.url);
  url.password = PASSWORD;
  db = await openDatabase({
    mode: 'postgres',
    url: url.toString(),
    poolSize: 4,
    connectTimeoutMs: 1_000,
    statementTimeoutMs: 1_500,
  });
  await prepareDatabase(db, { seed: 'always', logger });
  // No response cache: it would (rightly) keep answering the repeated public query while the database is
  // down, and these tests are about the queries that need the database.
  server = await startServer({
    db,
    logger,
    port: 0,
    host: '127.0.0.1',
    production: true,
    responseCache: { ttlSeconds: 0, maxBytes: 0 },
  });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await pg?.dispose();
});

/**
 * One document per way a read reaches the database: the compiled statement (events), and the direct
 * reads beside Prisma (the relationship view's aggregate and records, search).
 */
const READS = {
  events: '{ events(first: 2) { totalCount edges { node { slug } } } }',
  relationship:
    '{ relationship(between: ["JP", "VN"]) { lastContact { slug } countsByYear { period count } events(first: 1) { totalCount } } }',
  search: '{ search(query: "defence", first: 2) { totalCount edges { node { headline event { slug } } } } }',
};
type Read = keyof typeof READS;

async function query(headers: Record<string, string> = {}, read: Read = 'events') {
  const started = Date.now();
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: READS[read] }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    codes: (body.errors ?? []).map((e) => e.extensions?.code),
    data: body.data,
    ms: Date.now() - started,
  };
}

async function probe(path: '/readyz' | '/healthz') {
  const started = Date.now();
  const response = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(10_000) });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, string>,
    ms: Date.now() - started,
  };
}

/** Retries until the query succeeds; the server must get there by itself. */
async function untilServing(withinMs = 15_000) {
  const deadline = Date.now() + withinMs;
  let last = await query();
  while (last.status !== 200 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await query();
  }
  return last;
}

describe('PostgreSQL down, restarting and back', () => {
  it('serves while the database is up', async () => {
    const answer = await query();
    expect(answer).toMatchObject({ status: 200, codes: [] });
    expect(answer.data.events.totalCount).toBeGreaterThan(0);
    for (const read of ['relationship', 'search'] as const)
      expect(await query({}, read)).toMatchObject({ status: 200, codes: [] });
    expect((await probe('/readyz')).status).toBe(200);
  });

  it('while it is down: every query fails fast with 503 SERVICE_UNAVAILABLE, and /readyz says so', async () => {
    await pg.stop();
    const reads = Object.keys(READS) as Read[];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => query({}, reads[i % reads.length])),
    );
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 503, retryAfter: '1', codes: ['SERVICE_UNAVAILABLE'] });
      expect(answer.ms).toBeLessThan(FAST_MS);
    }
    const ready = await probe('/readyz');
    expect(ready).toMatchObject({
      status: 503,
      body: { status: 'unavailable', reason: 'the database is unreachable' },
    });
    expect(ready.ms).toBeLessThan(FAST_MS);
    expect((await probe('/healthz')).status).toBe(200);
  });

  it('while it is down: a request with an API key fails the same way (the key lookup needs the database)', async () => {
    const answer = await query({ authorization: 'Bearer some-key-that-needs-a-lookup' });
    expect(answer).toMatchObject({ status: 503, codes: ['SERVICE_UNAVAILABLE'] });
    expect(answer.ms).toBeLessThan(FAST_MS);
  });

  it('while it is down: over WebSocket too, each read fails fast with SERVICE_UNAVAILABLE', async () => {
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    try {
      for (const read of Object.keys(READS) as Read[]) {
        const started = Date.now();
        const result = await new Promise<{ errors?: readonly { extensions?: { code?: unknown } }[] }>(
          (resolve, reject) => {
            let last = {};
            client.subscribe(
              { query: READS[read] },
              { next: (value) => (last = value), error: reject, complete: () => resolve(last) },
            );
          },
        );
        expect(Date.now() - started).toBeLessThan(FAST_MS);
        const codes = (result.errors ?? []).map((e) => e.extensions?.code);
        expect(codes.length, read).toBeGreaterThan(0);
        expect(new Set(codes), read).toEqual(new Set(['SERVICE_UNAVAILABLE']));
      }
    } finally {
      await client.dispose();
    }
  });

  it('recovers by itself once the database is back', async () => {
    await pg.start();
    const answer = await untilServing();
    expect(answer).toMatchObject({ status: 200, codes: [] });
    expect(answer.data.events.totalCount).toBeGreaterThan(0);
    expect((await probe('/readyz')).status).toBe(200);
  });

  it('through a restart under traffic: each request gets 200 or 503, none hangs, then all 200', async () => {
    let traffic = true;
    const answers: Awaited<ReturnType<typeof query>>[] = [];
    const clients = (Object.keys(READS) as Read[]).map(async (read) => {
      while (traffic) answers.push(await query({}, read));
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await pg.restart();
    await new Promise((resolve) => setTimeout(resolve, 500));
    traffic = false;
    await Promise.all(clients);
    expect(answers.length).toBeGreaterThan(3);
    for (const answer of answers) {
      expect([200, 503]).toContain(answer.status);
      // A page whose fields load apart (the relationship view) may report the outage once per field.
      if (answer.status === 503) {
        expect(answer.codes.length).toBeGreaterThan(0);
        expect(new Set(answer.codes)).toEqual(new Set(['SERVICE_UNAVAILABLE']));
      }
      expect(answer.ms).toBeLessThan(FAST_MS);
    }
    expect(await untilServing()).toMatchObject({ status: 200, codes: [] });
  });

  it('cancels a runaway statement (statement_timeout) and reports it as an outage, not a bug', async () => {
    const started = Date.now();
    const error = await db.prisma.$queryRaw`SELECT pg_sleep(5)`.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(4_000);
    const format = createErrorFormatter({ production: true });
    expect(format({ message: 'x' }, error).extensions?.code).toBe('SERVICE_UNAVAILABLE');
    // As a resolver's error arrives: with the path of the field that failed.
    reportErrors(
      logger,
      [new GraphQLError('x', { originalError: error as Error, path: ['events'] })],
      'test-request',
    );
  });

  it('logged the outage as an outage, never as a bug of ours, and never the password', () => {
    const records = lines.map((line) => JSON.parse(line) as { msg?: string; path?: unknown });
    expect(records.some((r) => r.msg === 'database unavailable')).toBe(true);
    expect(records.filter((r) => /unexpected|unhandled/.test(r.msg ?? ''))).toEqual([]);
    expect(lines.join('\n')).not.toContain(PASSWORD);
  });
});
