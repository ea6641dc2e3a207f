// Offline GraphiQL: serves the page and its prebuilt assets (public/graphiql/, built by
// scripts/build-graphiql.mjs) from our own origin. Nothing is loaded from a CDN; the page's
// Content-Security-Policy only allows our own origin (plus data:/blob: where Monaco needs them).
//
// Mount BEFORE Apollo's expressMiddleware, so a browser's `GET /graphql` (Accept: text/html, no
// `query` param) gets the page while GraphQL GETs/POSTs fall through to Apollo:
//
//   app.use(graphiqlRouter({ defaultQuery }));
//   app.use('/graphql', cors(), express.json(), expressMiddleware(server, { context }));

import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';

export interface GraphiQLRouterOptions {
  /** The query the page opens on (when the user has no saved tabs yet). */
  defaultQuery: string;
  /** More queries, each opened in a tab of its own after the default one. */
  tabs?: string[];
  /** The GraphQL HTTP endpoint path (same origin). Default `/graphql`. */
  endpoint?: string;
  /** Folder holding the built assets. Default `public/graphiql/` at the project root. */
  assetsDir?: string;
}

export const GRAPHIQL_TITLE = 'Japan–Vietnam defence log — GraphiQL';

/** The files scripts/build-graphiql.mjs writes. Only these are served. */
const ASSET_FILES = [
  'graphiql.js',
  'graphiql.css',
  'editor.worker.js',
  'json.worker.js',
  'graphql.worker.js',
] as const;
type AssetFile = (typeof ASSET_FILES)[number];

const CONTENT_TYPES: Record<AssetFile, string> = {
  'graphiql.js': 'text/javascript; charset=utf-8',
  'editor.worker.js': 'text/javascript; charset=utf-8',
  'json.worker.js': 'text/javascript; charset=utf-8',
  'graphql.worker.js': 'text/javascript; charset=utf-8',
  'graphiql.css': 'text/css; charset=utf-8',
};

const DEFAULT_ASSETS_DIR = fileURLToPath(new URL('../../../public/graphiql/', import.meta.url));

/**
 * Only our own origin. Monaco needs: workers (self; blob: for its fallback worker), inline styles
 * (it sets style attributes / injects <style>), fonts and images as data: URLs (inlined in
 * graphiql.css). connect-src allows the same-origin HTTP endpoint and ws(s) for subscriptions.
 */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const NOT_BUILT_MESSAGE =
  'GraphiQL assets are not built (public/graphiql/ is missing or incomplete). ' +
  'Run `npm run generate` (or `node scripts/build-graphiql.mjs`) and reload.\n';

/**
 * True for a browser navigation to the GraphQL endpoint: a GET (or HEAD) that prefers text/html
 * over JSON and carries no GraphQL operation in the URL. GraphQL GETs (`?query=` or persisted-query
 * `?extensions=`), POSTs and clients asking for JSON or for anything (curl's default Accept) get `false`.
 */
