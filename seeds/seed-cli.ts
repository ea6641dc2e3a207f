// `npm run db:seed`: applies migrations and (re)seeds the database named by DATABASE_URL (or the embedded
// one). Idempotent: running it twice leaves the same rows.
import { openDatabase } from '../src/core/db/database.js';
import { databaseConfigFromEnv } from '../src/core/db/config.js';
import { prepareDatabase } from '../src/app.js';
import { logger } from '../src/core/logger.js';

const db = await openDatabase(databaseConfigFromEnv());
try {
  await prepareDatabase(db, { seed: 'always', logger });
} finally {
  await db.close();
}
