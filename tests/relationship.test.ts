// The relationship view over real HTTP: bilateral events (and their counts), agreements, remarks, first
// and last contact, the people who met most, argument errors, and a statement count that does not grow
// with the number of rows. Expectations are computed from the seed dataset, not hard-coded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset } from '../seeds/japan-vietnam.js';
import type { SeedEvent } from '../seeds/dataset-types.js';
import { dataOf, startTestServer, type GraphQLResponse, type TestServer } from './helpers/test-server.js';
import { graphql, type ResultOf } from './helpers/graphql.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

// ----- What the seed says -----------------------------------------------------------------------------

const participantByKey = new Map(dataset.participants.map((p) => [p.key, p]));

/** The ISO code of the country a participant is (or belongs to), if any. */
function sideOf(key: string): string | undefined {
  const p = participantByKey.get(key)!;
  if (p.isoCode) return p.isoCode;
  return p.country ? participantByKey.get(p.country)?.isoCode : undefined;
}

const involves = (e: SeedEvent, iso: string) => e.participants.some((p) => sideOf(p.participant) === iso);
const bilateral = dataset.events.filter((e) => involves(e, 'JP') && involves(e, 'VN'));
const bilateralKeys = new Set(bilateral.map((e) => e.key));

function countBy(keyOf: (e: SeedEvent) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of bilateral) counts.set(keyOf(e), (counts.get(keyOf(e)) ?? 0) + 1);
  return counts;
}
/** Undated events (ON_OR_BEFORE: stored at their bound, with no earliest day) are in no period. */
const undated = bilateral.filter((e) => e.start.precision === 'ON_OR_BEFORE');
const byPeriod = (length: number) =>
  [...countBy((e) => (e.start.precision === 'ON_OR_BEFORE' ? '' : e.start.date.slice(0, length)))]
    .filter(([period]) => period !== '')
    .map(([period, count]) => ({ period, count }))
    .sort((a, b) => a.period.localeCompare(b.period));

const KISHI = participantByKey.get('nobuo-kishi')!;
const GIANG = participantByKey.get('phan-van-giang')!;
const kishiGiangEvents = bilateral.filter(
  (e) =>
    e.participants.some((p) => p.participant === KISHI.key) &&
    e.participants.some((p) => p.participant === GIANG.key),
);

/** The seed's rule for the relationship's remarks (see Relationship.remarks). */
const expectedRemarks = dataset.remarks.filter((r) => {
  const side = sideOf(r.speaker);
  if (side !== 'JP' && side !== 'VN') return false;
  const other = side === 'JP' ? 'VN' : 'JP';
  return (
    r.topics.includes(other) ||
    r.topics.some((t) => !/^[A-Z]{2}$/.test(t)) ||
    (r.event !== undefined && bilateralKeys.has(r.event))
  );
});

const expectedAgreements = dataset.agreements.filter((a) => {
  const sides = new Set(a.parties.map((p) => sideOf(p.participant)));
  return sides.has('JP') && sides.has('VN');
});

// ----- The view -----------------------------------------------------------------------------------------

const RELATIONSHIP = graphql(`
  query ($between: [CountryCode!]!) {
    relationship(between: $between) {
      countries {
        name
        isoCode
      }
      events(first: 100) {
        totalCount
        edges {
          cursor
          node {
            slug
            title
            start {
              date
            }
          }
        }
      }
      agreements {
        totalCount
        edges {
          node {
            slug
            title
          }
        }
      }
      remarks(first: 100) {
        totalCount
        edges {
          node {
            slug
            content
            speaker {
              name
            }
          }
        }
      }
      countsByYear {
        period
        count
        imprecise
      }
      countsByMonth {
        period
        count
        imprecise
      }
      countsByKind {
        kind
        count
      }
      undatedCount
      firstContact {
        slug
        title
        start {
          date
          precision
        }
      }
      lastContact {
        slug
        title
        start {
          date
          precision
        }
      }
      topPairs {
        a {
          name
        }
        b {
          name
        }
        meetings
        lastMet {
          date
        }
        events {
          slug
          title
        }
      }
    }
  }
`);

