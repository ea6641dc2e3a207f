// Applies pending migrations from prisma/migrations the way `prisma migrate deploy` does, for machines
// where Prisma's schema engine cannot be downloaded. It keeps Prisma's bookkeeping exactly (the
// `_prisma_migrations` table, SHA-256 checksums of migration.sql, the same advisory lock key), so either
// tool can take over from the other on the same database.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SqlSession } from './sql-session.js';

/** The lock key Prisma Migrate takes, so that our migrator and Prisma's never run at the same time. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export const defaultMigrationsDir = fileURLToPath(new URL('../../../prisma/migrations/', import.meta.url));

export interface MigrationFile {
  name: string;
  script: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
  /** Applied migrations whose file has changed since (Prisma warns about these too). */
  modifiedAfterApply: string[];
  /** Migrations recorded in the database but missing from the folder. */
  unknown: string[];
}

export class MigrationError extends Error {
  constructor(
    readonly migration: string,
    message: string,
  ) {
    super(`migration ${migration}: ${message}`);
    this.name = 'MigrationError';
  }
}

// Prisma's own definition of its bookkeeping table.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

export function checksumOf(script: string): string {
  return createHash('sha256').update(script, 'utf8').digest('hex');
}

/** The migrations in Prisma's layout (`<timestamp>_<name>/migration.sql`), in the order they apply. */
export async function readMigrations(dir = defaultMigrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const script = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, script, checksum: checksumOf(script) };
    }),
  );
}

interface AppliedRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies every pending migration, each in its own transaction together with its bookkeeping row, under
 * Prisma's advisory lock: servers starting together apply each migration once, and a failing migration
 * leaves neither its changes nor a record behind.
 */
export async function applyMigrations(
  session: SqlSession,
  migrations?: MigrationFile[],
): Promise<MigrationReport> {
  const files = migrations ?? (await readMigrations());
  await session.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  try {
    await session.exec(CREATE_MIGRATIONS_TABLE);
    const rows = await session.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
    );
    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
        failed.migration_name,
        'is recorded as failed; resolve it (`prisma migrate resolve`) before applying more',
      );
    }
    const done = new Map(
      rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]),
    );
    const report: MigrationReport = {
      applied: [],
      alreadyApplied: [],
      modifiedAfterApply: [],
      unknown: [...done.keys()].filter((name) => !files.some((f) => f.name === name)),
    };
    for (const file of files) {
      const recorded = done.get(file.name);
      if (recorded !== undefined) {
        report.alreadyApplied.push(file.name);
        if (recorded !== file.checksum) report.modifiedAfterApply.push(file.name);
        continue;
      }
      await applyOne(session, file);
      report.applied.push(file.name);
    }
    return report;
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK_KEY]);
  }
}

async function applyOne(session: SqlSession, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await session.exec('BEGIN');
  try {
    await session.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, file.checksum, file.name],
    );
    await session.exec(file.script);
    await session.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await session.exec('COMMIT');
  } catch (error) {
    await session.exec('ROLLBACK').catch(() => {});
    throw new MigrationError(file.name, error instanceof Error ? error.message : String(error));
  }
}
