// Whole-response caching for public reads, invalidated by every committed write.
//
// What is cached: the `data` of an anonymous query (no API key) while reads are public, without errors,
// keyed by its text, operation name and variables (@apollo/server-plugin-response-cache does the keying,
// storage and replay). Nothing else: not mutations, not requests with a key (their answers may depend on
// the key's role), not answers with errors.
//
// Invalidation: every table the API reads has a statement trigger that NOTIFYs `jvlog_data_changed`
// (migration 20261122000700_read_path), which PostgreSQL delivers at commit to every listening server
// process, whoever wrote: this API, an import, the seed or psql. A notification starts a new
// *generation*: entries of older generations are dropped and can no longer be read. A request's cache key
// carries the generation it started in, so a request that overlapped a write stores its answer under a
// generation that is already gone, and a stale answer is never stored where a later request would find
// it. A mutation answered by this process also starts a new generation before its response is sent, so
// a client that reads right after its own write sees it even if the notification is a few ms behind.
// Notifications sent while the listener was disconnected are lost, so a reconnect starts one too, and
// `ttlSeconds` bounds how long an entry can live in any case.
//
// With read replicas, an invalidation also raises the replicas' freshness floor (replica-set.ts): until
// a replica has replayed past the primary's WAL position at the invalidation, reads go to the primary,
// so an answer stored in the new generation is never older than the change that started it. A request
// presenting a consistency token (read-consistency.ts) is never answered from the cache: this process
// may not have heard of that write yet.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Database } from '../db/database.js';
import type { Listener } from '../db/sql-session.js';
import type { RequestContext } from '../graphql/context.js';
import { presentsConsistencyToken } from './read-consistency.js';

export const DATA_CHANGED_CHANNEL = 'jvlog_data_changed';

export interface ResponseCacheOptions {
  /** How long an answer may be served from the cache at most; 0 turns the cache off. */
  ttlSeconds: number;
  /** Memory the cached answers may take (their JSON text, in bytes), least recently used dropped first. */
  maxBytes: number;
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheOptions = { ttlSeconds: 60, maxBytes: 16 * 1024 * 1024 };

export class ResponseCache {
  readonly #store: InMemoryLRUCache<string>;
  #generation = 0;
  #listener: Listener | undefined;
  #onInvalidate: (() => void) | undefined;

  private constructor(readonly options: ResponseCacheOptions) {
    this.#store = new InMemoryLRUCache<string>({ maxSize: options.maxBytes });
  }

  /** Starts a cache that listens for data changes on `db`; `undefined` when the cache is off. */
  static async start(
    db: Pick<Database, 'listen' | 'replicas'>,
    options: ResponseCacheOptions,
  ): Promise<ResponseCache | undefined> {
    if (options.ttlSeconds <= 0) return undefined;
    const cache = new ResponseCache(options);
    const replicas = db.replicas;
    if (replicas) cache.#onInvalidate = () => replicas.raiseFloor();
    cache.#listener = await db.listen(
      DATA_CHANGED_CHANNEL,
      () => cache.invalidate(),
      () => cache.invalidate(),
    );
    return cache;
  }

  /** The generation requests starting now belong to. */
  get generation(): number {
    return this.#generation;
  }

  /** Forgets every cached answer, including those of requests still running. */
  invalidate(): void {
    this.#generation += 1;
    this.#store.clear();
    this.#onInvalidate?.();
  }

  /** The Apollo plugins that serve and fill the cache. */
  plugins(): ApolloServerPlugin<RequestContext>[] {
    const ttlSeconds = this.options.ttlSeconds;
    const cacheable = (context: RequestContext) =>
      context.viewer.kind === 'anonymous' && context.access.publicReads;
    const policy: ApolloServerPlugin<RequestContext> = {
      requestDidStart: async () => ({
        // The API sets no per-field cache hints (Apollo's cache-control plugin is off, see app.ts): a
        // public query's answer is as cacheable as the data under it, which the generations track.
        didResolveOperation: async ({ operation, contextValue, overallCachePolicy }) => {
          if (operation?.operation === 'query' && cacheable(contextValue)) {
            overallCachePolicy.replace({ maxAge: ttlSeconds, scope: 'PUBLIC' });
          }
        },
        willSendResponse: async ({ operation, response, metrics, contextValue }) => {
          if (operation?.operation === 'mutation') this.invalidate();
          // Tells clients (and the benchmark) which answers came from the cache.
          if (operation?.operation === 'query') {
            const state = !cacheable(contextValue) ? 'BYPASS' : metrics.responseCacheHit ? 'HIT' : 'MISS';
            response.http.headers.set('x-response-cache', state);
          }
        },
      }),
    };
    const store = responseCachePlugin<RequestContext>({
      cache: this.#store,
      shouldReadFromCache: async ({ contextValue }) => cacheable(contextValue) && !presentsConsistencyToken(),
      shouldWriteToCache: async ({ contextValue }) => cacheable(contextValue),
      // Read once, when the request starts, and reused for the write at its end (see the header).
      extraCacheKeyData: async () => this.#generation,
    });
    return [policy, store as ApolloServerPlugin<BaseContext> as ApolloServerPlugin<RequestContext>];
  }

  async close(): Promise<void> {
    await this.#listener?.close();
  }
}
