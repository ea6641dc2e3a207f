// Cross-origin access for browser apps (the `cors` package) on /graphql and the exports. Which origins
// may call is an allow-list: CORS_ORIGINS, comma-separated exact origins, or `*` for any. Unset, a
// development server lets any page on localhost/127.0.0.1/[::1] (any port: Vite, Next, Storybook…) in,
// and a production server lets none in. Credentials (cookies) are never involved: the API key travels in
// the Authorization header, which a page can only send where the preflight allowed it.
import cors, { type CorsOptions } from 'cors';
import type { RequestHandler } from 'express';

/** `'*'`: any origin; `'local'`: any http(s) page on this machine; otherwise exact origins. */
export type CorsOrigins = '*' | 'local' | readonly string[];

const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** The headers browsers may send: the key, JSON, and what Apollo Client, urql and graphql-request add. */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Accept',
  'X-Request-Id',
  'Apollo-Require-Preflight',
  'X-Apollo-Operation-Name',
  'Apollographql-Client-Name',
  'Apollographql-Client-Version',
  'GraphQL-Preflight',
];
/** Response headers a page may read besides the safelisted ones. */
export const CORS_EXPOSED_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'Content-Disposition',
  'WWW-Authenticate',
];

/** Reads CORS_ORIGINS; `production` decides the default when it is unset. */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv, production: boolean): CorsOrigins {
  const raw = env.CORS_ORIGINS?.trim();
  if (!raw) return production ? [] : 'local';
  if (raw === '*') return '*';
  if (raw === 'local') return 'local';
  const origins = raw
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      // reported below
    }
    // An origin is scheme://host[:port], exactly as the browser sends it: no path, no trailing slash.
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin)
      throw new Error(`CORS_ORIGINS: "${origin}" is not an origin such as https://app.example.org`);
  }
  return origins;
}

export function isAllowedOrigin(origin: string, allowed: CorsOrigins): boolean {
  if (allowed === '*') return true;
  if (allowed === 'local') return LOCAL_ORIGIN.test(origin);
  return allowed.includes(origin);
}

export function corsMiddleware(allowed: CorsOrigins): RequestHandler {
  const options: CorsOptions = {
    // A refused origin gets no Access-Control-* headers (the browser then blocks the page from reading
    // the answer); the request itself is not failed, so same-origin and non-browser clients are untouched.
    origin: (origin, callback) =>
      callback(null, origin === undefined ? false : isAllowedOrigin(origin, allowed)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  };
  return cors(options);
}
