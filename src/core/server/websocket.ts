// GraphQL over WebSocket (the graphql-ws protocol) on the same port and path as HTTP, for subscriptions
// (queries and mutations work too). Every operation goes through the same pipeline as HTTP
// (operation-pipeline.ts), gets the same context and its errors the same formatting, masking and log.
// The API key travels in the connection_init payload ({ "authorization": "Bearer <key>" }), since
// browsers cannot set headers on a WebSocket; a bad key closes the connection with 4403.
import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AccessPolicy } from '../auth/access.js';
import { authenticate, type Viewer } from '../auth/authenticate.js';
import { ErrorCode } from '../errors.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { DirectRead } from '../db/direct-reads.js';
import { createRequestContext, type RequestContext } from '../graphql/context.js';
import type { ChangeFeed } from '../live/change-feed.js';
import type { Logger } from '../logger.js';
import { reportErrors } from './format-error.js';
import type { OperationPipeline } from './operation-pipeline.js';

export interface WebSocketOptions {
  httpServer: http.Server;
  schema: GraphQLSchema;
  pipeline: OperationPipeline;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  prisma: PrismaClient;
  read: DirectRead;
  changes: ChangeFeed;
  access: AccessPolicy;
  logger: Logger;
}

type ConnectionParams = Record<string, unknown> | undefined;
type SocketContext = Context<ConnectionParams, { socket: WebSocket; request: http.IncomingMessage }>;

export function attachGraphQLWebSocket(options: WebSocketOptions): { close(): Promise<void> } {
  const { pipeline, logger } = options;
  const limits = pipeline.limits;
  const wss = new WebSocketServer({
    server: options.httpServer,
    path: '/graphql',
    maxPayload: limits.messageBytes,
    // Beyond the limit the upgrade is answered 503 and no socket is made.
    verifyClient: (_info, accept) => {
      if (wss.clients.size >= limits.webSocketConnections)
        accept(false, 503, 'Too many WebSocket connections');
      else accept(true);
    },
  });
  const viewers = new WeakMap<object, Viewer>();
  /** Acknowledged connections, for the per-process operation count. */
  const open = new Set<SocketContext>();
  /** Request ids of running operations, by context and operation id, for the error log. */
  const requestIds = new WeakMap<object, Map<string, string>>();
  const requestIdOf = (ctx: SocketContext, id: string) => requestIds.get(ctx)?.get(id);

  const format = (ctx: SocketContext, id: string, errors: readonly GraphQLError[]) => {
    reportErrors(logger, errors, requestIdOf(ctx, id));
    return errors.map((error) => options.formatError(error.toJSON(), error));
  };

  const cleanup = useServer<ConnectionParams, { socket: WebSocket; request: http.IncomingMessage }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        try {
          const viewer = await authenticate(
            options.prisma,
            typeof authorization === 'string' ? authorization : undefined,
          );
          viewers.set(ctx.extra.socket, viewer);
          open.add(ctx);
          requestIds.set(ctx, new Map());
          return true;
        } catch {
          return false;
        }
      },
      onClose: (ctx) => {
        open.delete(ctx);
      },
      onSubscribe: (ctx, id, payload) => {
        const requestId = randomUUID();
        requestIds.get(ctx)?.set(id, requestId);
        // graphql-ws has already registered this operation in ctx.subscriptions.
        const onThisSocket = Object.keys(ctx.subscriptions).length;
        let inProcess = 0;
        for (const other of open) inProcess += Object.keys(other.subscriptions).length;
        const busy =
          onThisSocket > limits.subscriptionsPerConnection
            ? (['subscriptionsPerConnection', 'this WebSocket'] as const)
            : inProcess > limits.subscriptionsPerProcess
              ? (['subscriptionsPerProcess', 'this server'] as const)
              : undefined;
        if (busy) {
          const [limit, where] = busy;
          return [
            refusal(
              ErrorCode.TOO_MANY_SUBSCRIPTIONS,
              `${where} already runs ${limits[limit]} operations, the most it allows; complete one first`,
              { limit, maximum: limits[limit] },
            ),
          ];
        }
        const prepared = pipeline.prepare(payload, 'websocket');
        if ('errors' in prepared) {
          logger.info(
            { requestId, codes: prepared.errors.map((e) => e.extensions.code) },
            'operation refused',
          );
          return prepared.errors;
        }
        const contextValue: RequestContext = createRequestContext({
          prisma: options.prisma,
          read: options.read,
          changes: options.changes,
          access: options.access,
          viewer: viewers.get(ctx.extra.socket),
          requestId,
        });
        return {
          schema: options.schema,
          document: prepared.document,
          operationName: prepared.operationName,
          variableValues: prepared.variables,
          contextValue,
        };
      },
      onNext: (ctx, id, _payload, _args, result) => {
        if (!result.errors?.length) return undefined;
        return { ...result, errors: format(ctx, id, result.errors) };
      },
      onError: (ctx, id, _payload, errors) => format(ctx, id, errors),
      onComplete: (ctx, id) => {
        requestIds.get(ctx)?.delete(id);
      },
    },
    wss,
  );
  // graphql-ws prints a socket's errors to stderr, with no rate limit; the usual one is a client's
  // message over `maxPayload`, which ws answers by closing with 1009. It is the client's doing: logged at
  // info like any refused request.
  wss.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error) => {
      logger.info({ err: { message: error.message } }, 'WebSocket closed on a protocol error');
      socket.close();
    });
  });
  return {
    async close() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function refusal(code: string, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}
