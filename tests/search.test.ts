// Full-text search over real HTTP: ranking, highlighting, keyset pagination, kinds, the count limit,
// hits of deleted records, argument errors, hostile input, and the number of SQL statements a page costs.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataset } from '../seeds/japan-vietnam.js';
import type { SeedCitation } from '../seeds/dataset-types.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';
import { graphql, type ResultOf, type VariablesOf } from './helpers/graphql.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

/** A hit as the tests read it: its rank, kind and headline, and the record of its kind. */
const HIT = graphql(`
  fragment Hit on SearchHit {
    rank
    kind
    headline
    event {
      id
      slug
      title
      summary
    }
    remark {
      id
      slug
      content
      speaker {
        name
      }
    }
    citation {
      id
      quote
      source {
        title
      }
    }
  }
`);
type Hit = ResultOf<typeof HIT>;

const SEARCH = graphql(
  `
    query ($query: String!, $first: Int, $after: String, $kinds: [SearchHitKind!]) {
      search(query: $query, first: $first, after: $after, kinds: $kinds) {
        totalCount
        totalCountIsExact
        pageInfo {
          hasNextPage
          hasPreviousPage
          startCursor
          endCursor
        }
        edges {
          cursor
          node {
            ...Hit
          }
        }
      }
    }
  `,
  [HIT],
);

interface SearchResult {
  totalCount: number;
  totalCountIsExact: boolean;
  pageInfo: NonNullable<ResultOf<typeof SEARCH>['search']>['pageInfo'];
  hits: Hit[];
  /** SQL statements the request cost. */
  statements: number;
}

async function search(variables: VariablesOf<typeof SEARCH>): Promise<SearchResult> {
  const res = await server.gql(SEARCH, variables);
  expect(res.errors).toBeUndefined();
  const found = dataOf(res).search;
  expect(found).not.toBeNull();
  const { totalCount, totalCountIsExact, pageInfo, edges } = found!;
  return {
    totalCount,
    totalCountIsExact,
    pageInfo,
    hits: edges.map((e) => e.node),
    statements: res.extensions!.sql.statements,
  };
}

const idOf = (h: Hit) => `${h.kind}:${(h.event ?? h.remark ?? h.citation)!.id}`;

/** Every page of `query`, `first` hits at a time, following endCursor. */
async function allPages(query: string, first: number): Promise<SearchResult[]> {
  const pages: SearchResult[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const res: SearchResult = await search({ query, first, after });
    pages.push(res);
    if (!res.pageInfo.hasNextPage) break;
    after = res.pageInfo.endCursor;
  }
  return pages;
}
const KIND_ORDER = ['CITATION', 'EVENT', 'REMARK'];

/** Every distinct citation row the seed writes (it upserts by owner, source, quote and pinned claim). */
function seedCitations(): SeedCitation[] {
  const rows = new Map<string, SeedCitation>();
  const add = (owner: string, citations: SeedCitation[]) => {
    for (const c of citations)
      rows.set(JSON.stringify([owner, c.source, c.quote, c.claimField, c.claimValue]), c);
  };
  for (const p of dataset.participants)
    for (const pos of p.positions ?? []) add(`position:${p.key}:${pos.title}`, pos.citations);
  for (const e of dataset.events) {
    add(`event:${e.key}`, e.citations);
    for (const p of e.participants) add(`participation:${e.key}:${p.participant}:${p.role}`, p.citations);
  }
  for (const a of dataset.agreements) {
    add(`agreement:${a.key}`, a.citations);
    for (const p of a.parties) add(`party:${a.key}:${p.participant}`, p.citations);
  }
  for (const r of dataset.remarks) add(`remark:${r.key}`, r.citations);
  return [...rows.values()];
}

