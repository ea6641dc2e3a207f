// Read replicas, seen from the API (active only when DATABASE_REPLICA_URLS is set):
// - a GraphQL query is routed to the replicas; a mutation (all of it: its writes, the reads inside them
//   and the reads of its payload) and everything outside /graphql stays on the primary;
// - read-your-writes: a mutation's response carries a consistency token, the primary's WAL position
//   after its commit, in `extensions.consistency.token` and the `x-consistency-token` header. A read
//   that presents it (the same header, or `extensions.consistency.token` in the request) is served by a
//   replica only once that replica has replayed past it, else by the primary. Tokens are LSNs in
//   PostgreSQL's text form ("0/3A1B2C8"), the same on every API process over one primary;
// - a query's response says where its statements ran: `extensions.consistency.servedBy` (empty for
//   an answer from the response cache).
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { Database } from '../db/database.js';
import { currentReadRoute, formatLsn, parseLsn, withReadRoute, type ReadRoute } from '../db/read-routing.js';
import type { RequestContext } from '../graphql/context.js';

export const CONSISTENCY_HEADER = 'x-consistency-token';

/** Beyond any WAL position: a malformed token cannot be checked, so its reads go to the primary. */
const UNCHECKABLE = 2n ** 64n;

function minLsnOf(token: unknown): bigint {
  if (typeof token !== 'string' || token === '') return 0n;
  return parseLsn(token) ?? UNCHECKABLE;
}

/** Opens the request's route (primary until the operation is known to be a query). */
export function readRouting(db: Pick<Database, 'replicas'>): RequestHandler {
  return (req, _res, next) => {
    if (!db.replicas) return next();
    const route: ReadRoute = {
      target: 'primary',
      minLsn: minLsnOf(req.headers[CONSISTENCY_HEADER]),
      servedBy: new Set(),
    };
    withReadRoute(route, next);
  };
}

export function readConsistencyPlugin(db: Pick<Database, 'replicas'>): ApolloServerPlugin<RequestContext>[] {
  const replicas = db.replicas;
  if (!replicas) return [];
  return [
    {
      requestDidStart: async () => ({
        didResolveOperation: async ({ operation, request }) => {
          const route = currentReadRoute();
          if (!route || operation?.operation !== 'query') return;
          const token = (request.extensions?.consistency as { token?: unknown } | undefined)?.token;
          const fromBody = minLsnOf(token);
          if (fromBody > route.minLsn) route.minLsn = fromBody;
          route.target = 'replica';
        },
        willSendResponse: async ({ operation, response }) => {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (operation?.operation === 'mutation') {
            // After the mutation's transactions committed: at or past every commit of this request.
            const token = await replicas.primaryLsn().then(formatLsn, () => undefined);
            if (token === undefined) return;
            result.extensions = { ...result.extensions, consistency: { token } };
            response.http.headers.set(CONSISTENCY_HEADER, token);
          } else if (operation?.operation === 'query') {
            const route = currentReadRoute();
            if (!route) return;
            result.extensions = {
              ...result.extensions,
              consistency: { servedBy: [...route.servedBy] },
            };
          }
        },
      }),
    },
  ];
}

/** Whether this request presented a consistency token (the response cache does not answer those). */
export function presentsConsistencyToken(): boolean {
  return (currentReadRoute()?.minLsn ?? 0n) > 0n;
}
