// Starts the real server over real HTTP on a random port, on a database of its own, migrated and seeded.
import { openDatabase, type Database } from '../../src/core/db/database.js';
import { prepareDatabase, startServer } from '../../src/app.js';
import { logger as defaultLogger, type Logger } from '../../src/core/logger.js';
import type { CorsOrigins } from '../../src/core/server/cors.js';
import type { LimitValues } from '../../src/core/server/limits.js';
import type { ResponseCacheOptions } from '../../src/core/server/response-cache.js';
import { createTestDatabase } from './test-database.js';
import { print } from 'graphql';
import type { TadaDocumentNode } from './graphql.js';

export interface GraphQLResponse<Data = any> {
  status: number;
  data?: Data;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

/** The answer's data, once it has no errors (a test that expects none fails here, saying what came back). */
export function dataOf<Data>(response: GraphQLResponse<Data>): Data {
  if (response.errors || response.data == null)
    throw new Error(`expected data without errors, got ${JSON.stringify(response.errors ?? response)}`);
  return response.data;
}

export interface TestServer {
  url: string;
  /** The PostgreSQL URL of the test database (PostgreSQL mode only). */
  databaseUrl: string | undefined;
  db: Database;
  /** POSTs a GraphQL request as a client would and returns the parsed response. */
  gql<Data, Variables>(
    query: TadaDocumentNode<Data, Variables>,
    variables?: Variables,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<Data>>;
  gql<Data = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<Data>>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  seed?: boolean;
  production?: boolean;
  limits?: Partial<LimitValues>;
  /** Where the server logs (tests that inspect logs pass their own). */
  logger?: Logger;
  bodyLimit?: string;
  /** Reads need a key (READS_REQUIRE_KEY=true). */
  readsRequireKey?: boolean;
  /** Caching of public reads; off unless given (most tests count the statements of repeated queries). */
  responseCache?: ResponseCacheOptions;
  /** Origins whose pages may call (CORS_ORIGINS); the server's default unless given. */
  corsOrigins?: CorsOrigins;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const logger = options.logger ?? defaultLogger;
  const seed = options.seed !== false;
  // A copy of the run's migrated (and seeded) template when there is one: prepareDatabase then finds
  // nothing to apply and only the seed, already in the copy, is skipped. Embedded, the copy lives in
  // memory: only this process opens it.
  const database = await createTestDatabase({ template: seed ? 'seeded' : 'migrated', inMemory: true });
  const db = await openDatabase(database.config);
  await prepareDatabase(db, { seed: seed && database.prepared !== 'seeded' ? 'always' : 'never', logger });
  const server = await startServer({
    db,
    logger,
    port: 0,
    host: '127.0.0.1',
    production: options.production ?? false,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    access: { publicReads: !options.readsRequireKey },
    responseCache: options.responseCache ?? { ttlSeconds: 0, maxBytes: 0 },
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
  });
  return {
    url: server.url,
    databaseUrl: database.url,
    db,
    async gql(
      query: string | TadaDocumentNode<unknown, unknown>,
      variables?: unknown,
      headers: Record<string, string> = {},
    ) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: response.status, ...body };
    },
    async stop() {
      await server.close();
      await db.close();
      await database.drop();
    },
  };
}
