// The compiled read path (src/core/graphql/compile/) answers exactly what normal execution answers: a corpus
// of read operations — the bench's hot pages, every docs example, and variants that exercise fragments,
// aliases, directives, variables, ids, cursors and page info — is sent to two servers over one seeded
// database, one compiling and one not, and their bodies are compared byte for byte (all but
// `extensions`, whose statement count is expected to differ).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementsBySubject, personPage, SUBJECTS, timeline } from '../bench/operations.js';
import { prepareDatabase, startServer, type RunningServer } from '../src/app.js';
import { openDatabase, type Database } from '../src/core/db/database.js';
import { logger } from '../src/core/logger.js';
import { bearer } from './helpers/api-keys.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

let database: TestDatabase;
let db: Database;
let compiled: RunningServer;
let normal: RunningServer;
const fallbacks: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = await openDatabase(database.config);
  await prepareDatabase(db, { seed: 'always', logger });
  const common = {
    db,
    logger,
    port: 0,
    host: '127.0.0.1',
    production: false,
    access: { publicReads: true },
    responseCache: { ttlSeconds: 0, maxBytes: 0 },
  };
  compiled = await startServer({ ...common, compiledReads: { onFallback: (r) => fallbacks.push(r) } });
  normal = await startServer({ ...common, compiledReads: false });
});
afterAll(async () => {
  await compiled?.close();
  await normal?.close();
  await db?.close();
  await database?.drop();
});

async function post(server: RunningServer, query: string, variables?: unknown) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.text();
  const at = body.lastIndexOf(',"extensions":');
  const parsed = JSON.parse(body) as { extensions?: { sql?: { statements?: number } } };
  return {
    status: res.status,
    body: at < 0 ? body : `${body.slice(0, at)}}`,
    statements: parsed.extensions?.sql?.statements,
  };
}

/** Sends both; returns whether the compiled server compiled it. */
async function same(
  query: string,
  variables?: unknown,
): Promise<{ compiled: boolean; reasons: string[]; body: string }> {
  fallbacks.length = 0;
  const a = await post(compiled, query, variables);
  const reasons = [...fallbacks];
  const b = await post(normal, query, variables);
  expect(a.status).toBe(b.status);
  expect(a.body).toBe(b.body);
  return { compiled: reasons.length === 0, reasons, body: a.body };
}

const FRAGMENTS = `
query Fragments($withCitations: Boolean!, $skipPlace: Boolean = false) {
  __typename
  timeline: events(first: 7, orderBy: { direction: ASC }) {
    __typename
    ...Page
    edges { cursor __typename node { id ...EventBits ... on Event { kind titleAgain: title } } }
  }
}
fragment Page on QueryEventsConnection {
  totalCount
  pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
}
fragment EventBits on Event {
  __typename
  slug
  placeName @skip(if: $skipPlace)
  placeCountry { id name isoCode kind __typename }
  start { __typename label precision date }
  end { date precision label }
  version
  createdAt
  updatedAt
  deletedAt
  citations @include(if: $withCitations) { id quote source { id slug kind title authors attributions } }
  hosts: participations(roles: [HOST]) { id role participant { slug } }
  participations { role participant { ...Who } }
}
fragment Who on Participant { slug name kind aliases isoCode description country { name } }
`;

