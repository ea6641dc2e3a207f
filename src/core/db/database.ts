// The one place that opens the database: PostgreSQL through @prisma/adapter-pg when DATABASE_URL is set,
// else the embedded PostgreSQL (PGlite) in a data folder. Everything above this file — migrations,
// seeds, resolvers — runs the same code on both.
//
// Each mode's driver is imported only when that mode opens: the embedded mode then starts without
// loading pg, and a PostgreSQL server does not hold PGlite's code in memory.
import { mkdir } from 'node:fs/promises';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from '../../generated/prisma/client.js';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  redactUrl,
  type DatabaseConfig,
} from './config.js';
import { lockDataDir } from './data-dir-lock.js';
import { applyMigrations, type MigrationReport } from './migrate.js';
import {
  pgliteListen,
  pgliteSession,
  postgresListen,
  postgresSession,
  type Listener,
  type SqlSession,
} from './sql-session.js';
import { sharedAdapter, statementNameOf, type DirectRead } from './direct-reads.js';
import { ReplicaSet } from './replica-set.js';
import { routingAdapter } from './routing-adapter.js';
import { countingAdapter } from './statement-counter.js';
import { withListArgsAsLiterals } from './pglite-list-args.js';

/** The `dataDir` of an embedded database that lives in memory only (PGlite's convention). */
export const IN_MEMORY = 'memory://';

export interface Database {
  readonly mode: DatabaseConfig['mode'];
  /** Where the data is, safe to log (no password). */
  readonly location: string;
  /**
   * The one Prisma client. With read replicas configured, its statements go to the primary unless the
   * request has been routed to replicas (read-routing.ts): code that does not opt in reads the primary.
   */
  readonly prisma: PrismaClient;
  /**
   * A read statement sent through the same driver adapter as Prisma's (counted, routed to replicas like
   * its reads) without Prisma's client runtime; a named one is prepared once per connection where the
   * driver can (see direct-reads.ts).
   */
  readonly read: DirectRead;
  /** The read replicas' health and the primary's WAL position; undefined when none are configured. */
  readonly replicas?: ReplicaSet;
  /** A raw-SQL session outside Prisma (migrations, LISTEN/NOTIFY). Close it when done. */
  openSqlSession(): SqlSession;
  /**
   * LISTENs for NOTIFY on a channel (across processes on PostgreSQL; in-process when embedded).
   * `onReconnect` runs each time a lost connection has been re-established and listens again:
   * notifications sent meanwhile are lost, so callers that keep derived state can reset it.
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<Listener>;
  /** Applies pending migrations from prisma/migrations. */
  migrate(): Promise<MigrationReport>;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.mode === 'postgres') {
    // Fail fast while the database is down or restarting: a query waits at most the connect timeout for
    // a connection (including one from a full pool) and is then answered SERVICE_UNAVAILABLE, instead of
    // piling up. A runaway statement is cancelled by the server. TCP keep-alive notices a peer that
    // vanished without closing its connections.
    const { PrismaPg } = await import('@prisma/adapter-pg');
    const pool = (connectionString: string) =>
      new PrismaPg(
        {
          connectionString,
          max: config.poolSize,
          connectionTimeoutMillis: config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
          // PgBouncer refuses startup parameters it does not know: there, these settings belong to the
          // pooler's connect_query or to the role (docs/scaling-out.md). Prisma's statements are unnamed,
          // so they need nothing else to work in transaction mode.
          ...(config.pgbouncer
            ? {}
            : {
                statement_timeout: config.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
                // No JIT: the API's statements are short, but a few (search over a common word) are
                // estimated costly enough to be compiled, which took 0.6–1.2 s per execution, longer than
                // running them.
                options: '-c jit=off',
              }),
          keepAlive: true,
        },
        // Named prepared statements for the reads that ask for one (direct-reads.ts). Behind PgBouncer's
        // transaction mode a statement prepared on one server connection may be run on another, so there
        // every statement stays unnamed.
        config.pgbouncer ? {} : { statementNameGenerator: statementNameOf },
      ) as SqlDriverAdapterFactory;
    const replicas = config.replicas ? await ReplicaSet.start(config.url, config.replicas) : undefined;
    const adapter = replicas
      ? routingAdapter(pool(config.url), config.replicas!.urls.map(pool), replicas)
      : pool(config.url);
    const shared = sharedAdapter(countingAdapter(adapter));
    const prisma = new PrismaClient({ adapter: shared.factory });
    // Session state (LISTEN, advisory locks, cursors) needs a connection of its own, not a pooler's.
    const direct = config.directUrl ?? config.url;
    const openSqlSession = () => postgresSession(direct);
    return {
      mode: 'postgres',
      location: redactUrl(config.url),
      prisma,
      read: shared.read,
      ...(replicas ? { replicas } : {}),
      openSqlSession,
      listen: (channel, onPayload, onReconnect) => postgresListen(direct, channel, onPayload, onReconnect),
      migrate: () => withSession(openSqlSession(), applyMigrations),
      async close() {
        await replicas?.close();
        await prisma.$disconnect();
      },
    };
  }

  const inMemory = config.dataDir.startsWith(IN_MEMORY);
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
    inMemory ? undefined : mkdir(config.dataDir, { recursive: true }),
  ]);
  // One process per folder (see data-dir-lock.ts): refused here, before PGlite touches a file.
  const release = inMemory ? () => {} : lockDataDir(config.dataDir);
  let pglite;
  try {
    pglite = await PGlite.create(config.dataDir, config.image ? { loadDataDir: config.image } : {});
  } catch (error) {
    release();
    throw error;
  }
  const adapter = new PrismaPGlite(pglite) as unknown as SqlDriverAdapterFactory;
  const shared = sharedAdapter(countingAdapter(withListArgsAsLiterals(adapter)));
  const prisma = new PrismaClient({ adapter: shared.factory });
  return {
    mode: 'embedded',
    location: config.dataDir,
    prisma,
    read: shared.read,
    openSqlSession: () => pgliteSession(pglite),
    listen: (channel, onPayload) => pgliteListen(pglite, channel, onPayload),
    migrate: () => applyMigrations(pgliteSession(pglite)),
    async close() {
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}

async function withSession<T>(session: SqlSession, fn: (s: SqlSession) => Promise<T>): Promise<T> {
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
