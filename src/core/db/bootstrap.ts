// Brings a database up to date before the server takes traffic: pending migrations, then — for an
// empty embedded database — the seed from the articles, so `npm start` on a fresh machine shows data.
import type { SeedReport } from '../../../seeds/seed.js';
import { loadCodebook } from '../../modules/event/codes/codebook.js';
import type { Logger } from '../logger.js';
import type { Database } from './database.js';

export type SeedPolicy = 'if-empty' | 'never' | 'always';

export async function prepareDatabase(
  db: Database,
  options: { seed: SeedPolicy; logger: Logger },
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
    // Imported only when seeding: a restart on a seeded database does not load the articles' dataset.
    const [{ dataset }, { seedDatabase }] = await Promise.all([
      import('../../../seeds/japan-vietnam.js'),
      import('../../../seeds/seed.js'),
    ]);
    const seeded: SeedReport = await seedDatabase(db.prisma, dataset);
    options.logger.info({ seeded }, 'seeded from the articles');
  }
  // The event-code reference data, read now so that no request pays for it (it never changes while
  // the server runs: only migrations write it).
  await loadCodebook(db.prisma);
}