describe('search("cybersecurity")', () => {
  let result: SearchResult;
  beforeAll(async () => {
    result = await search({ query: 'cybersecurity', first: 100 });
  });

  it('finds every event, remark and citation that mentions it', () => {
    const mentions = (text: string) => /cybersecurity/i.test(text);
    const expected =
      dataset.events.filter((e) => mentions(`${e.title} ${e.summary}`)).length +
      dataset.remarks.filter((r) => mentions(r.content)).length +
      seedCitations().filter((c) => mentions(c.quote)).length;
    expect(result.totalCount).toBe(expected);
    expect(result.totalCountIsExact).toBe(true);
    expect(result.hits).toHaveLength(expected);
    expect(result.pageInfo.hasNextPage).toBe(false);
    expect(new Set(result.hits.map((h) => h.kind))).toEqual(new Set(['EVENT', 'REMARK', 'CITATION']));
  });

  it('orders hits by rank, descending, ties by kind', () => {
    for (let i = 1; i < result.hits.length; i++) {
      const [prev, hit] = [result.hits[i - 1]!, result.hits[i]!];
      expect(hit.rank).toBeLessThanOrEqual(prev.rank);
      if (hit.rank === prev.rank)
        expect(KIND_ORDER.indexOf(hit.kind)).toBeGreaterThanOrEqual(KIND_ORDER.indexOf(prev.kind));
    }
    expect(result.hits[0]!.rank).toBeGreaterThan(result.hits.at(-1)!.rank);
  });

  it('highlights the matches with <mark> in every headline', () => {
    for (const hit of result.hits) expect(hit.headline.toLowerCase()).toContain('<mark>cybersecurity</mark>');
  });

  it('sets exactly the record of the hit’s kind, loaded with its relations', () => {
    for (const hit of result.hits) {
      const set = [hit.event, hit.remark, hit.citation].filter((r) => r !== null);
      expect(set).toHaveLength(1);
      if (hit.kind === 'EVENT') expect(`${hit.event!.title} ${hit.event!.summary}`).toMatch(/cybersecurity/i);
      if (hit.kind === 'REMARK') expect(hit.remark!.speaker.name).toBeTruthy();
      if (hit.kind === 'CITATION') expect(hit.citation!.source.title).toBeTruthy();
    }
  });
});

describe("a hit's record", () => {
  // The hits' records are read by the direct by-id statement (core/graphql/direct-records.ts), not by
  // Prisma's client: dates, enums, lists, nullable and nested relations must come out as the record's own
  // reads give them.
  const EVENT = graphql(`
    fragment EventRecord on Event {
      slug
      kind
      title
      placeName
      createdAt
      updatedAt
      start {
        date
        precision
        label
      }
      end {
        date
      }
      placeCountry {
        name
      }
    }
  `);
  const REMARK = graphql(`
    fragment RemarkRecord on Remark {
      slug
      content
      isDirectQuote
      topics
      audience
      version
      said {
        date
        label
      }
      speaker {
        name
        kind
      }
      addressee {
        name
      }
      event {
        slug
        start {
          date
        }
      }
    }
  `);
  const CITATION = graphql(`
    fragment CitationRecord on Citation {
      quote
      claimField
      claimValue
      textPositionSelector {
        start
        end
      }
      source {
        title
        kind
        authors
        published {
          date
        }
        embeddedIn {
          title
        }
      }
    }
  `);

  it('is the record as its own read gives it, dates, lists and nested relations included', async () => {
    const res = await server.gql(
      graphql(
        `
          query ($query: String!) {
            search(query: $query, first: 50) {
              edges {
                node {
                  kind
                  event {
                    id
                    ...EventRecord
                  }
                  remark {
                    id
                    ...RemarkRecord
                  }
                  citation {
                    id
                    ...CitationRecord
                  }
                }
              }
            }
          }
        `,
        [EVENT, REMARK, CITATION],
      ),
      { query: 'cybersecurity' },
    );
    expect(res.errors).toBeUndefined();
    const found = dataOf(res).search;
    expect(found).not.toBeNull();
    const edges = found!.edges;
    const records = edges.map(({ node }) => (node.event ?? node.remark ?? node.citation)!);
    expect(new Set(edges.map((e) => e.node.kind)).size).toBe(3);
    const own = await server.gql(
      graphql(
        `
          query ($ids: [ID!]!) {
            nodes(ids: $ids) {
              id
              ... on Event {
                ...EventRecord
              }
              ... on Remark {
                ...RemarkRecord
              }
              ... on Citation {
                ...CitationRecord
              }
            }
          }
        `,
        [EVENT, REMARK, CITATION],
      ),
      { ids: records.map((r) => r.id) },
    );
    expect(own.errors).toBeUndefined();
    expect(records).toEqual(dataOf(own).nodes);
  });
});

