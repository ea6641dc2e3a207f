// `/readyz`: may this process take traffic? Only when the database answers and its schema is the one
// this code was written for: every migration in prisma/migrations applied. A server started against a
// database someone forgot to migrate (or whose migration failed halfway) reports why instead of
// answering queries with SQL errors. `/healthz` (liveness) never looks at the database: a restart does
// not bring a database back.
//
// With read replicas, the answer also lists each replica's state (streaming, lagging, down…) and lag. A
// replica that is down or behind does not make the process unready: its reads go to the primary.
import { readdir } from 'node:fs/promises';
import type { RequestHandler } from 'express';
import type { Database } from '../db/database.js';
import { defaultMigrationsDir } from '../db/migrate.js';

export type Readiness = { ready: true } | { ready: false; reason: string };

export interface ReadinessOptions {
  migrationsDir?: string;
  /** A check that takes longer than this counts as failed, so probes never pile up. */
  timeoutMs?: number;
}

export function readinessCheck(db: Database, options: ReadinessOptions = {}) {
  const timeoutMs = options.timeoutMs ?? 3_000;
  // The folder ships with the code, so it is read once.
  let expected: Promise<string[]> | undefined;
  const migrationNames = () =>
    (expected ??= readdir(options.migrationsDir ?? defaultMigrationsDir, { withFileTypes: true }).then(
      (entries) => entries.filter((e) => e.isDirectory()).map((e) => e.name),
    ));

  async function check(): Promise<Readiness> {
    let applied: Set<string>;
    try {
      const rows = await db.prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      applied = new Set(rows.map((r) => r.migration_name));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/_prisma_migrations.*does not exist|42P01/.test(message)) {
        return { ready: false, reason: 'the database has no migrations applied' };
      }
      return { ready: false, reason: 'the database is unreachable' };
    }
    const pending = (
      await migrationNames().catch((error: unknown) => {
        expected = undefined;
        throw error;
      })
    ).filter((name) => !applied.has(name));
    return pending.length
      ? { ready: false, reason: `migrations not applied: ${pending.join(', ')}` }
      : { ready: true };
  }

  return async (): Promise<Readiness> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Readiness>((resolve) => {
      timer = setTimeout(
        () => resolve({ ready: false, reason: `the database did not answer within ${timeoutMs} ms` }),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([check(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

export function readinessHandler(db: Database, options?: ReadinessOptions): RequestHandler {
  const check = readinessCheck(db, options);
  return async (_req, res) => {
    const result = await check();
    const replicas = db.replicas ? { replicas: db.replicas.status() } : {};
    if (result.ready) res.json({ status: 'ready', database: db.mode, ...replicas });
    else
      res.status(503).json({ status: 'unavailable', database: db.mode, reason: result.reason, ...replicas });
  };
}
