// The HTTP server: Express 5 with Apollo Server 5 on /graphql, GraphiQL for browsers, health checks.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import express, { type RequestHandler } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { AccessPolicy } from '../auth/access.js';
import { authenticate } from '../auth/authenticate.js';
import type { Database } from '../db/database.js';
import { ChangeFeed } from '../live/change-feed.js';
import { withStatementTally, type StatementTally } from '../db/statement-counter.js';
import {
  compiledReadsPlugin,
  stringifyResult,
  type CompiledRoots,
} from '../graphql/compile/compiled-reads.js';
import { createRequestContext, type RequestContext } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { afterBodyRefused, bodyLimit, parseByteSize } from './body-limit.js';
import { corsMiddleware, type CorsOrigins } from './cors.js';
import { refuseSimplePosts } from './csrf.js';
import { createErrorFormatter, reportErrors } from './format-error.js';
import { graphqlHandler } from './graphql-handler.js';
import { jsonErrorHandler, notFoundHandler } from './http-errors.js';
import { DEFAULT_LIMIT_VALUES, type LimitValues } from './limits.js';
import { OperationPipeline } from './operation-pipeline.js';
import { readConsistencyPlugin, readRouting } from './read-consistency.js';
import { readinessHandler } from './readiness.js';
import { requestLogging } from './request-logging.js';
import { securityHeaders } from './security-headers.js';
import { DEFAULT_RESPONSE_CACHE, ResponseCache, type ResponseCacheOptions } from './response-cache.js';
import { DEFAULT_SHUTDOWN_TIMEOUT_MS } from './shutdown.js';
import { rethrowAsOutage, unavailableStatusPlugin } from './unavailable-status.js';
import { attachGraphQLWebSocket } from './websocket.js';

export interface ServerOptions {
  db: Database;
  logger: Logger;
  port: number;
  host?: string;
  production: boolean;
  /** Limits to raise or lower from their defaults (limits.ts); tests lower them. */
  limits?: Partial<LimitValues>;
  /** Largest accepted request body, e.g. '2mb' (default: the `messageBytes` limit). */
  bodyLimit?: string;
  /** Whether reads need a key (default: reads are public). */
  access?: AccessPolicy;
  /** How long `close()` lets in-flight requests run; connections still open a second later are cut. */
  shutdownTimeoutMs?: number;
  /** Caching of public reads (see response-cache.ts); `ttlSeconds: 0` turns it off. */
  responseCache?: ResponseCacheOptions;
  /** Origins whose pages may call the API (see cors.ts); default: localhost pages unless production. */
  corsOrigins?: CorsOrigins;
  /** Answer compilable queries with one SQL statement (src/core/graphql/compile/); default true. */
  compiledReads?: boolean | { onFallback?: (reason: string) => void };
}

/** What the composition root (src/app.ts) gives the server: the schema, and the modules' and features' parts. */
export interface ServerParts {
  schema: GraphQLSchema;
  /** Root fields the compiled read path may start from. */
  compiledRoots: CompiledRoots;
  /** HTTP routes beside /graphql, made with what the server has opened. */
  routes: (deps: RouteDeps) => ServerRoutes;
}

export interface RouteDeps {
  db: Database;
  access: AccessPolicy;
  logger: Logger;
}

