// Browser test for the offline GraphiQL page: real Chromium (Debian's /usr/bin/chromium) driven by
// playwright-core against the real app (tests/helpers/test-server.ts: fresh migrated + seeded DB).
//
// Proves: the page renders from our own origin only (every non-local request is aborted and
// recorded, and must be none), Monaco's workers are our bundles, the default query runs and the
// response pane shows seeded data, and there are no console errors (CSP violations included).
//
// Needs Chromium: `apt-get install -y chromium`. Without it the suite is SKIPPED (reported as skipped
// with the reason below), never silently passed.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleTabs } from '../src/features/graphiql/example-tabs.js';
import { hasChromium, launchChromium, warnIfNoChromium } from './helpers/chromium.js';
import { startTestServer } from './helpers/test-server.js';

warnIfNoChromium('graphiql.browser.test');

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ASSETS_DIR = path.join(ROOT, 'public', 'graphiql');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// Monaco + three workers on a 2-core CI machine: be generous.
const UI_TIMEOUT = 60_000;
// A name every answer of the default query (Japan–Vietnam events) carries near its top, whatever the order.
const SEEDED = 'Vietnam';
const TEST_TIMEOUT = 120_000;

/** Build public/graphiql/ if the install-time `generate` step has not (e.g. fresh checkout). */
function ensureAssetsBuilt(): void {
  if (existsSync(path.join(ASSETS_DIR, 'graphiql.js'))) return;
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-graphiql.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `scripts/build-graphiql.mjs failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}

interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
}

function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [] };
  page.on('console', (msg) => {
    const text = msg.text();
    // Errors, plus Monaco's warning when it cannot start a worker and falls back to the main thread.
    if (msg.type() === 'error' || /could not create web worker/i.test(text)) {
      problems.consoleErrors.push(`[${msg.type()}] ${text} (${msg.location().url})`);
    }
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err?.stack ?? err)));
  return problems;
}

/** Text of a Monaco model whose URI ends with `name` (GraphiQL exposes Monaco as globalThis.__MONACO). */
async function modelText(page: Page, name: string): Promise<string> {
  return page.evaluate((suffix) => {
    const monaco = (
      globalThis as {
        __MONACO?: { editor: { getModels(): Array<{ uri: { path: string }; getValue(): string }> } };
      }
    ).__MONACO;
    const model = monaco?.editor.getModels().find((m) => m.uri.path.endsWith(suffix));
    return model?.getValue() ?? '';
  }, name);
}

describe.skipIf(!hasChromium)('GraphiQL page in Chromium (offline)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
  let context: BrowserContext | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  const blockedRequests: string[] = [];
  const allRequests: string[] = [];

  beforeAll(async () => {
    ensureAssetsBuilt();
    server = await startTestServer();
    const browser = await launchChromium({ viewport: { width: 1400, height: 900 } });
    context = browser.context;
    closeBrowser = browser.close;
    // Every request the browser makes goes through here: local ones continue, anything else is
    // aborted and recorded (the test then fails on it).
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      allRequests.push(url);
      let host = '';
      try {
        host = new URL(url).hostname;
      } catch {
        /* unparsable: treat as external */
      }
      if (LOCAL_HOSTS.has(host)) {
        await route.continue();
      } else {
        blockedRequests.push(url);
        await route.abort('blockedbyclient');
      }
    });
  }, TEST_TIMEOUT);

  afterAll(async () => {
    await closeBrowser?.();
    await server?.stop();
  }, TEST_TIMEOUT);

  async function openRunAndCheck(pagePath: string, screenshot?: string): Promise<void> {
    if (!context || !server) throw new Error('beforeAll did not complete');
    const page = await context.newPage();
    const problems = watchPage(page);
    try {
      const response = await page.goto(`${server.url}${pagePath}`, {
        waitUntil: 'load',
        timeout: UI_TIMEOUT,
      });
      expect(response, `no response for ${pagePath}`).not.toBeNull();
      const headers = response!.headers();
      expect(response!.status(), `GET ${pagePath} as a browser`).toBe(200);
      expect(headers['content-type']).toMatch(/^text\/html/);
      expect(headers['content-security-policy']).toContain("default-src 'self'");
      await expect(page.title()).resolves.toBe('Japan–Vietnam defence log — GraphiQL');

      // Editors up (Monaco loaded), docs explorer button present.
      await page
        .locator('.graphiql-query-editor .monaco-editor')
        .waitFor({ state: 'visible', timeout: UI_TIMEOUT });
      await page
        .locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]')
        .waitFor({ state: 'visible', timeout: UI_TIMEOUT });

      // The page opens on the server's default query.
      await expect
        .poll(() => modelText(page, 'operation.graphql'), {
          timeout: UI_TIMEOUT,
          message: 'query editor stays empty',
        })
        .toMatch(/\S/);

      // One tab for the default query (the active one), then one per docs example, named by its operation.
      await expect
        .poll(() => page.locator('.graphiql-tab-button').allInnerTexts(), { timeout: UI_TIMEOUT })
        .toEqual(['Timeline', ...exampleTabs().map((q) => /(?:query|mutation) (\w+)/.exec(q)![1])]);

      // Nothing shown yet (each test starts with empty storage, see `finally`).
      expect(await modelText(page, 'response.json')).not.toContain(SEEDED);

      // Run it (the play button; Ctrl+Enter does the same).
      await page.locator('.graphiql-execute-button').click({ timeout: UI_TIMEOUT });

      // The response pane holds the seeded data. Read Monaco's model (the DOM only renders visible lines).
      await expect
        .poll(() => modelText(page, 'response.json'), {
          timeout: UI_TIMEOUT,
          message: `response pane never showed "${SEEDED}"`,
        })
        .toContain(SEEDED);
      const responseJson = JSON.parse(await modelText(page, 'response.json')) as { errors?: unknown };
      expect(responseJson.errors, 'the default query returned GraphQL errors').toBeUndefined();
      // And it is really on screen, not only in the model.
      await expect
        .poll(() => page.locator('.graphiql-response').innerText(), { timeout: UI_TIMEOUT })
        .toContain(SEEDED);

      // Monaco's workers are ours, started from our origin (no main-thread fallback). The GraphQL
      // language worker starts once the schema has been introspected.
      const workerUrls = () => page.workers().map((w) => new URL(w.url()).pathname);
      for (const worker of ['editor.worker.js', 'json.worker.js', 'graphql.worker.js']) {
        await expect
          .poll(workerUrls, { timeout: UI_TIMEOUT, message: `Monaco worker ${worker} never started` })
          .toContain(`/graphiql/assets/${worker}`);
      }

      // The docs explorer works (schema introspected from our endpoint).
      await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
      await page
        .locator('.graphiql-doc-explorer-root-type')
        .first()
        .waitFor({ state: 'visible', timeout: UI_TIMEOUT });

      if (screenshot) await page.screenshot({ path: screenshot });

      expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
      expect(problems.consoleErrors, 'console errors').toEqual([]);
      expect(blockedRequests, 'requests to hosts other than 127.0.0.1/localhost').toEqual([]);
    } finally {
      // GraphiQL persists tabs (with their last response) in localStorage: start the next test clean.
      await page.evaluate(() => localStorage.clear()).catch(() => undefined);
      await page.close();
    }
  }

  it(
    'GET /graphql from a browser serves GraphiQL, runs the default query and shows seeded data',
    async () => {
      await openRunAndCheck('/graphql', process.env.GRAPHIQL_SCREENSHOT);
    },
    TEST_TIMEOUT,
  );

  it(
    'GET /graphiql serves the same page',
    async () => {
      await openRunAndCheck('/graphiql');
    },
    TEST_TIMEOUT,
  );

  it(
    'loaded nothing from outside this machine',
    () => {
      expect(allRequests.length, 'the route handler saw no requests at all').toBeGreaterThan(0);
      expect(allRequests.some((u) => u.includes('/graphiql/assets/graphiql.js'))).toBe(true);
      expect(blockedRequests).toEqual([]);
    },
    TEST_TIMEOUT,
  );
});
