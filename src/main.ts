// `npm start`: open the database (embedded unless DATABASE_URL is set), bring it up to date, serve.
import { configFromEnv } from './config.js';
import { prepareDatabase } from './db/bootstrap.js';
import { openDatabase } from './db/database.js';
import { logger } from './logger.js';
import { startServer } from './server/app.js';

const config = configFromEnv();
const db = await openDatabase(config.database);
logger.info({ mode: db.mode, location: db.location }, 'database opened');
await prepareDatabase(db, { seed: config.seed, logger });
const server = await startServer({
  db,
  logger,
  port: config.port,
  host: config.host,
  production: config.production,
});
logger.info({ url: `${server.url}/graphql` }, 'serving GraphQL (open it in a browser for GraphiQL)');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing in-flight requests');
  const timer = setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, 10_000);
  timer.unref();
  await server.close();
  await db.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
