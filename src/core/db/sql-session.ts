// A minimal raw-SQL session, outside Prisma, for the work Prisma cannot do for us: applying migrations
// (multi-statement scripts, advisory locks) and, later, LISTEN/NOTIFY. Two implementations with one
// interface, so the migrator runs the same code on a real PostgreSQL and on the embedded one.
import type { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';

export interface SqlSession {
  /** Runs a script of one or more statements (simple query protocol). */
  exec(script: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<Row extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /**
   * Streams one statement's rows in batches through a server-side cursor, so that memory stays bounded
   * however many rows there are. PostgreSQL only: undefined on the embedded database (page with keysets).
   */
  cursor?<Row extends Record<string, unknown>>(
    text: string,
    params: unknown[],
    batchSize: number,
  ): AsyncIterable<Row[]>;
  close(): Promise<void>;
}

/** A single dedicated connection to PostgreSQL through postgres.js (advisory locks are per session). */
export function postgresSession(url: string): SqlSession {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10, prepare: false });
  return {
    async exec(script) {
      await sql.unsafe(script).simple();
    },
    async query<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
      const rows = await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[]);
      return [...rows] as unknown as Row[];
    },
    cursor<Row extends Record<string, unknown>>(text: string, params: unknown[], batchSize: number) {
      return sql
        .unsafe(text, params as postgres.ParameterOrJSON<never>[])
        .cursor(batchSize) as unknown as AsyncIterable<Row[]>;
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}

/** A session on the embedded database. PGlite has one connection; closing the session leaves it open. */
export function pgliteSession(db: PGlite): SqlSession {
  return {
    async exec(script) {
      await db.exec(script);
    },
    async query<Row extends Record<string, unknown>>(text: string, params: unknown[] = []) {
      const result = await db.query<Row>(text, params);
      return result.rows;
    },
    async close() {},
  };
}

/** A LISTEN on one channel; `close` stops it. */
export interface Listener {
  close(): Promise<void>;
}

/**
 * LISTENs on a dedicated postgres.js connection, which re-connects and re-listens by itself after the
 * database restarts (notifications sent while it was away are lost, as PostgreSQL defines).
 */
export async function postgresListen(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect?: () => void,
): Promise<Listener> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  // postgres.js calls `onlisten` on every (re)connect; the first call is the initial LISTEN itself.
  let connected = false;
  await sql.listen(channel, onPayload, () => {
    if (connected) onReconnect?.();
    connected = true;
  });
  return { close: () => sql.end({ timeout: 5 }) };
}

/** LISTENs on the embedded database: notifications from its one connection, i.e. this process. */
export async function pgliteListen(
  db: PGlite,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<Listener> {
  const unlisten = await db.listen(channel, onPayload);
  return { close: () => unlisten() };
}
