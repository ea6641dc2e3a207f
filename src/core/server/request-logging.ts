// One JSON log line per request (pino-http), each with a request id that also goes back to the client
// (`X-Request-Id`) and to the resolvers (`res.locals.requestId`), so a client's report, the access log
// and the error logs of one request can be joined. Health checks are polled every few seconds by
// orchestrators: they are logged only at debug level, unless they fail.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** A caller's id is kept when it is printable ASCII without spaces and at most 128 characters. */
const SANE_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
const HEALTH_PATHS = new Set(['/healthz', '/readyz']);

export function requestIdFor(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

function isHealthCheck(req: IncomingMessage): boolean {
  return HEALTH_PATHS.has((req.url ?? '').split('?')[0]!);
}

export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const id = requestIdFor(req.headers['x-request-id']);
      res.setHeader(REQUEST_ID_HEADER, id);
      // Express has already given every response its `locals` by the time middleware runs.
      (res as Response).locals.requestId = id;
      return id;
    },
    // pino-http invents an error with a stack for every 5xx; only real errors are worth logging.
    customErrorObject: (_req, res, error, value) =>
      res.err || !error.message.startsWith('failed with status code') ? value : { ...value, err: undefined },
    // Client errors (4xx) are routine and at info: hostile clients must not be able to flood the
    // warning level. A 503 from /readyz is a warning; any other 5xx is an error.
    customLogLevel(req, res, error) {
      if (error || res.statusCode >= 500) return isHealthCheck(req) ? 'warn' : 'error';
      return isHealthCheck(req) ? 'debug' : 'info';
    },
  }) as unknown as RequestHandler;
}
