// Browser-facing HTTP rules without a browser: which origins CORS lets in (preflights and simple
// requests, on /graphql and the exports), and the CSRF rule that replaced Apollo's (see src/core/server/csrf.ts):
// GET queries pass with no extra header, mutations over GET are 405, simple (form/text) POSTs are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsOriginsFromEnv } from '../src/core/server/cors.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

const ALLOWED = 'http://localhost:5173';
const OTHER = 'http://evil.example';
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ corsOrigins: [ALLOWED] });
});
afterAll(async () => server?.stop());

function preflight(path: string, origin: string, headers = 'authorization,content-type') {
  return fetch(`${server.url}${path}`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': headers,
    },
  });
}

const query = (q: string) => `${server.url}/graphql?query=${encodeURIComponent(q)}`;

describe('CORS', () => {
  it('answers a preflight from an allowed origin with the headers clients send', async () => {
    const res = await preflight(
      '/graphql',
      ALLOWED,
      'authorization,content-type,apollo-require-preflight,x-apollo-operation-name,apollographql-client-name',
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase().split(',');
    for (const header of [
      'authorization',
      'content-type',
      'apollo-require-preflight',
      'x-apollo-operation-name',
    ])
      expect(allowed).toContain(header);
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('gives an origin not on the list no Access-Control headers', async () => {
    const res = await preflight('/graphql', OTHER);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const get = await fetch(query('{ events { totalCount } }'), { headers: { origin: OTHER } });
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('covers the exports, and exposes the headers a page needs', async () => {
    const pre = await preflight('/export/events.csv', ALLOWED);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const res = await fetch(`${server.url}/export/events.csv?countries=JP`, { headers: { origin: ALLOWED } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/Content-Disposition/);
    expect(res.headers.get('vary')).toMatch(/Origin/);
    await res.text();
  });

  it('reads CORS_ORIGINS: localhost by default in development, nothing in production, a checked list', () => {
    expect(corsOriginsFromEnv({}, false)).toBe('local');
    expect(corsOriginsFromEnv({}, true)).toEqual([]);
    expect(corsOriginsFromEnv({ CORS_ORIGINS: '*' }, true)).toBe('*');
    expect(corsOriginsFromEnv({ CORS_ORIGINS: 'https://a.example, http://localhost:3000' }, true)).toEqual([
      'https://a.example',
      'http://localhost:3000',
    ]);
    expect(() => corsOriginsFromEnv({ CORS_ORIGINS: 'https://a.example/' }, true)).toThrow(/not an origin/);
    expect(() => corsOriginsFromEnv({ CORS_ORIGINS: 'a.example' }, true)).toThrow(/not an origin/);
  });
});

describe('CSRF', () => {
  it('runs a GET query with no preflight header (what urql sends by default)', async () => {
    const res = await fetch(query('{ events { totalCount } }'), { headers: { origin: ALLOWED } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.events.totalCount).toBeGreaterThan(0);
  });

  it('refuses a mutation over GET (405): GET is query-only', async () => {
    const res = await fetch(query('mutation { deleteEvent(input: { id: "x", version: 1 }) { replayed } }'));
    expect(res.status).toBe(405);
  });

  it.each([
    ['text/plain', '{"query":"{ events { totalCount } }"}'],
    ['application/x-www-form-urlencoded', 'query=%7B%20events%20%7B%20totalCount%20%7D%20%7D'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ a }\r\n--x--',
    ],
  ])('refuses a simple POST with Content-Type %s (400 BAD_REQUEST)', async (type, body) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as any;
    expect(json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(json.errors[0].message).toMatch(/application\/json/);
  });

  it('refuses a POST with no Content-Type', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      body: new Uint8Array(Buffer.from('{"query":"{ events { totalCount } }"}')),
    });
    expect(res.status).toBe(400);
  });

  it('accepts a JSON POST', async () => {
    expect((await server.gql('{ events { totalCount } }')).status).toBe(200);
  });
});
