// Closed-loop load at a fixed concurrency for a fixed time, in two flavours measured the same way: HTTP
// requests to the server through autocannon, and floor statements straight to PostgreSQL through a pg
// Pool. Both record every request's latency themselves (autocannon's histogram has no p95), count errors
// by reading the answers (a GraphQL error comes back with HTTP 200), and collect the statement count the
// server reports in each answer.
import { createHash } from 'node:crypto';
import autocannon from 'autocannon';
import type pg from 'pg';
import { Prng } from './data/prng.js';
import { sampleRss } from './server.js';

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  /** Non-2xx answers, answers carrying GraphQL errors, and connection errors or timeouts. */
  errors: { http: number; graphql: number; connection: number; first?: string };
  /** SQL statements per successful request as the server reported them; null for the floor. */
  statements: {
    /** Successful answers that carried the count. */
    counted: number;
    min: number;
    max: number;
    mean: number;
    /** Successful answers without extensions.sql.statements. */
    missing: number;
    /** Successful answers that ran no SQL at all: served from the response cache. */
    withoutSql: number;
  } | null;
  /** The server's largest resident set size while this ran (bytes); null for the floor. */
  maxRssBytes: number | null;
}

export const errorCount = (r: LoadResult) => r.errors.http + r.errors.graphql + r.errors.connection;

export function summarise(latencies: number[]): LatencySummary {
  if (latencies.length === 0) return { p50: 0, p95: 0, p99: 0, mean: 0, max: 0 };
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean, max: sorted[sorted.length - 1]! };
}

export interface HttpLoad {
  url: string;
  connections: number;
  seconds: number;
  /** The request body (a GraphQL request) for the next request of one connection. */
  body: (rng: Prng) => string;
  headers?: Record<string, string>;
  /** Requests per second over all connections (open loop); unset, each connection sends as fast as it can. */
  rate?: number;
  /** Sample this pid's RSS during the run. */
  serverPid?: number;
}

/** Drives the server's /graphql endpoint with a seeded stream of request parameters. */
export async function runHttp(load: HttpLoad): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: LoadResult['errors'] = { http: 0, graphql: 0, connection: 0 };
  const statements: number[] = [];
  let missing = 0;
  // One parameter stream shared by all connections (autocannon resets a connection's context after each
  // pass over `requests`, so per-connection state would not survive).
  const rng = new Prng(1);
  const note = (what: string) => {
    errors.first ??= what.slice(0, 500);
  };
  const instance = autocannon({
    url: load.url,
    connections: load.connections,
    duration: load.seconds,
    timeout: 30,
    ...(load.rate ? { overallRate: load.rate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        // The same Accept header for every server: grafserv's status codes depend on it.
        headers: { 'content-type': 'application/json', accept: 'application/json', ...load.headers },
        setupRequest: (request) => ({ ...request, body: load.body(rng) }),
        onResponse: (status, body) => {
          if (status < 200 || status > 299) {
            errors.http++;
            note(`HTTP ${status}: ${body}`);
            return;
          }
          // Errors sit at the top level of the answer; a cheap look instead of parsing every body.
          if (
            body.startsWith('{"errors"') ||
            body.includes('],"errors":[') ||
            body.includes('},"errors":[')
          ) {
            errors.graphql++;
            note(body);
            return; // a failed request's statement count says nothing about the operation
          }
          const at = body.lastIndexOf('"statements":');
          if (at < 0) missing++;
          else statements.push(parseInt(body.slice(at + 13, at + 23), 10));
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  instance.on('reqError', (error: Error) => note(`request error: ${error.message}`));
  const rss = load.serverPid ? sampleRss(load.serverPid) : null;
  const result = await instance;
  const maxRssBytes = rss ? await rss.stop() : null;
  errors.connection = result.errors + result.timeouts;
  const requests = latencies.length;
  return {
    requests,
    seconds: result.duration,
    requestsPerSecond: requests / result.duration,
    latencyMs: summarise(latencies),
    errors,
    statements: {
      counted: statements.length,
      min: statements.length ? Math.min(...statements) : 0,
      max: statements.length ? Math.max(...statements) : 0,
      mean: statements.length ? statements.reduce((a, b) => a + b, 0) / statements.length : 0,
      missing,
      withoutSql: statements.filter((n) => n === 0).length,
    },
    maxRssBytes,
  };
}

/**
 * The same closed loop against PostgreSQL: `connections` workers sharing a pg Pool of that size. The
 * statement runs as a named prepared statement, as the server's compiled reads do: each connection
 * parses and plans it once, which is the fastest the database can answer it.
 */
export async function runFloor(
  pool: pg.Pool,
  sql: string,
  params: (rng: Prng) => unknown[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errors: LoadResult['errors'] = { http: 0, graphql: 0, connection: 0 };
  const name = `floor_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, i) => {
      const rng = new Prng(i + 1);
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await pool.query({ name, text: sql, values: params(rng) });
        } catch (error) {
          errors.connection++;
          errors.first ??= error instanceof Error ? error.message : String(error);
        }
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: latencies.length,
    seconds: elapsed,
    requestsPerSecond: latencies.length / elapsed,
    latencyMs: summarise(latencies),
    errors,
    statements: null,
    maxRssBytes: null,
  };
}

/**
 * Waits until no other session runs a statement on this database: autocannon stops at its deadline but
 * the server finishes (or times out) the requests still in flight, and those must not run into the next
 * measurement.
 */
export async function waitForQuiet(pool: pg.Pool, maxSeconds = 30): Promise<void> {
  const deadline = performance.now() + maxSeconds * 1000;
  let quiet = 0;
  // Twice in a row, 300 ms apart: between two statements of a request the server's sessions are briefly
  // idle (or idle in a transaction, for writes).
  while (quiet < 2 && performance.now() < deadline) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid()
         AND state IN ('active', 'idle in transaction')`,
    );
    quiet = (rows[0]?.n ?? 0) === 0 ? quiet + 1 : 0;
    await new Promise((r) => setTimeout(r, 300));
  }
}
