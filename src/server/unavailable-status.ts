// A GraphQL response that failed because the database is down is answered with HTTP 503 and
// `Retry-After`, not 200: load balancers, retrying clients and uptime checks act on the status, and a
// 200 would tell them everything is fine. format-error.ts decides which errors are outages.
import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../errors.js';

export const RETRY_AFTER_SECONDS = 1;

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
