// Browser entry for the offline GraphiQL page (bundled by scripts/build-graphiql.mjs into
// public/graphiql/graphiql.js and served by src/features/graphiql/graphiql-routes.ts).
//
// Plain JSX, not type-checked (excluded in tsconfig). Everything it needs is bundled: no CDN.

// 1. Monaco workers. Monaco asks MonacoEnvironment.getWorker for a worker only when an editor or
//    language service starts, i.e. after GraphiQL's first render (GraphiQL imports Monaco lazily), so
//    this runs early enough even though the `import`s below are hoisted above it. The workers are our
//    own bundles, served next to this script, so their URLs are derived from this script's own URL
//    (works behind a path prefix too).
const scriptUrl =
  (document.currentScript && document.currentScript.src) ||
  new URL('/graphiql/assets/graphiql.js', location.href).href;
// The page links this script as `…/graphiql.js?v=<content hash>`; the workers get the same `?v=` so
// they are cached (immutable) and refreshed together with it.
const assetUrl = (file) => {
  const url = new URL(file, scriptUrl);
  url.search = new URL(scriptUrl).search;
  return url.href;
};

globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    switch (label) {
      case 'json':
        return new Worker(assetUrl('json.worker.js'), { name: 'json' });
      case 'graphql':
        return new Worker(assetUrl('graphql.worker.js'), { name: 'graphql' });
      default:
        return new Worker(assetUrl('editor.worker.js'), { name: label || 'editor' });
    }
  },
};

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher, createLocalStorage } from '@graphiql/toolkit';

// 2. Page configuration rendered by the server:
//    <script id="graphiql-config" type="application/json">{"defaultQuery":"…","endpoint":"/graphql"}</script>
function readConfig() {
  const el = document.getElementById('graphiql-config');
  let config = {};
  if (el && el.textContent) {
    try {
      config = JSON.parse(el.textContent);
    } catch (err) {
      console.warn('graphiql: could not parse #graphiql-config', err);
    }
  }
  return {
    defaultQuery: typeof config.defaultQuery === 'string' ? config.defaultQuery : undefined,
    tabs: Array.isArray(config.tabs) ? config.tabs.filter((t) => typeof t === 'string') : [],
    endpoint: typeof config.endpoint === 'string' && config.endpoint ? config.endpoint : '/graphql',
  };
}

const config = readConfig();

// Same-origin HTTP endpoint; POST with content-type application/json is a non-simple request, which
// satisfies Apollo Server's CSRF prevention without extra headers.
const httpUrl = new URL(config.endpoint, location.href);
// Subscriptions (graphql-ws) on the same path; graphql-ws is only loaded when a subscription runs.
const subscriptionUrl = new URL(httpUrl.href);
subscriptionUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';

const fetcher = createGraphiQLFetcher({
  url: httpUrl.href,
  subscriptionUrl: subscriptionUrl.href,
});

// Per-user (per-browser-profile) persisted tabs, history and settings in localStorage, under our own
// namespace so other GraphiQL instances on the same origin don't collide.
const storage = createLocalStorage({ namespace: 'jv-defence-log' });

const container = document.getElementById('graphiql');
if (!container) throw new Error('graphiql: missing <div id="graphiql">');

createRoot(container).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={config.defaultQuery}
      // The default query first, then the docs' main examples, each in a tab (until the user has tabs of
      // their own, which GraphiQL keeps in storage).
      defaultTabs={[config.defaultQuery, ...config.tabs]
        .filter((query) => query !== undefined)
        .map((query) => ({ query }))}
      storage={storage}
    />
  </StrictMode>,
);
