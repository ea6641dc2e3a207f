// The HTTP server: Express 5 with Apollo Server 5 on /graphql, GraphiQL for browsers, health checks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import type { Database } from '../db/database.js';
import { withStatementTally, type StatementTally } from '../db/statement-counter.js';
import { graphiqlRouter } from '../graphiql/graphiql-routes.js';
import { createRequestContext, type RequestContext } from '../graphql/context.js';
import { schema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import { DEFAULT_GRAPHIQL_QUERY } from './default-query.js';
import { createErrorFormatter } from './format-error.js';
import { queryLimitsPlugin, type QueryLimits } from './query-limits.js';

export interface ServerOptions {
  db: Database;
  logger: Logger;
  port: number;
  host?: string;
  production: boolean;
  limits?: Partial<QueryLimits>;
  /** Largest accepted request body. */
  bodyLimit?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 25_000 };

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { db, logger } = options;
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };

  const apollo = new ApolloServer<RequestContext>({
    schema,
    csrfPrevention: true,
    introspection: true,
    includeStacktraceInErrorResponses: !options.production,
    formatError: createErrorFormatter({ production: options.production, logger }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      queryLimitsPlugin(schema, limits),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.prisma.$queryRaw`SELECT 1`;
      res.json({ status: 'ready', database: db.mode });
    } catch {
      res.status(503).json({ status: 'unavailable', database: db.mode });
    }
  });

  app.use(graphiqlRouter({ defaultQuery: DEFAULT_GRAPHIQL_QUERY, endpoint: '/graphql' }));
  app.use(
    '/graphql',
    // Every statement this request sends is counted in its own tally (see statement-counter.ts).
    (_req, res, next) => {
      const tally: StatementTally = { statements: 0 };
      res.locals.tally = tally;
      withStatementTally(tally, next);
    },
    express.json({ limit: options.bodyLimit ?? '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ res }) => ({
        ...createRequestContext(db.prisma),
        tally: res.locals.tally as StatementTally,
      }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`;
  return {
    url,
    port,
    close: () => apollo.stop(),
  };
}
