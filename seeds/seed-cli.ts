// `npm run db:seed`: applies migrations and (re)seeds the database named by DATABASE_URL (or the embedded
// one). Idempotent: running it twice leaves the same rows.
import { openDatabase } from '../src/db/database.js';
import { databaseConfigFromEnv } from '../src/db/config.js';
import { prepareDatabase } from '../src/db/bootstrap.js';
import { logger } from '../src/logger.js';

const db = await openDatabase(databaseConfigFromEnv());
try {
  await prepareDatabase(db, { seed: 'always', logger });
} finally {
  await db.close();
}
