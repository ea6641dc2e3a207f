// Headers every response carries, whichever route (or error handler) writes it. Registered first, so
// that nothing answers before it: JSON, CSV and JSONL exports, GraphiQL's page and assets, health
// checks, 404s and 413s.
import type { RequestHandler } from 'express';

/** `nosniff`: browsers use the declared Content-Type and never guess one (no JSON or CSV run as HTML). */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
};
