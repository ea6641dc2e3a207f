// Errors raised before a request reaches GraphQL — malformed JSON, a body over the limit, an unknown
// route — answered the way GraphQL errors are: JSON with a stable `extensions.code`. Express's own
// handlers answer HTML, and with the stack trace outside production.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ErrorCode, httpErrorBody as errorBody } from '../errors.js';
import type { Logger } from '../logger.js';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  404: ErrorCode.NOT_FOUND,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody(ErrorCode.NOT_FOUND, `No route for ${req.method} ${req.path}`));
};

/** The body parser's errors carry a 4xx `status` and a message safe to show; anything else is ours. */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = Number((error as { status?: unknown })?.status);
    if (status >= 400 && status < 500) {
      res
        .status(status)
        .json(errorBody(CODE_BY_STATUS[status] ?? ErrorCode.BAD_REQUEST, (error as Error).message));
      return;
    }
    (req.log ?? logger).error({ err: error }, 'unhandled error');
    res.status(500).json(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'));
  };
}