export function wantsGraphiQL(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = new URL(req.originalUrl || req.url, 'http://localhost');
  if (url.searchParams.has('query') || url.searchParams.has('extensions')) return false;
  if (!req.get('accept')) return false;
  return req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

/** Serialize for a `<script type="application/json">` block: `<` can't close the element. */
export function escapeJsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtmlAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderGraphiQLHtml(opts: {
  defaultQuery: string;
  tabs?: string[];
  endpoint: string;
  assetsBase: string;
  version: string;
}): string {
  const v = `?v=${encodeURIComponent(opts.version)}`;
  const css = escapeHtmlAttr(`${opts.assetsBase}/graphiql.css${v}`);
  const js = escapeHtmlAttr(`${opts.assetsBase}/graphiql.js${v}`);
  const config = escapeJsonForHtml({
    defaultQuery: opts.defaultQuery,
    tabs: opts.tabs ?? [],
    endpoint: opts.endpoint,
  });
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>${GRAPHIQL_TITLE}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${css}" />
    <style>
      html, body { height: 100%; margin: 0; }
      #graphiql { height: 100vh; }
    </style>
  </head>
  <body>
    <div id="graphiql"><noscript>GraphiQL needs JavaScript.</noscript></div>
    <script id="graphiql-config" type="application/json">${config}</script>
    <script src="${js}"></script>
  </body>
</html>
`;
}

interface AssetState {
  version: string;
  key: string;
}

/** Content hash over all assets, recomputed only when a file's size or mtime changes (rebuilds). */
function createAssetVersioner(dir: string) {
  let cached: AssetState | undefined;
  return async function currentVersion(): Promise<string | undefined> {
    let stats;
    try {
      stats = await Promise.all(ASSET_FILES.map((f) => stat(path.join(dir, f))));
    } catch {
      cached = undefined;
      return undefined; // not built (or incomplete)
    }
    const key = stats.map((s) => `${s.size}:${s.mtimeMs}`).join('|');
    if (cached?.key === key) return cached.version;
    const hash = createHash('sha256');
    for (const f of ASSET_FILES) hash.update(f).update(await readFile(path.join(dir, f)));
    cached = { key, version: hash.digest('hex').slice(0, 16) };
    return cached.version;
  };
}

export function graphiqlRouter(options: GraphiQLRouterOptions): express.Router {
  const endpoint = options.endpoint ?? '/graphql';
  const assetsDir = options.assetsDir ?? DEFAULT_ASSETS_DIR;
  const currentVersion = createAssetVersioner(assetsDir);
  const router = express.Router();

  const sendNotBuilt = (res: Response): void => {
    res
      .status(503)
      .set('Cache-Control', 'no-store')
      .type('text/plain; charset=utf-8')
      .send(NOT_BUILT_MESSAGE);
  };

  const sendPage = async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const version = await currentVersion();
      if (!version) return sendNotBuilt(res);
      const html = renderGraphiQLHtml({
        defaultQuery: options.defaultQuery,
        ...(options.tabs ? { tabs: options.tabs } : {}),
        endpoint,
        assetsBase: `${req.baseUrl}/graphiql/assets`,
        version,
      });
      res
        .status(200)
        .set({
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy': GRAPHIQL_CSP,
          'Cache-Control': 'no-cache',
          'X-Content-Type-Options': 'nosniff',
          'Referrer-Policy': 'no-referrer',
          Vary: 'Accept',
        })
        .send(html);
    } catch (err) {
      next(err);
    }
  };

  router.get('/graphiql', sendPage);
  // The root: a browser goes to GraphiQL; anything else is told where the API is.
  router.get('/', (req, res) => {
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      res.redirect(302, endpoint);
      return;
    }
    res.json({
      name: 'Japan–Vietnam defence log',
      graphql: endpoint,
      graphiql: '/graphiql',
      subscriptions: `ws(s)://<host>${endpoint} (graphql-ws)`,
      exports: ['/export/events.csv', '/export/events.jsonl'],
      health: ['/healthz', '/readyz'],
    });
  });
  router.get(endpoint, (req, res, next) => {
    if (!wantsGraphiQL(req)) return next();
    void sendPage(req, res, next);
  });

  const isAsset = (name: string): name is AssetFile => (ASSET_FILES as readonly string[]).includes(name);

  router.get('/graphiql/assets/:file', async (req, res, next) => {
    const file = req.params.file;
    if (!file || !isAsset(file)) {
      res.status(404).type('text/plain; charset=utf-8').send('Not found\n');
      return;
    }
    try {
      if (!(await currentVersion())) return sendNotBuilt(res);
    } catch (err) {
      return next(err);
    }
    // Versioned URLs (`?v=<content hash>`, as the page links them) never change: cache for a year.
    // Unversioned ones revalidate (ETag / Last-Modified) so a rebuild is picked up.
    const versioned = typeof req.query.v === 'string' && req.query.v.length > 0;
    res.set({
      'Content-Type': CONTENT_TYPES[file],
      'Cache-Control': versioned
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=0, must-revalidate',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'same-origin',
    });
    res.sendFile(
      file,
      { root: assetsDir, dotfiles: 'deny', cacheControl: false, lastModified: true, etag: true },
      (err) => {
        if (err && !res.headersSent) next(err);
      },
    );
  });

  return router;
}