export interface ServerRoutes {
  /** Mounted before /graphql (pages that answer a browser's GET of /graphql). */
  before: RequestHandler[];
  /** Mounted after /graphql. */
  after: RequestHandler[];
  /** Paths besides /graphql that other origins' pages may call (CORS). */
  corsPaths: string[];
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions, parts: ServerParts): Promise<RunningServer> {
  const { db, logger } = options;
  const { schema } = parts;
  const app = express();
  app.disable('x-powered-by');
  const limits: LimitValues = { ...DEFAULT_LIMIT_VALUES, ...options.limits };
  const bodyLimitBytes = options.bodyLimit ? parseByteSize(options.bodyLimit) : limits.messageBytes;
  app.use(securityHeaders);
  app.use(requestLogging(logger));
  app.use(bodyLimit(bodyLimitBytes));
  const httpServer = http.createServer(app);
  const pipeline = new OperationPipeline(schema, limits);
  const formatError = createErrorFormatter({ production: options.production });
  const access: AccessPolicy = options.access ?? { publicReads: true };
  const routes = parts.routes({ db, access, logger });
  const changes = await ChangeFeed.start(db, logger);
  const responseCache = await ResponseCache.start(db, options.responseCache ?? DEFAULT_RESPONSE_CACHE);
  const websocket = attachGraphQLWebSocket({
    httpServer,
    schema,
    pipeline,
    formatError,
    prisma: db.prisma,
    read: db.read,
    changes,
    access,
    logger,
  });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    // Replaced by csrf.ts: GET queries need no extra header (no ambient credentials here), simple POSTs
    // are refused.
    csrfPrevention: false,
    introspection: true,
    includeStacktraceInErrorResponses: !options.production,
    // Signals are handled by shutdown.ts, which also closes the database.
    stopOnTerminationSignals: false,
    parseOptions: pipeline.parseOptions,
    formatError,
    // Apollo's compact JSON, with compiled answers' JSON text spliced in unparsed.
    stringifyResult,
    plugins: [
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: (options.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS) + 1_000,
      }),
      ApolloServerPluginLandingPageDisabled(),
      // We set no cache hints; the default plugin would still wrap every resolver to compute them (a
      // profile of the timeline put 9% of server time in Apollo, mostly there).
      ApolloServerPluginCacheControlDisabled(),
      pipeline.apolloPlugin(logger),
      unavailableStatusPlugin(),
      ...readConsistencyPlugin(db),
      ...(responseCache?.plugins() ?? []),
      // After the cache, so that a cached answer is served before anything is compiled.
      ...(options.compiledReads === false
        ? []
        : [
            compiledReadsPlugin({
              schema,
              prisma: db.prisma,
              read: db.read,
              roots: parts.compiledRoots,
              ...(typeof options.compiledReads === 'object' ? options.compiledReads : {}),
            }),
          ]),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', readinessHandler(db));

  app.use(
    ['/graphql', ...routes.corsPaths],
    corsMiddleware(options.corsOrigins ?? (options.production ? [] : 'local')),
  );
  for (const route of routes.before) app.use(route);
  app.use(
    '/graphql',
    // Every statement this request sends is counted in its own tally (see statement-counter.ts).
    (_req, res, next) => {
      const tally: StatementTally = { statements: 0 };
      res.locals.tally = tally;
      withStatementTally(tally, next);
    },
    refuseSimplePosts,
    // With read replicas: where this request's statements may run (see read-consistency.ts).
    readRouting(db),
    express.json({ limit: bodyLimitBytes }),
    graphqlHandler(apollo, {
      // A bad key fails the whole request (401), before any resolver runs.
      context: async ({ req, res }) => {
        const requestId = res.locals.requestId as string | undefined;
        return createRequestContext({
          prisma: db.prisma,
          read: db.read,
          changes,
          access,
          // Apollo's plugins never see a failed context: its errors are logged here, like any other.
          viewer: await authenticate(db.prisma, req.headers.authorization).catch((error: unknown) => {
            reportErrors(logger, [error], requestId);
            return rethrowAsOutage(error);
          }),
          requestId,
          tally: res.locals.tally as StatementTally,
        });
      },
    }),
  );
  for (const route of routes.after) app.use(route);
  // Keep these last: they answer what no route above did, in JSON rather than Express's HTML pages.
  app.use(notFoundHandler);
  app.use(afterBodyRefused);
  app.use(jsonErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : 'localhost'}:${port}`;
  return {
    url,
    port,
    async close() {
      await websocket.close();
      await apollo.stop();
      await changes.close();
      await responseCache?.close();
    },
  };
}
