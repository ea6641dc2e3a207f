// The composition root: the one place that wires core (src/core/) to the modules (src/modules/) and the
// features (src/features/). Core never imports a module; what it needs from them it is given here — the
// schema, the compiled read path's root fields, the HTTP routes beside /graphql, the seed and the
// reference data read before serving, the modules' settings checked at start.
import { ROOT_FIELDS } from './compiled-roots.js';
import { configFromEnv as coreConfigFromEnv, type AppConfig } from './core/config.js';
import {
  prepareDatabase as prepareCoreDatabase,
  type DatabaseHooks,
  type SeedPolicy,
} from './core/db/bootstrap.js';
import type { Database } from './core/db/database.js';
import type { Logger } from './core/logger.js';
import {
  startServer as startCoreServer,
  type RunningServer,
  type ServerOptions,
  type ServerParts,
} from './core/server/app.js';
import { exportRouter } from './features/export/export-routes.js';
import { DEFAULT_GRAPHIQL_QUERY } from './features/graphiql/default-query.js';
import { exampleTabs } from './features/graphiql/example-tabs.js';
import { graphiqlRouter } from './features/graphiql/graphiql-routes.js';
import { loadCodebook } from './modules/event/codes/codebook.js';
import { searchCandidateLimit, searchCountLimit } from './modules/search/search.data.js';
import { schema } from './schema.js';

export type { RunningServer, ServerOptions };

/** The server's configuration from the environment, the modules' own settings checked with it. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return coreConfigFromEnv(env, [searchCountLimit, searchCandidateLimit]);
}

const databaseHooks: DatabaseHooks = {
  async seed(prisma) {
    // Imported only when seeding: a restart on a seeded database does not load the articles' dataset.
    const [{ dataset }, { seedDatabase }] = await Promise.all([
      import('../seeds/japan-vietnam.js'),
      import('../seeds/seed.js'),
    ]);
    return seedDatabase(prisma, dataset);
  },
  // The event-code reference data, read now so that no request pays for it (it never changes while
  // the server runs: only migrations write it).
  async ready(prisma) {
    await loadCodebook(prisma);
  },
};

/** Pending migrations, then the seed if `seed` asks for it, then the reference data (src/core/db/bootstrap.ts). */
export function prepareDatabase(db: Database, options: { seed: SeedPolicy; logger: Logger }): Promise<void> {
  return prepareCoreDatabase(db, options, databaseHooks);
}

const serverParts: ServerParts = {
  schema,
  compiledRoots: ROOT_FIELDS,
  routes: ({ db, access, logger }) => ({
    before: [
      graphiqlRouter({ defaultQuery: DEFAULT_GRAPHIQL_QUERY, tabs: exampleTabs(), endpoint: '/graphql' }),
    ],
    after: [exportRouter({ db, access, logger })],
    corsPaths: ['/export'],
  }),
};

/** Serves the API: core's HTTP server (src/core/server/app.ts) with this application's schema and routes. */
export function startServer(options: ServerOptions): Promise<RunningServer> {
  return startCoreServer(options, serverParts);
}
