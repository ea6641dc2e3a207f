// Cross-site request forgery, and why GET queries need no special header here.
//
// Apollo's own `csrfPrevention` refuses every GET that lacks a preflight-forcing header, which breaks urql
// (and any client that sends queries as GET) out of the box. Its threat is a page on another site making
// the victim's browser send a request *with the victim's ambient credentials* (cookies, HTTP auth). This
// API has none: a key travels only in the Authorization header, which a cross-site page cannot add
// without a CORS preflight that the allow-list decides. A forged GET is therefore anonymous, and a GET can
// only run a query (Apollo answers a mutation over GET with 405): it reads what the page could fetch from
// its own server anyway, and CORS still keeps the answer from the page unless its origin is allowed.
//
// What we keep refusing is the other half of Apollo's rule: a POST with a body a plain HTML form or a
// `fetch` without preflight can send (no content type, text/plain, form encodings). Such a request is
// never a GraphQL client, and refusing it keeps mutations behind a preflight.
import type { RequestHandler } from 'express';
import { ErrorCode } from '../errors.js';

/** The content types a browser sends cross-site without asking first (the Fetch standard's list). */
const SIMPLE_CONTENT_TYPES = new Set([
  '',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
]);

export const SIMPLE_POST_MESSAGE =
  'POST GraphQL requests as JSON (Content-Type: application/json); form and text/plain posts are refused as potential cross-site request forgery';

export const refuseSimplePosts: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') return next();
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!SIMPLE_CONTENT_TYPES.has(type)) return next();
  res
    .status(400)
    .json({ errors: [{ message: SIMPLE_POST_MESSAGE, extensions: { code: ErrorCode.BAD_REQUEST } }] });
};
