// The request body limit, enforced while the body arrives rather than after it has all been read.
// express.json checks the limit too, but on a refusal body-parser reads the rest of the body before it
// answers, and Node reads (and throws away) whatever body a route left unread to keep the connection
// alive. A 1 GB upload would keep a connection, and part of a core, busy for as long as it lasts. Here:
// - a Content-Length over the limit is answered 413 at once, without reading a byte of the body;
// - a chunked body is counted as Node's parser hands it over, and refused 413 the moment it crosses;
// - either answer carries `Connection: close`, and the connection is closed once the answer is out;
// - a body that is still arriving when a route has answered (a route that reads no body) also closes
//   its connection after the answer, instead of being read to its end.
import type { IncomingMessage } from 'node:http';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ErrorCode } from '../errors.js';

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `100kb`, `2mb`, `512b` or a plain number of bytes, as express.json reads them (1 kB = 1024 B). */
export function parseByteSize(size: string | number): number {
  if (typeof size === 'number') return size;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(size);
  if (!match) throw new Error(`"${size}" is not a size such as 100kb or 2mb`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]!);
}

function refuse(req: IncomingMessage, res: Response, limit: number): void {
  if (res.headersSent) {
    // The route has answered already (it read no body): nothing more to say, stop the upload.
    req.socket.destroy();
    return;
  }
  res.locals.bodyRefused = true;
  res
    .status(413)
    .set('connection', 'close')
    .json({
      errors: [
        {
          message: `The request body is over the limit of ${limit} bytes`,
          extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE },
        },
      ],
    });
}

export function bodyLimit(limit: number): RequestHandler {
  return (req, res, next) => {
    // A body left unread when the answer goes out is not read to its end: the connection is closed.
    res.once('finish', () => {
      if (!req.complete && !req.socket.destroyed) req.socket.destroySoon();
    });
    const declared = req.headers['content-length'];
    if (declared !== undefined) {
      // Node's parser delivers no more than Content-Length bytes, so a declared size is the bound.
      if (Number(declared) > limit) return refuse(req, res, limit);
      return next();
    }
    if (req.headers['transfer-encoding'] === undefined) return next();
    // Chunked: count what the parser pushes into the request stream, whoever reads it (or nobody).
    // Refusing pushes nothing more and returns false, which tells the parser to stop reading the socket.
    let received = 0;
    const push = req.push.bind(req);
    req.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk !== null && chunk !== undefined) {
        received += (chunk as Buffer | string).length;
        if (received > limit) {
          req.push = push;
          refuse(req, res, limit);
          return false;
        }
      }
      return push(chunk, encoding);
    };
    next();
  };
}

/**
 * After `bodyLimit` has answered 413, the body parser still ends with an error of its own (the body it
 * was reading was cut off); there is no one left to answer, so it is dropped here rather than logged.
 */
export const afterBodyRefused: ErrorRequestHandler = (error, _req, res, next) => {
  if (res.locals.bodyRefused) return;
  next(error);
};
