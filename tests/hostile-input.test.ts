// Hostile and malformed input over real HTTP. Whatever a client sends, the server answers with a 4xx or
// a GraphQL error — never a 5xx, never INTERNAL_SERVER_ERROR, never HTML — within a bounded time, writes
// nothing, and keeps serving. Runs against a development and a production server; in production no
// answer may carry a stack trace or a file path.
//
// Policies this file pins down:
// - Bodies over the limit (100 kB by default) get HTTP 413, code PAYLOAD_TOO_LARGE.
// - Batched operations (a JSON array of operations) are refused with HTTP 400, code BAD_REQUEST:
//   one HTTP request would otherwise multiply the per-request depth and cost limits.
// - Text containing NUL is refused with BAD_USER_INPUT (PostgreSQL cannot store it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../src/schema.js';
import { textInputs, requestPlacing } from './helpers/schema-inputs.js';
import { createApiKey, revokeApiKey } from '../src/core/auth/api-keys.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/** Any answer slower than this is a failure: hostile input must not tie the server up. */
const BOUND_MS = 5_000;

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: any;
  ms: number;
}

let development: TestServer;
let production: TestServer;
const rowCountsBefore = new Map<TestServer, Record<string, number>>();
/** Keys that must not work: made before the row counts are taken, so they count as existing rows. */
const badKeys = new Map<TestServer, { expired: string; revoked: string; reader: string }>();

beforeAll(async () => {
  // The development server accepts bodies up to 2 MB, so that a 1 MB string reaches the resolvers.
  [development, production] = await Promise.all([
    startTestServer({ bodyLimit: '2mb' }),
    startTestServer({ production: true }),
  ]);
  for (const server of [development, production]) {
    const expired = await createApiKey(server.db.prisma, {
      name: 'expired',
      role: 'ADMIN',
      expiresAt: new Date(Date.now() - 60_000),
    });
    const revoked = await createApiKey(server.db.prisma, { name: 'revoked', role: 'ADMIN' });
    await revokeApiKey(server.db.prisma, 'revoked');
    const reader = await createApiKey(server.db.prisma, { name: 'reader', role: 'READER' });
    badKeys.set(server, { expired: expired.secret, revoked: revoked.secret, reader: reader.secret });
    rowCountsBefore.set(server, await rowCounts(server));
  }
});
afterAll(async () => {
  await Promise.all([development?.stop(), production?.stop()]);
});

/** Rows in every table of the schema, so that "nothing was written" covers tables added later. */
async function rowCounts(server: TestServer): Promise<Record<string, number>> {
  const tables = await server.db.prisma.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY 1`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await server.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`,
    );
    counts[name] = Number(row!.n);
  }
  return counts;
}

