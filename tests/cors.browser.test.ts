// CORS in a real browser: a page served from a second local origin (another port) reads /graphql and an
// export from the API, with an API key in the Authorization header (a preflighted request); a page on an
// origin not on CORS_ORIGINS is blocked by Chromium.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from './helpers/api-keys.js';
import { hasChromium, launchChromium, warnIfNoChromium } from './helpers/chromium.js';
import { freePort } from './helpers/scratch-postgres.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

warnIfNoChromium('cors.browser.test');
const TIMEOUT = 120_000;

/** A page server standing for a frontend's dev server: one empty HTML page. */
async function pageServer(port: number): Promise<{ origin: string; close(): void }> {
  const server = http.createServer((_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><title>app</title>');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

interface Outcome {
  ok: boolean;
  status?: number;
  body?: string;
  error?: string;
}

/** Runs `fetch` inside the page (so the browser applies CORS) and reports what the page could see. */
function fetchFromPage(page: Page, url: string, init: RequestInit): Promise<Outcome> {
  return page.evaluate(
    async ({ url, init }) => {
      try {
        const res = await fetch(url, init);
        return { ok: true, status: res.status, body: await res.text() };
      } catch (error) {
        return { ok: false, error: String(error) };
      }
    },
    { url, init },
  );
}

describe.skipIf(!hasChromium)('CORS in Chromium', () => {
  let api: TestServer;
  let allowed: Awaited<ReturnType<typeof pageServer>>;
  let refused: Awaited<ReturnType<typeof pageServer>>;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let authorization: string;

  beforeAll(async () => {
    allowed = await pageServer(await freePort());
    refused = await pageServer(await freePort());
    api = await startTestServer({ corsOrigins: [allowed.origin] });
    ({ authorization } = await bearer(api.db, 'READER'));
    browser = await launchChromium();
  }, TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    allowed?.close();
    refused?.close();
    await api?.stop();
  }, TIMEOUT);

  async function openPage(origin: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/`);
    return page;
  }

  const graphqlPost = () => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify({ query: '{ viewer { role } events(first: 1) { totalCount } }' }),
  });

  it(
    'a page on an allowed origin reads /graphql (POST with a key, and GET) and an export',
    async () => {
      const page = await openPage(allowed.origin);
      const post = await fetchFromPage(page, `${api.url}/graphql`, graphqlPost());
      expect(post).toMatchObject({ ok: true, status: 200 });
      expect(JSON.parse(post.body!).data.viewer.role).toBe('READER');

      const get = await fetchFromPage(
        page,
        `${api.url}/graphql?query=${encodeURIComponent('{ events(first: 1) { totalCount } }')}`,
        {},
      );
      expect(get).toMatchObject({ ok: true, status: 200 });

      const csv = await fetchFromPage(page, `${api.url}/export/events.csv?countries=JP`, {
        headers: { authorization },
      });
      expect(csv).toMatchObject({ ok: true, status: 200 });
      expect(csv.body!.split('\n')[0]).toMatch(/^[a-z_]+,/);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'a page on another origin is refused by the browser, on /graphql and on the export',
    async () => {
      const page = await openPage(refused.origin);
      const post = await fetchFromPage(page, `${api.url}/graphql`, graphqlPost());
      expect(post.ok).toBe(false);
      expect(post.error).toMatch(/Failed to fetch/);
      const csv = await fetchFromPage(page, `${api.url}/export/events.csv`, {});
      expect(csv.ok).toBe(false);
      await page.close();
    },
    TIMEOUT,
  );
});