const VARIANTS: [string, string, Record<string, unknown>?][] = [
  ['fragments, aliases, directives', FRAGMENTS, { withCitations: true }],
  ['directives off', FRAGMENTS, { withCitations: false, skipPlace: true }],
  [
    'empty page',
    `{ events(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage startCursor endCursor } } }`,
  ],
  [
    'largest page',
    `{ events(first: 100) { edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } }`,
  ],
  [
    'default page size',
    `{ events { edges { node { slug } } } agreements { totalCount edges { node { slug } } } }`,
  ],
  [
    'events filtered by countries',
    `query($c: [CountryCode!]) { events(first: 5, filter: { countries: $c, countriesMatch: ALL }) { totalCount edges { node { slug } } } }`,
    { c: ['JP', 'VN'] },
  ],
  [
    'events filtered by kinds and dates',
    `{ events(first: 50, filter: { kinds: [MEETING, VISIT], from: "2021-01-01", to: "2021-12-31" }) { totalCount edges { node { slug kind } } } }`,
  ],
  [
    'agreements by status and subject',
    `{ agreements(first: 10, filter: { statuses: [SIGNED, IN_FORCE], subjects: [CYBERSECURITY, MILITARY_MEDICINE] }) {
      totalCount edges { cursor node { id slug subjects status kind summary version signed { label date precision }
      parties { id participant { name } } signingEvent { slug start { label } } citations { quote } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
  ],
  [
    'person with every list',
    `query($slug: String!) { participant(slug: $slug) { id slug name kind aliases isoCode description version
      country { slug members(first: 3) { totalCount edges { node { slug } } } }
      positions { id title start { label } end { label } organisation { name } holder { slug } }
      agreements { participant { slug } agreement { slug } }
      participations(first: 5, roles: [HOST, VISITOR]) { totalCount edges { cursor node { id role event { slug } } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`,
    { slug: 'nobuo-kishi' },
  ],
  [
    'a country',
    `{ participant(slug: "japan") { name members(first: 100) { totalCount edges { node { slug kind } } } } }`,
  ],
  ['unknown person (NOT_FOUND, normal path)', `{ participant(slug: "nobody-at-all") { name } }`],
  [
    'three levels (statement-count test)',
    `{ events(first: 10) { edges { node {
    title
    participations { role participant { name country { name } } citations { quote source { title } } }
    citations { quote source { title } } } } } }`,
  ],
];

describe('compiled reads answer what normal execution answers', () => {
  it('the bench pages: timeline, every person sampled, every subject', async () => {
    expect((await same(timeline.query, { after: null })).compiled).toBe(true);
    const people = await db.prisma.participant.findMany({ select: { slug: true }, orderBy: { slug: 'asc' } });
    expect(people.length).toBeGreaterThan(5);
    for (const { slug } of people) expect((await same(personPage.query, { slug })).compiled).toBe(true);
    for (const subject of SUBJECTS)
      expect((await same(agreementsBySubject.query, { subjects: [subject] })).compiled).toBe(true);
    expect((await same(agreementsBySubject.query, { subjects: null })).compiled).toBe(true);
  });

  it('every docs example that reads', async () => {
    const dir = path.resolve(import.meta.dirname, '../docs/examples');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.graphql')).sort();
    const compiledNames: string[] = [];
    for (const file of files) {
      const query = await readFile(path.join(dir, file), 'utf8');
      if (/^\s*mutation\b/m.test(query) || /^# key:/m.test(query)) continue;
      const variables = await readFile(path.join(dir, file.replace(/\.graphql$/, '.variables.json')), 'utf8')
        .then((t) => JSON.parse(t) as Record<string, unknown>)
        .catch(() => undefined);
      if ((await same(query, variables)).compiled) compiledNames.push(file);
    }
    // The timeline and the person page are compiled; the rest use fields the compiler leaves to execution.
    expect(compiledNames).toEqual(expect.arrayContaining(['timeline.graphql']));
  });

  for (const [name, query, variables] of VARIANTS) {
    it(name, async () => {
      const result = await same(query, variables);
      if (name.includes('normal path')) expect(result.compiled).toBe(false);
      else expect(result.reasons).toEqual([]);
    });
  }

  it('events by participants (global ids decoded as the resolver decodes them)', async () => {
    const people = JSON.parse(
      (
        await post(
          normal,
          `{ participants(first: 100, filter: { kinds: [PERSON] }) { edges { node { id } } } }`,
        )
      ).body,
    );
    const ids = people.data.participants.edges.slice(0, 3).map((e: { node: { id: string } }) => e.node.id);
    for (const match of ['ANY', 'ALL']) {
      const query = `query($p: [ID!], $m: MatchMode) { events(first: 30, filter: { participants: $p, participantsMatch: $m }) { totalCount edges { node { slug } } } }`;
      expect((await same(query, { p: ids, m: match })).reasons).toEqual([]);
    }
  });

  it('falls back for a cursor page, and for reads that need a key when reads are not public', async () => {
    const first = JSON.parse((await post(normal, `{ events(first: 2) { pageInfo { endCursor } } }`)).body);
    const after = first.data.events.pageInfo.endCursor as string;
    expect(
      (
        await same(`query($a: String) { events(first: 2, after: $a) { edges { node { slug } } } }`, {
          a: after,
        })
      ).compiled,
    ).toBe(false);
  });

  it("applies the root fields' access rule: with READS_REQUIRE_KEY, anonymous reads are not compiled", async () => {
    const reasons: string[] = [];
    const keyed = await startServer({
      db,
      logger,
      port: 0,
      host: '127.0.0.1',
      production: false,
      access: { publicReads: false },
      responseCache: { ttlSeconds: 0, maxBytes: 0 },
      compiledReads: { onFallback: (r) => reasons.push(r) },
    });
    try {
      const ask = async (headers: Record<string, string>) => {
        reasons.length = 0;
        const res = await fetch(`${keyed.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: timeline.query, variables: { after: null } }),
        });
        return {
          body: (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] },
          reasons: [...reasons],
        };
      };
      const anonymous = await ask({});
      expect(anonymous.reasons).toHaveLength(1);
      expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const reader = await ask({ authorization: (await bearer(db, 'READER')).authorization });
      expect(reader.reasons).toEqual([]);
      const expected = JSON.parse((await post(normal, timeline.query, { after: null })).body);
      expect(reader.body.data).toEqual(expected.data);
    } finally {
      await keyed.close();
    }
  });
});
