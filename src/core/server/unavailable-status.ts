// A GraphQL response that failed because the database is down is answered with HTTP 503 and
// `Retry-After`, not 200: load balancers, retrying clients and uptime checks act on the status, and a
// 200 would tell them everything is fine. errors.ts decides which errors are outages.
import type { ApolloServerPlugin } from '@apollo/server';
import { apiError, ErrorCode, isDatabaseOutage, OUTAGE_MESSAGE } from '../errors.js';

export const RETRY_AFTER_SECONDS = 1;

/**
 * For database work done while building the request context (the API key lookup): Apollo answers a
 * failed context with HTTP 500 before any plugin runs, so an outage there is turned into a 503 error
 * here. Other errors pass through unchanged.
 */
export function rethrowAsOutage(error: unknown): never {
  if (!isDatabaseOutage(error)) throw error;
  throw apiError(ErrorCode.SERVICE_UNAVAILABLE, OUTAGE_MESSAGE, {
    http: { status: 503, headers: new Map([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
  });
}

export function unavailableStatusPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.some((e) => e.extensions?.code === ErrorCode.SERVICE_UNAVAILABLE)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
          }
        },
      };
    },
  };
}
