// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the embedded database).
import { databaseConfigFromEnv } from './config.js';
import { openDatabase } from './database.js';

const db = await openDatabase(databaseConfigFromEnv());
try {
  const report = await db.migrate();
  console.log(JSON.stringify(report, null, 2));
} finally {
  await db.close();
}
