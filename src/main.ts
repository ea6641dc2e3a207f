// `npm start`: open the database (embedded unless DATABASE_URL is set), bring it up to date, serve.
import { bootstrapAdminKey } from './core/auth/bootstrap-key.js';
import { configFromEnv, prepareDatabase, startServer } from './app.js';
import { DataDirInUseError } from './core/db/data-dir-lock.js';
import { openDatabase } from './core/db/database.js';
import { logger } from './core/logger.js';
import { shutdownOnSignals } from './core/server/shutdown.js';

const config = configFromEnv();
const db = await openDatabase(config.database).catch((error: unknown) => {
  if (!(error instanceof DataDirInUseError)) throw error;
  logger.fatal(error.message);
  process.exit(1);
});
logger.info({ mode: db.mode, location: db.location }, 'database opened');
await prepareDatabase(db, { seed: config.seed, logger });
await bootstrapAdminKey(db, config.adminKeyFile, logger);
const server = await startServer({
  db,
  logger,
  port: config.port,
  host: config.host,
  production: config.production,
  shutdownTimeoutMs: config.shutdownTimeoutMs,
  access: config.access,
  responseCache: config.responseCache,
  corsOrigins: config.corsOrigins,
  compiledReads: config.compiledReads,
});
logger.info({ url: `${server.url}/graphql` }, 'serving GraphQL (open it in a browser for GraphiQL)');

shutdownOnSignals({ server, db, logger, timeoutMs: config.shutdownTimeoutMs });
