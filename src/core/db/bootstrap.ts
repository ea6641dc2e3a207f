// Brings a database up to date before the server takes traffic: pending migrations, then — for an
// empty embedded database — the seed from the articles, so `npm start` on a fresh machine shows data.
// What the seed is and what to read before serving come from the composition root (src/app.ts).
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Logger } from '../logger.js';
import type { Database } from './database.js';

export type SeedPolicy = 'if-empty' | 'never' | 'always';

export interface DatabaseHooks {
  /** Writes the seed into an empty (or any, with SEED=always) database; returns what it wrote, for the log. */
  seed: (prisma: PrismaClient) => Promise<unknown>;
  /** Runs once the database is up to date, before any request (reference data read once). */
  ready: (prisma: PrismaClient) => Promise<void>;
}

export async function prepareDatabase(
  db: Database,
  options: { seed: SeedPolicy; logger: Logger },
  hooks: DatabaseHooks,
): Promise<void> {
  const report = await db.migrate();
  if (report.applied.length) options.logger.info({ applied: report.applied }, 'migrations applied');
  if (report.modifiedAfterApply.length) {
    options.logger.warn(
      { migrations: report.modifiedAfterApply },
      'migrations changed after they were applied',
    );
  }
  const empty = (await db.prisma.source.count()) === 0;
  if (options.seed === 'always' || (options.seed === 'if-empty' && empty)) {
    const seeded = await hooks.seed(db.prisma);
    options.logger.info({ seeded }, 'seeded from the articles');
  }
  await hooks.ready(db.prisma);
}