describe('ranking', () => {
  it('puts the obviously best match first', async () => {
    const meeting = await search({ query: 'Kishi Giang meeting Tokyo', first: 5 });
    expect(meeting.hits[0]).toMatchObject({
      kind: 'EVENT',
      event: { slug: 'japan-vietnam-defence-ministers-meeting-2021-11-23' },
    });

    // The remark that is just these words beats the longer texts that quote it.
    const destiny = await search({ query: 'same destiny', first: 5 });
    expect(destiny.hits[0]).toMatchObject({
      kind: 'REMARK',
      remark: { content: 'both the countries share the “same destiny”', speaker: { name: 'Nobuo Kishi' } },
    });
    // "same" is an English stop word: it matches anything, so only "destiny" is marked.
    expect(destiny.hits[0]!.headline).toBe('both the countries share the “same <mark>destiny</mark>”');
  });

  it('supports web-search syntax: quoted phrases and exclusions', async () => {
    const phrase = await search({ query: '"strong sense of urgency"', first: 100 });
    expect(phrase.totalCount).toBeGreaterThan(0);
    const excluded = await search({ query: 'cybersecurity -Singapore', first: 100 });
    const all = await search({ query: 'cybersecurity', first: 100 });
    expect(excluded.totalCount).toBeLessThan(all.totalCount);
    for (const hit of excluded.hits) expect(hit.headline).not.toMatch(/Singapore/);
  });

  it('restricts hits to the kinds asked for', async () => {
    const all = await search({ query: 'cybersecurity', first: 100 });
    const some = await search({ query: 'cybersecurity', first: 100, kinds: ['REMARK', 'CITATION'] });
    expect(some.hits.every((h) => h.kind !== 'EVENT')).toBe(true);
    expect(some.totalCount).toBe(all.hits.filter((h) => h.kind !== 'EVENT').length);
    expect(some.hits.map(idOf)).toEqual(all.hits.filter((h) => h.kind !== 'EVENT').map(idOf));
  });
});

describe('keyset pagination', () => {
  it.each(['cybersecurity', 'Japan Vietnam'])(
    'visits every hit of %j exactly once, in the order of one big page',
    async (query) => {
      const big = await search({ query, first: 100 });
      expect(big.totalCount).toBeGreaterThan(4);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 100; page++) {
        const res: SearchResult = await search({ query, first: 2, after });
        expect(res.totalCount).toBe(big.totalCount);
        expect(res.hits.length).toBeLessThanOrEqual(2);
        expect(res.pageInfo.hasPreviousPage).toBe(after !== null);
        seen.push(...res.hits.map(idOf));
        if (!res.pageInfo.hasNextPage) break;
        after = res.pageInfo.endCursor;
      }
      expect(seen).toEqual(big.hits.map(idOf));
      expect(new Set(seen).size).toBe(big.totalCount);
    },
  );

  it('returns an empty page after the last hit', async () => {
    const all = await search({ query: 'cybersecurity', first: 100 });
    const beyond = await search({ query: 'cybersecurity', first: 5, after: all.pageInfo.endCursor });
    expect(beyond.totalCount).toBe(all.totalCount);
    expect(beyond.hits).toEqual([]);
    expect(beyond.pageInfo).toMatchObject({ hasNextPage: false, startCursor: null, endCursor: null });
  });
});

describe('the count limit (SEARCH_COUNT_LIMIT)', () => {
  // "Japan Vietnam" has a few dozen hits: all on one page of 100, so that page is the exact answer.
  const query = 'Japan Vietnam';
  let exact: SearchResult;
  beforeAll(async () => {
    exact = await search({ query, first: 100 });
    expect(exact.pageInfo.hasNextPage).toBe(false);
    expect(exact.totalCount).toBe(exact.hits.length);
    expect(exact.totalCount).toBeGreaterThan(6);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });
  const withLimit = (limit: number) => vi.stubEnv('SEARCH_COUNT_LIMIT', String(limit));

  it('counts exactly up to the limit, and says so', async () => {
    withLimit(exact.totalCount);
    expect(await search({ query, first: 5 })).toMatchObject({
      totalCount: exact.totalCount,
      totalCountIsExact: true,
    });
  });

  it('stops one hit past the limit: totalCount is the limit and is not exact', async () => {
    withLimit(exact.totalCount - 1);
    expect(await search({ query, first: 5 })).toMatchObject({
      totalCount: exact.totalCount - 1,
      totalCountIsExact: false,
    });
    withLimit(3);
    expect(await search({ query, first: 100 })).toMatchObject({ totalCount: 3, totalCountIsExact: false });
  });

  it('still pages through every hit exactly once, in rank order, whatever the limit', async () => {
    withLimit(3);
    const pages = await allPages(query, 4);
    for (const page of pages) expect(page).toMatchObject({ totalCount: 3, totalCountIsExact: false });
    const seen = pages.flatMap((p) => p.hits.map(idOf));
    expect(seen).toEqual(exact.hits.map(idOf));
    expect(pages.length).toBe(Math.ceil(exact.totalCount / 4));
  });

  it('counts only the kinds asked for', async () => {
    withLimit(1000);
    const events = exact.hits.filter((h) => h.kind === 'EVENT').length;
    expect(await search({ query, first: 1, kinds: ['EVENT'] })).toMatchObject({
      totalCount: events,
      totalCountIsExact: true,
    });
  });
});