describe('relationship(between: ["JP", "VN"])', () => {
  let view: NonNullable<ResultOf<typeof RELATIONSHIP>['relationship']>;
  let statements: number;
  beforeAll(async () => {
    const res = await server.gql(RELATIONSHIP, { between: ['JP', 'VN'] });
    expect(res.errors).toBeUndefined();
    view = dataOf(res).relationship!;
    statements = res.extensions!.sql.statements;
  });

  it('names the two countries in the order given', () => {
    expect(view.countries).toEqual([
      { name: 'Japan', isoCode: 'JP' },
      { name: 'Vietnam', isoCode: 'VN' },
    ]);
  });

  it('lists exactly the events with both a Japanese and a Vietnamese participant, newest first', () => {
    expect(bilateral.length).toBe(12); // a sanity check on the expectation itself
    expect(view.events.totalCount).toBe(bilateral.length);
    const slugs = view.events.edges.map((e) => e.node.slug);
    expect(new Set(slugs)).toEqual(bilateralKeys);
    const dates = view.events.edges.map((e) => e.node.start.date);
    expect(dates).toEqual([...dates].sort().reverse());
    // Events of only one side are not bilateral: the guard of honour had only Kishi, the NATO exercise no Vietnam.
    expect(slugs).not.toContain('guard-of-honour-for-kishi-2021-09-11');
    expect(slugs).not.toContain('nato-cyberspace-exercise-2021-04');
  });

  it('counts bilateral events by year and by month, oldest first; undated ones in no period, counted apart', () => {
    expect(view.countsByYear.map(({ period, count }) => ({ period, count }))).toEqual(byPeriod(4));
    expect(view.countsByMonth.map(({ period, count }) => ({ period, count }))).toEqual(byPeriod(7));
    expect(undated.length).toBeGreaterThan(0);
    expect(view.undatedCount).toBe(undated.length);
    const sum = (rows: { count: number }[]) => rows.reduce((n, r) => n + r.count, 0);
    expect(sum(view.countsByYear) + view.undatedCount).toBe(view.events.totalCount);
    expect(sum(view.countsByMonth) + view.undatedCount).toBe(view.events.totalCount);
    // Events known only to the year sit in January; the month count says so.
    const imprecise = view.countsByMonth.reduce((n, r) => n + r.imprecise, 0);
    expect(imprecise).toBe(bilateral.filter((e) => e.start.precision === 'YEAR').length);
    expect(view.countsByYear.every((r) => r.imprecise === 0)).toBe(true);
  });

  it('counts bilateral events by kind, most frequent first', () => {
    const expected = [...countBy((e) => e.kind)]
      .map(([kind, count]) => ({ kind, count }))
      .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
    expect(view.countsByKind).toEqual(expected);
  });

  it('finds the first and last contact, honest about imprecise and undated dates', () => {
    const dates = bilateral
      .filter((e) => e.start.precision !== 'ON_OR_BEFORE')
      .map((e) => e.start.date)
      .sort();
    const last = dates.at(-1)!;
    // Undated items are stored at their bound (the talks at the article's date, after anything dated;
    // the invitation at the visit it led to); they may have been long before, so neither is the last
    // contact, nor the first while a dated event certainly came before their bound.
    expect(undated.some((e) => e.start.date > last)).toBe(true);
    const undatedSlugs = undated.map((e) => e.key);
    expect(undatedSlugs).not.toContain(view.firstContact!.slug);
    expect(undatedSlugs).not.toContain(view.lastContact!.slug);
    // An event "in September 2021" (it may have been on the 30th) is not the first contact while one is
    // dated 11 September.
    expect(dates[0]).toBe('2021-09-01');
    const first = '2021-09-11';
    expect(view.firstContact!.start.precision).toBe('DAY');
    expect(last).toBe('2021-11-23');
    expect(view.firstContact!.start.date).toBe(first);
    expect(view.lastContact!.start.date).toBe(last);
    const titlesOn = (date: string) => bilateral.filter((e) => e.start.date === date).map((e) => e.title);
    expect(titlesOn(first)).toContain(view.firstContact!.title);
    expect(titlesOn(last)).toContain(view.lastContact!.title);
    // Ties on the date are broken by id, as in `events`: the first of that date in the events' order.
    const lastInOrder = view.events.edges.find((e) => e.node.start.date === last)!.node;
    expect(view.lastContact!.slug).toBe(lastInOrder.slug);
  });

  it('lists the agreements both are party to, including the equipment transfer agreement', () => {
    expect(view.agreements.totalCount).toBe(expectedAgreements.length);
    const titles = view.agreements.edges.map((e) => e.node.title);
    expect(new Set(titles)).toEqual(new Set(expectedAgreements.map((a) => a.title)));
    expect(titles).toContain('Japan–Vietnam defence equipment and technology transfer agreement');
    expect(titles).not.toContain('Japan–United Kingdom defence equipment and technology transfer agreement');
  });

  it('lists the remarks either side made about the other, about a region or at a bilateral event, with speakers', () => {
    expect(view.remarks.totalCount).toBe(expectedRemarks.length);
    const remarks = view.remarks.edges.map((e) => e.node);
    expect(new Set(remarks.map((r) => r.slug))).toEqual(new Set(expectedRemarks.map((r) => r.key)));
    const destiny = remarks.find((r) => r.content.includes('same destiny'));
    expect(destiny).toMatchObject({
      content: 'both the countries share the “same destiny”',
      speaker: { name: 'Nobuo Kishi' },
    });
    // About China only, at no event: not part of the relationship.
    expect(remarks.map((r) => r.slug)).not.toContain('japan-mod-cyberattacks-part-of-china-threat');
  });

  it('pages the remarks forwards and backwards in the same order as one big page', async () => {
    const all = view.remarks.edges.map((e) => e.node.slug);
    const PAGE = graphql(`
      query ($after: String, $before: String, $first: Int, $last: Int) {
        relationship(between: ["JP", "VN"]) {
          remarks(after: $after, before: $before, first: $first, last: $last) {
            pageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }
            edges {
              node {
                slug
              }
            }
          }
        }
      }
    `);
    const forward: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResponse<ResultOf<typeof PAGE>> = await server.gql(PAGE, { first: 3, after });
      const page = dataOf(res).relationship!.remarks;
      forward.push(...page.edges.map((e) => e.node.slug));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toEqual(all);
    const backward: string[] = [];
    let before: string | null = null;
    for (;;) {
      const res: GraphQLResponse<ResultOf<typeof PAGE>> = await server.gql(PAGE, { last: 4, before });
      const page = dataOf(res).relationship!.remarks;
      backward.unshift(...page.edges.map((e) => e.node.slug));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(all);
  });

  it('ranks the people who met most, with Kishi–Giang at their meeting count', () => {
    const pairs = view.topPairs;
    const meetings = pairs.map((p) => p.meetings);
    expect(meetings).toEqual([...meetings].sort((a: number, b: number) => b - a));
    const kishiGiang = pairs.find((p) => p.a.name === KISHI.name && p.b.name === GIANG.name)!;
    expect(kishiGiangEvents).toHaveLength(2);
    expect(kishiGiang.meetings).toBe(kishiGiangEvents.length);
    expect(kishiGiang.events.map((e) => e.slug)).toEqual(
      [...kishiGiangEvents].sort((a, b) => a.start.date.localeCompare(b.start.date)).map((e) => e.key),
    );
    expect(kishiGiang.lastMet.date).toBe('2021-11-23');
    // Every pair is one Japanese and one Vietnamese person, and their count is their shared bilateral events.
    for (const pair of pairs) {
      const a = dataset.participants.find((p) => p.name === pair.a.name)!;
      const b = dataset.participants.find((p) => p.name === pair.b.name)!;
      expect([a.kind, sideOf(a.key), b.kind, sideOf(b.key)]).toEqual(['PERSON', 'JP', 'PERSON', 'VN']);
      const shared = bilateral.filter(
        (e) =>
          e.participants.some((p) => p.participant === a.key) &&
          e.participants.some((p) => p.participant === b.key),
      );
      expect(pair.meetings).toBe(shared.length);
    }
  });

  it('costs a bounded number of SQL statements', () => {
    // The countries' lookup, one aggregate for every count, page and pair, then one statement per table of
    // records shown (events, agreements, remarks with their speakers, people): the fields and pairs
    // asked for do not add statements.
    expect(statements).toBeLessThanOrEqual(6);
  });
});

describe('relationship details', () => {
  it('follows the order of `between`: VN first puts the Vietnamese person first in each pair', async () => {
    const res = await server.gql(
      graphql(`
        {
          relationship(between: ["VN", "JP"]) {
            countries {
              isoCode
            }
            events {
              totalCount
            }
            topPairs(first: 1) {
              a {
                name
              }
              b {
                name
              }
            }
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).relationship!.countries.map((c) => c.isoCode)).toEqual(['VN', 'JP']);
    expect(dataOf(res).relationship!.events.totalCount).toBe(bilateral.length);
    const pair = dataOf(res).relationship!.topPairs[0]!;
    expect(sideOf(dataset.participants.find((p) => p.name === pair.a.name)!.key)).toBe('VN');
    expect(sideOf(dataset.participants.find((p) => p.name === pair.b.name)!.key)).toBe('JP');
  });

  it('filters and pages the bilateral events with the events filter and keyset cursors', async () => {
    const meetings = await server.gql(
      graphql(`
        {
          relationship(between: ["JP", "VN"]) {
            events(filter: { kinds: [MEETING] }) {
              totalCount
              edges {
                node {
                  kind
                }
              }
            }
          }
        }
      `),
    );
    expect(meetings.errors).toBeUndefined();
    expect(dataOf(meetings).relationship!.events.totalCount).toBe(
      bilateral.filter((e) => e.kind === 'MEETING').length,
    );

    const all = await server.gql(
      graphql(`
        {
          relationship(between: ["JP", "VN"]) {
            events(first: 100) {
              edges {
                node {
                  slug
                }
              }
            }
          }
        }
      `),
    );
    const expected = dataOf(all).relationship!.events.edges.map((e) => e.node.slug);
    const seen: string[] = [];
    const PAGE = graphql(`
      query ($after: String) {
        relationship(between: ["JP", "VN"]) {
          events(first: 5, after: $after) {
            edges {
              node {
                slug
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      }
    `);
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const res: GraphQLResponse<ResultOf<typeof PAGE>> = await server.gql(PAGE, { after });
      expect(res.errors).toBeUndefined();
      const events = dataOf(res).relationship!.events;
      seen.push(...events.edges.map((e) => e.node.slug));
      if (!events.pageInfo.hasNextPage) break;
      after = events.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('is empty, not an error, for two countries that never met', async () => {
    const res = await server.gql(
      graphql(`
        {
          relationship(between: ["VN", "SG"]) {
            events {
              totalCount
            }
            countsByYear {
              period
            }
            countsByKind {
              kind
            }
            firstContact {
              title
            }
            lastContact {
              title
            }
            topPairs {
              meetings
            }
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).relationship).toEqual({
      events: { totalCount: 0 },
      countsByYear: [],
      countsByKind: [],
      firstContact: null,
      lastContact: null,
      topPairs: [],
    });
  });

  it('does not issue a query per pair (no N+1)', async () => {
    const query = `query($n: Int) { relationship(between: ["JP", "VN"]) {
      topPairs(first: $n) { a { name country { name } } b { name } events { title participations { role } } } } }`;
    const one = await server.gql(query, { n: 1 });
    const all = await server.gql(query, { n: 10 });
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect(dataOf(all).relationship.topPairs.length).toBeGreaterThan(1);
    expect(all.extensions!.sql.statements).toBe(one.extensions!.sql.statements);
  });
});

describe('relationship errors', () => {
  it.each([[['JP']], [['JP', 'VN', 'CN']], [['JP', 'JP']], [[]]])(
    'refuses between: %j with BAD_USER_INPUT',
    async (between) => {
      const res = await server.gql(
        graphql(`
          query ($between: [CountryCode!]!) {
            relationship(between: $between) {
              countries {
                name
              }
            }
          }
        `),
        {
          between,
        },
      );
      expect(res.data?.relationship ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'between' });
    },
  );

  it('answers NOT_FOUND for a valid country code the log does not know', async () => {
    const res = await server.gql(
      graphql(`
        {
          relationship(between: ["JP", "FR"]) {
            countries {
              name
            }
          }
        }
      `),
    );
    expect(res.data?.relationship ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain('FR');
  });

  it('refuses more than the maximum number of pairs', async () => {
    const res = await server.gql(
      graphql(`
        {
          relationship(between: ["JP", "VN"]) {
            topPairs(first: 101) {
              meetings
            }
          }
        }
      `),
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});