async function send(
  server: TestServer,
  body: string | Buffer,
  headers: Record<string, string> = { 'content-type': 'application/json' },
  init: { method?: string; path?: string } = {},
): Promise<Answer> {
  const started = Date.now();
  const response = await fetch(`${server.url}${init.path ?? '/graphql'}`, {
    method: init.method ?? 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
    signal: AbortSignal.timeout(BOUND_MS * 2),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text,
    body: parsed,
    ms: Date.now() - started,
  };
}

const json = (server: TestServer, payload: unknown) => send(server, JSON.stringify(payload));

const codes = (answer: Answer): string[] =>
  (answer.body?.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);

/** What every answer to hostile input must satisfy. */
function expectHandled(server: TestServer, answer: Answer) {
  expect(answer.status, answer.text.slice(0, 500)).toBeLessThan(500);
  expect(answer.contentType).toMatch(/^application\/(json|graphql-response\+json)/);
  expect(answer.body, 'a JSON body').toBeDefined();
  expect(codes(answer)).not.toContain('INTERNAL_SERVER_ERROR');
  expect(answer.ms).toBeLessThan(BOUND_MS);
  if (server === production) {
    expect(answer.text).not.toMatch(/stacktrace|\.[cm]?[jt]s:\d+|node_modules|\/work\/|\bat \S+ \(/);
  }
}

/** A refusal: a 4xx, or a GraphQL error with a client-facing code. */
function expectRefused(server: TestServer, answer: Answer, status: number, code: string) {
  expectHandled(server, answer);
  expect(answer.status).toBe(status);
  expect(codes(answer)).toContain(code);
}

/** `events(first: 100)` with a few nested lists: about 500 of the 25,000 cost units allowed. */
const EXPENSIVE = 'events(first: 100) { edges { node { participations { participant { name } } } } }';

describe.each([
  ['development', () => development],
  ['production', () => production],
])('%s server', (_mode, server) => {
  describe('malformed HTTP requests', () => {
    it('malformed JSON: 400 BAD_REQUEST in JSON, not an HTML page', async () => {
      expectRefused(
        server(),
        await send(server(), '{"query": "{ events { totalCount } '),
        400,
        'BAD_REQUEST',
      );
    });

    it('JSON that is not an object', async () => {
      for (const body of ['"just a string"', '42', 'null', 'true']) {
        const answer = await send(server(), body);
        expectHandled(server(), answer);
        expect(answer.status).toBe(400);
      }
    });

    it('wrong content types are refused, never parsed as something else', async () => {
      const body = '{"query":"{ __typename }"}';
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data',
      ]) {
        const answer = await send(server(), body, { 'content-type': type });
        expectHandled(server(), answer);
        expect(answer.status, type).toBeGreaterThanOrEqual(400);
      }
      const latin1 = await send(server(), body, { 'content-type': 'application/json; charset=latin1' });
      expectRefused(server(), latin1, 415, 'BAD_REQUEST');
    });

    it('a body that claims gzip but is not', async () => {
      const answer = await send(server(), 'not gzip', {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      expectRefused(server(), answer, 400, 'BAD_REQUEST');
    });

    it('invalid UTF-8 bytes inside a string are decoded as replacement characters', async () => {
      const body = Buffer.concat([
        Buffer.from('{"query":"query($s: String!) { event(slug: $s) { slug } }","variables":{"s":"'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80]),
        Buffer.from('"}}'),
      ]);
      const answer = await send(server(), body);
      expectHandled(server(), answer);
      expect(codes(answer)).toEqual(['NOT_FOUND']);
    });

    it('other methods and unknown routes answer JSON', async () => {
      const put = await send(server(), '{"query":"{ __typename }"}', undefined, { method: 'PUT' });
      expectHandled(server(), put);
      expect(put.status).toBe(405);
      const missing = await send(server(), '{}', undefined, { path: '/graphql/../../etc/passwd%00' });
      expectRefused(server(), missing, 404, 'NOT_FOUND');
    });
  });

  describe('body size', () => {
    it('a body over the limit: 413 PAYLOAD_TOO_LARGE in JSON', async () => {
      const size = server() === development ? 3_000_000 : 1_000_000;
      const answer = await json(server(), { query: '{ __typename }', variables: { s: 'x'.repeat(size) } });
      expectRefused(server(), answer, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('JSON nested 20,000 deep inside the limit', async () => {
      const deep = '['.repeat(20_000) + ']'.repeat(20_000);
      for (const body of [
        `{"query":"{ __typename }","variables":{"v":${deep}}}`,
        `{"query":"query($v: EventFilter) { events(filter: $v) { totalCount } }","variables":{"v":${'{"a":'.repeat(15_000)}1${'}'.repeat(15_000)}}}`,
      ]) {
        expectHandled(server(), await send(server(), body));
      }
    });
  });

  describe('query shape: depth and cost limits', () => {
    // participant → participations → event → participations → participant … two levels per round.
    const nested = (rounds: number, leaf = 'name') => {
      let selection = leaf;
      for (let i = 0; i < rounds; i++) {
        selection = `participations(first: 1) { edges { node { event { participations { participant { ${selection} } } } } } }`;
      }
      return `{ participant(slug: "nobuo-kishi") { ${selection} } }`;
    };

    it('a query nested past the depth limit: 400 QUERY_TOO_DEEP', async () => {
      expectRefused(server(), await json(server(), { query: nested(4) }), 400, 'QUERY_TOO_DEEP');
      expect(codes(await json(server(), { query: nested(1) }))).toEqual([]);
    });

    it('depth hidden in fragments is counted', async () => {
      const fragments = Array.from(
        { length: 8 },
        (_, i) =>
          `fragment P${i} on Participant { name participations(first: 1) { edges { node { event { participations { participant { ${i < 7 ? `...P${i + 1}` : 'name'} } } } } } } }`,
      ).join('\n');
      const query = `{ participant(slug: "nobuo-kishi") { ...P0 } }\n${fragments}`;
      expectRefused(server(), await json(server(), { query }), 400, 'QUERY_TOO_DEEP');
    });

    it('aliases and fragment spreads are counted in the cost', async () => {
      const cost = async (query: string) => {
        const answer = await json(server(), { query });
        expect(codes(answer)).toEqual([]);
        return answer.body.extensions.cost.requested as number;
      };
      const one = await cost(`{ ${EXPENSIVE} }`);
      expect(one).toBeGreaterThan(100);
      expect(await cost(`{ a: ${EXPENSIVE} b: ${EXPENSIVE} }`)).toBe(2 * one);
      const viaFragments = `{ a: events(first: 100) { ...E } b: events(first: 100) { ... on QueryEventsConnection { ...E } } }
        fragment E on QueryEventsConnection { edges { node { participations { participant { name } } } } }`;
      expect(await cost(viaFragments)).toBe(2 * one);
    });

    it('many aliases of an expensive field: 400 QUERY_TOO_COMPLEX', async () => {
      const aliases = Array.from({ length: 60 }, (_, i) => `a${i}: ${EXPENSIVE}`).join('\n');
      expectRefused(server(), await json(server(), { query: `{ ${aliases} }` }), 400, 'QUERY_TOO_COMPLEX');
    });

    it('thousands of fragment spreads: 400 QUERY_TOO_LARGE (over the token limit), quickly', async () => {
      const spreads = Array.from({ length: 12_000 }, () => '...E').join(' ');
      const query = `{ events { ${spreads} } } fragment E on QueryEventsConnection { totalCount }`;
      expectRefused(server(), await json(server(), { query }), 400, 'QUERY_TOO_LARGE');
    });

    it('fragments that expand exponentially under the token limit: 400 QUERY_TOO_COMPLEX, quickly', async () => {
      let query = `query Bomb { ...F30 }\nfragment F0 on Query { __typename }\n`;
      for (let i = 1; i <= 30; i++) query += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
      expectRefused(server(), await json(server(), { query }), 400, 'QUERY_TOO_COMPLEX');
    });

    it('thousands of repeated fields, cyclic fragments, parser-breaking nesting, deep introspection: 400', async () => {
      let introspection = 'name';
      for (let i = 0; i < 8; i++) introspection = `fields { type { ${introspection} } }`;
      const queries = [
        `{ ${Array.from({ length: 4_000 }, () => 'events { totalCount }').join(' ')} }`,
        `{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }`,
        `{ events ${'{ edges '.repeat(7_000)}${'}'.repeat(7_000)} }`,
        `{ events(filter: ${'['.repeat(10_000)}${']'.repeat(10_000)}) { totalCount } }`,
        `{ __schema { types { ${introspection} } } }`,
      ];
      for (const query of queries) {
        const answer = await json(server(), { query });
        expectHandled(server(), answer);
        expect(answer.status, query.slice(0, 80)).toBe(400);
      }
    });
  });

  describe('batched operations', () => {
    it('a JSON array of operations is refused: 400 BAD_REQUEST', async () => {
      const batch = Array.from({ length: 50 }, () => ({ query: `{ ${EXPENSIVE} }` }));
      expectRefused(server(), await json(server(), batch), 400, 'BAD_REQUEST');
      expectRefused(server(), await json(server(), []), 400, 'BAD_REQUEST');
    });
  });

  describe('variables', () => {
    const query = 'query($n: Int, $f: EventFilter) { events(first: $n, filter: $f) { totalCount } }';
    it.each([
      ['not an object', { query, variables: 'n=1' }, 'BAD_REQUEST'],
      ['a string for an Int', { query, variables: { n: 'ten' } }, 'BAD_USER_INPUT'],
      ['an Int over 32 bits', { query, variables: { n: 2 ** 31 } }, 'BAD_USER_INPUT'],
      ['an unknown input field', { query, variables: { f: { nope: 1 } } }, 'BAD_USER_INPUT'],
      ['an invalid date', { query, variables: { f: { from: '2021-02-30' } } }, 'BAD_USER_INPUT'],
      [
        'an enum value that does not exist',
        { query, variables: { f: { kinds: ['DROP'] } } },
        'BAD_USER_INPUT',
      ],
      ['NUL in a variable', { query, variables: { f: { cameoCodes: ['04\u0000'] } } }, 'BAD_USER_INPUT'],
      ['NUL in a literal', { query: '{ event(slug: "a\\u0000b") { slug } }' }, 'BAD_USER_INPUT'],
    ])('%s: 400 %s', async (_name, payload, code) => {
      expectRefused(server(), await json(server(), payload), 400, code);
    });
  });

  describe('very long strings', () => {
    it('a 10,000-character slug is over its bound: 400 BAD_USER_INPUT naming it', async () => {
      const answer = await json(server(), {
        query: 'query($s: String!) { event(slug: $s) { slug } }',
        variables: { s: 'a-'.repeat(5_000) },
      });
      expectRefused(server(), answer, 400, 'BAD_USER_INPUT');
      expect(answer.body.errors[0].extensions.field).toBe('slug');
    });

    it('the longest search string the body limit allows is answered, not run for ever', async () => {
      const length = server() === development ? 1_000_000 : 95_000;
      for (const text of ['nav '.repeat(length / 4), 'x'.repeat(length)]) {
        const answer = await json(server(), {
          query:
            'query($q: String!) { search(query: $q) { totalCount } participants(filter: { name: $q }) { totalCount } }',
          variables: { q: text },
        });
        expectHandled(server(), answer);
      }
    });
  });

  describe('SQL metacharacters in every text argument of every query field', () => {
    const query = schema.getQueryType()!;
    const inputs = textInputs(query);
    const values = [
      "'; DROP TABLE event; --",
      "' OR '1'='1",
      '%',
      '_',
      '\\',
      "\\'; SELECT pg_sleep(10); --",
      '$$; DROP TABLE event; $$',
      'a\u0000b',
      '\u0000',
      '日本 Việt Nam 🇯🇵🇻🇳 \u202e\u200b',
      '\ud800',
      '',
      ' ',
      '%_%\\%',
    ];

    it('finds the text arguments to attack (the walk itself works)', () => {
      expect(inputs.map((i) => `${i.field}.${i.path.join('.')}`)).toEqual(
        expect.arrayContaining([
          'event.slug',
          'search.query',
          'events.filter.countries',
          'node.id',
          'participants.filter.name',
        ]),
      );
    });

    it.each(inputs.map((i) => [`${i.field}(${i.path.join('.')}: ${i.leafType})`, i] as const))(
      '%s',
      async (_name, input) => {
        for (const value of values) {
          const answer = await json(server(), requestPlacing(query, input, value));
          expectHandled(server(), answer);
          if (value.includes('\u0000')) expect(codes(answer)).toContain('BAD_USER_INPUT');
        }
      },
    );
  });

  describe('API keys', () => {
    const WRITE = {
      query: `mutation { createEvent(input: { kind: OTHER, title: "x", summary: "x", start: { date: "2026-01-01" },
        citations: [{ quote: "q", source: { kind: OTHER, title: "t" } }] }) { event { id } } }`,
    };
    const withAuthorization = (authorization: string) =>
      send(server(), JSON.stringify(WRITE), { 'content-type': 'application/json', authorization });

    it('forged, expired, revoked, malformed and oversized keys: 401 UNAUTHENTICATED, nothing written', async () => {
      const keys = badKeys.get(server())!;
      const forged = `Bearer jvlog_${'A'.repeat(43)}`;
      for (const authorization of [
        forged,
        `Bearer ${keys.expired}`,
        `Bearer ${keys.revoked}`,
        `Bearer ${keys.revoked.slice(0, -1)}x`,
        'Basic dXNlcjpwYXNz',
        'Bearer',
        `Bearer ${'k'.repeat(5_000)}`,
        `Bearer ' OR 1=1 --`,
      ]) {
        const answer = await withAuthorization(authorization);
        expectRefused(server(), answer, 401, 'UNAUTHENTICATED');
        expect(answer.text).not.toContain(keys.revoked);
      }
      // Beyond Node's header limit (16 kB) the HTTP layer itself refuses, before any of our code runs.
      const huge = await withAuthorization(`Bearer ${'k'.repeat(20_000)}`);
      expect(huge.status).toBe(431);
    });

    it('a valid key with too weak a role: FORBIDDEN, nothing written', async () => {
      const answer = await withAuthorization(`Bearer ${badKeys.get(server())!.reader}`);
      expectHandled(server(), answer);
      expect(codes(answer)).toEqual(['FORBIDDEN']);
    });
  });

  describe('afterwards', () => {
    it('nothing was written', async () => {
      expect(await rowCounts(server())).toEqual(rowCountsBefore.get(server()));
    });

    it('the server still answers queries and health checks', async () => {
      const answer = await json(server(), { query: '{ events(first: 1) { totalCount } }' });
      expect(answer.status).toBe(200);
      expect(answer.body.data.events.totalCount).toBeGreaterThan(0);
      const health = await fetch(`${server().url}/healthz`);
      expect(health.status).toBe(200);
    });
  });
});