describe('a common query (more estimated matches than SEARCH_INDEX_MATCHES)', () => {
  // The seed's tables are a few pages, so a sample of them is all of them: the common path then finds
  // the same hits as the index, and what differs is the count, which it never makes.
  const query = 'Japan Vietnam';
  let exact: SearchResult;
  beforeAll(async () => {
    exact = await search({ query, first: 100 });
    expect(exact.totalCountIsExact).toBe(true);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('ranks the matches of a sample, pages through them once, and reports "more than the limit"', async () => {
    vi.stubEnv('SEARCH_INDEX_MATCHES', '1');
    vi.stubEnv('SEARCH_COUNT_LIMIT', '50');
    const common = await search({ query, first: 100 });
    expect(common.hits.map(idOf)).toEqual(exact.hits.map(idOf));
    expect(common).toMatchObject({ totalCount: 50, totalCountIsExact: false });
    const pages = await allPages(query, 7);
    expect(pages.flatMap((p) => p.hits.map(idOf))).toEqual(exact.hits.map(idOf));
  });

  it('refuses a limit that is not a positive integer at start', async () => {
    const { configFromEnv } = await import('../src/app.js');
    expect(() => configFromEnv({ SEARCH_INDEX_MATCHES: '0' })).toThrow(/SEARCH_INDEX_MATCHES/);
  });
});

describe('hits of deleted records', () => {
  // A word no seed text has, in one live event (a long text, so a low rank) with one citation, and in
  // a soft-deleted event whose twelve citations say little else (short texts, the best ranks). The dead
  // citations fill the first window of best hits that a page checks, so the search must look further.
  const word = 'quokkazoid';
  let liveEvent: string;
  let deadEvent: string;
  beforeAll(async () => {
    const prisma = server.db.prisma;
    const [source] = await prisma.$queryRaw<{ id: string }[]>`SELECT id FROM source ORDER BY id LIMIT 1`;
    const insert = async (slug: string, summary: string, quotes: string[], deleted: boolean) => {
      // One statement, so that the event and its citations commit together (every event needs one).
      const [row] = await prisma.$queryRaw<{ id: string }[]>`
        WITH ev AS (
          INSERT INTO event (slug, kind, title, summary, start_date, start_precision, deleted_at)
          VALUES (${slug}, 'MEETING', 'Test event', ${summary}, DATE '2020-01-01', 'DAY',
                  CASE WHEN ${deleted} THEN now() END)
          RETURNING id),
        cited AS (
          INSERT INTO citation (source_id, quote, event_id)
          SELECT ${source!.id}::uuid, q, ev.id FROM ev, unnest(${quotes}::text[]) AS q RETURNING 1)
        SELECT ev.id::text AS id FROM ev, (SELECT count(*) FROM cited) n`;
      return row!.id;
    };
    liveEvent = await insert(
      'search-test-live',
      `A long account of a meeting on many subjects in which ${word} came up once among many other words.`,
      [`Officials spoke at length about training, equipment and, briefly, ${word} cooperation.`],
      false,
    );
    deadEvent = await insert(
      'search-test-deleted',
      `${word} ${word}`,
      Array.from({ length: 12 }, (_, i) => `${word} ${word} ${i}`),
      true,
    );
  });
  afterAll(async () => {
    await server.db.prisma
      .$executeRaw`DELETE FROM event WHERE id IN (${liveEvent}::uuid, ${deadEvent}::uuid)`;
  });

  it('never returns a deleted record or a citation of one, and does not count them', async () => {
    const all = await search({ query: word, first: 100 });
    expect(all).toMatchObject({ totalCount: 2, totalCountIsExact: true });
    expect(all.hits.map((h) => h.kind).sort()).toEqual(['CITATION', 'EVENT']);
    expect(all.hits.find((h) => h.kind === 'EVENT')!.event!.slug).toBe('search-test-live');
  });

  it('fills each page with live hits even when deleted ones rank above them', async () => {
    const all = await search({ query: word, first: 100 });
    const pages = await allPages(word, 1);
    expect(pages.map((p) => p.hits.length)).toEqual([1, 1]);
    expect(pages[0]!.pageInfo.hasNextPage).toBe(true);
    expect(pages.flatMap((p) => p.hits.map(idOf))).toEqual(all.hits.map(idOf));
    expect((await search({ query: word, first: 1, kinds: ['CITATION'] })).hits).toHaveLength(1);
  });
});

describe('search errors and hostile input', () => {
  const errorOf = async (variables: VariablesOf<typeof SEARCH>) => {
    const res = await server.gql(SEARCH, variables);
    expect(res.data?.search ?? null).toBeNull();
    return res.errors?.[0]?.extensions;
  };

  it.each(['', '   ', '\n\t'])('refuses the blank query %j', async (query) => {
    expect(await errorOf({ query })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
  });

  it('refuses a query longer than 500 characters', async () => {
    expect(await errorOf({ query: 'cyber '.repeat(100) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'query',
    });
  });

  it.each([101, -1])('refuses first: %d', async (first) => {
    expect(await errorOf({ query: 'cybersecurity', first })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });

  it.each([
    'not a cursor',
    'bm9wZQ',
    Buffer.from('{"r":"high","k":"EVENT","i":"x"}').toString('base64'),
    Buffer.from('{"r":0.1,"k":"SOURCE","i":"00000000-0000-0000-0000-000000000000"}').toString('base64url'),
  ])('refuses the malformed cursor %j', async (after) => {
    expect(await errorOf({ query: 'cybersecurity', after })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it.each(["'; DROP TABLE event; --", '%', '\\', '"unbalanced', '!!! & | ( ) :* <->', "O'Brien", '_%_'])(
    'treats %j as words to look for, not SQL',
    async (query) => {
      const res = await server.gql(SEARCH, { query, first: 5 });
      expect(res.errors).toBeUndefined();
      expect(dataOf(res).search?.totalCount).toBeGreaterThanOrEqual(0);
    },
  );

  it('still has its events table afterwards', async () => {
    const res = await server.gql(
      graphql(`
        {
          events {
            totalCount
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).events.totalCount).toBe(dataset.events.length);
    const [row] = await server.db.prisma.$queryRaw<
      { exists: boolean }[]
    >`SELECT to_regclass('event') IS NOT NULL AS exists`;
    expect(row?.exists).toBe(true);
  });
});

describe('cost', () => {
  it('costs a small constant number of SQL statements for a page of 20 hits', async () => {
    const flat = graphql(`
      query ($first: Int) {
        search(query: "cybersecurity", first: $first) {
          totalCount
          edges {
            node {
              rank
              kind
              headline
              event {
                title
              }
              remark {
                content
              }
              citation {
                quote
              }
            }
          }
        }
      }
    `);
    const page = await server.gql(flat, { first: 20 });
    expect(page.errors).toBeUndefined();
    expect(dataOf(page).search?.edges).toHaveLength(20);
    expect(page.extensions!.sql.statements).toBeLessThanOrEqual(5);
  });

  it('does not grow with the page size when relations are asked for (no N+1)', async () => {
    // 30: the seed's pinned citations (a quote that also dates its claim) rank many citations first.
    const twenty = await search({ query: 'cybersecurity', first: 30 });
    const all = await search({ query: 'cybersecurity', first: 100 });
    expect(new Set(twenty.hits.map((h) => h.kind)).size).toBe(3);
    expect(all.hits.length).toBeGreaterThan(twenty.hits.length);
    // One statement for the hits and total, then one per kind and relation level, whatever the page size.
    expect(all.statements).toBe(twenty.statements);
  });
});
