// GraphQL over WebSocket (the graphql-ws protocol) on the same port and path as HTTP, for subscriptions.
// The API key travels in the connection_init payload ({ "authorization": "Bearer <key>" }), since
// browsers cannot set headers on a WebSocket; a bad key closes the connection with 4403.
import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AccessPolicy } from '../auth/access.js';
import { authenticate, type Viewer } from '../auth/authenticate.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { createRequestContext } from '../graphql/context.js';
import type { ChangeFeed } from '../live/change-feed.js';
import type { Logger } from '../logger.js';

export interface WebSocketOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  prisma: PrismaClient;
  changes: ChangeFeed;
  access: AccessPolicy;
  logger: Logger;
  production: boolean;
}

export function attachGraphQLWebSocket(options: WebSocketOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: 100 * 1024 });
  const viewers = new WeakMap<object, Viewer>();
  const cleanup = useServer<Record<string, unknown> | undefined>(
    {
      schema: options.schema,
      isProd: options.production,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const viewer = await authenticate(
            options.prisma,
            typeof authorization === 'string' ? authorization : undefined,
          );
          viewers.set(ctx.extra.socket, viewer);
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx) =>
        createRequestContext({
          prisma: options.prisma,
          changes: options.changes,
          access: options.access,
          viewer: viewers.get(ctx.extra.socket),
        }),
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.warn({ errors: errors.map((e) => e.message) }, 'subscription error');
      },
    },
    wss,
  );
  return {
    async close() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
