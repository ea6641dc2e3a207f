// The error contract a client relies on, over HTTP: each code arrives with the HTTP status docs/errors.md
// gives (printed from src/core/errors.ts), client errors carry no stack trace even outside production,
// automatic persisted queries work as documented, and GET / points the way.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ERROR_CODES, PROTOCOL_ERROR_CODES } from '../src/core/errors.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ production: false });
});
afterAll(async () => server?.stop());

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

const KNOWN = new Set([...Object.keys(API_ERROR_CODES), ...Object.keys(PROTOCOL_ERROR_CODES)]);

describe('error contract', () => {
  it.each([
    ['GRAPHQL_PARSE_FAILED', 400, { query: '{ events {' }],
    ['GRAPHQL_VALIDATION_FAILED', 400, { query: '{ noSuchField }' }],
    [
      'OPERATION_RESOLUTION_FAILURE',
      400,
      { query: 'query A { viewer { role } } query B { viewer { role } }' },
    ],
    [
      'BAD_USER_INPUT',
      400,
      { query: 'query ($n: Int) { events(first: $n) { totalCount } }', variables: { n: 'x' } },
    ],
    ['NOT_FOUND', 200, { query: '{ event(slug: "no-such-event") { title } }' }],
    // A malformed id is refused before anything runs, like any input out of its bounds.
    ['BAD_USER_INPUT', 400, { query: '{ node(id: "not-a-global-id") { id } }' }],
    ['UNAUTHENTICATED', 200, { query: '{ apiKeys { name } }' }],
  ])('%s arrives with HTTP %i and no stack trace outside production', async (code, status, body) => {
    const answer = await post(body);
    expect(answer.status).toBe(status);
    const error = answer.body.errors?.[0];
    expect(error?.extensions?.code).toBe(code);
    expect(KNOWN.has(code)).toBe(true);
    expect(error?.extensions?.stacktrace).toBeUndefined();
  });

  it('a bad key fails the whole request with 401 UNAUTHENTICATED', async () => {
    const answer = await post({ query: '{ viewer { role } }' }, { authorization: 'Bearer jvlog_nope' });
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(answer.body.errors?.[0]?.extensions?.stacktrace).toBeUndefined();
  });

  it('automatic persisted queries: an unknown hash is PERSISTED_QUERY_NOT_FOUND, then hash + text registers it', async () => {
    const query = '{ events(first: 1) { totalCount } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const unknown = await post({ extensions: { persistedQuery } });
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(
      (await post({ query, extensions: { persistedQuery } })).body.data.events.totalCount,
    ).toBeGreaterThan(0);
    // Now the hash alone is enough, also over GET (cacheable by a CDN).
    const get = await fetch(
      `${server.url}/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery }))}`,
    );
    expect(get.status).toBe(200);
    expect(((await get.json()) as any).data.events.totalCount).toBeGreaterThan(0);
  });

  it('GET / sends a browser to GraphiQL and tells other clients where the API is', async () => {
    const browser = await fetch(`${server.url}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(browser.status).toBe(302);
    expect(browser.headers.get('location')).toBe('/graphql');
    const other = await fetch(`${server.url}/`);
    expect(other.status).toBe(200);
    expect(await other.json()).toMatchObject({ graphql: '/graphql', graphiql: '/graphiql' });
  });
});
