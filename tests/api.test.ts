// The read API over real HTTP: timelines, nesting both ways, global ids, keyset pagination, filters,
// provenance and conflicts, limits and error codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataset } from '../seeds/japan-vietnam.js';
import { dataOf, startTestServer, type GraphQLResponse, type TestServer } from './helpers/test-server.js';
import { graphql, type ResultOf } from './helpers/graphql.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const sortedSeedEvents = [...dataset.events].sort((a, b) =>
  a.start.date === b.start.date ? 0 : a.start.date < b.start.date ? 1 : -1,
);

describe('timeline', () => {
  it('lists events newest first, with participants, roles and cited sources', async () => {
    const res = await server.gql(
      graphql(`
        {
          events(first: 5) {
            totalCount
            edges {
              cursor
              node {
                slug
                title
                start {
                  date
                  precision
                  label
                }
                participations {
                  role
                  participant {
                    name
                  }
                }
                citations {
                  quote
                  source {
                    title
                  }
                }
              }
            }
            pageInfo {
              hasNextPage
              endCursor
            }
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).events.totalCount).toBe(dataset.events.length);
    const nodes = dataOf(res).events.edges.map((e) => e.node);
    expect(nodes).toHaveLength(5);
    const dates = nodes.map((n) => n.start.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe(sortedSeedEvents[0]!.start.date);
    for (const node of nodes) {
      expect(node.citations.length).toBeGreaterThan(0);
      for (const c of node.citations) expect(c.quote.length).toBeGreaterThan(0);
    }
    expect(dataOf(res).events.pageInfo.hasNextPage).toBe(true);
  });

  it('pages through the whole timeline with cursors: every event once, in the same order as one big page', async () => {
    const all = await server.gql(
      graphql(`
        {
          events(first: 100) {
            edges {
              node {
                slug
              }
            }
          }
        }
      `),
    );
    const expected = dataOf(all).events.edges.map((e) => e.node.slug);
    const seen: string[] = [];
    const PAGE = graphql(`
      query ($after: String) {
        events(first: 3, after: $after) {
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
    `);
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: GraphQLResponse<ResultOf<typeof PAGE>> = await server.gql(PAGE, { after });
      expect(res.errors).toBeUndefined();
      seen.push(...dataOf(res).events.edges.map((e) => e.node.slug));
      if (!dataOf(res).events.pageInfo.hasNextPage) break;
      after = dataOf(res).events.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(dataset.events.length);
  });

  it.each(['DESC', 'ASC'] as const)(
    'pages %s forwards and backwards with cursors, matching one big page (same-day events included)',
    async (direction) => {
      const PAGE = graphql(`
        query ($after: String, $before: String, $first: Int, $last: Int, $dir: SortDirection!) {
          events(after: $after, before: $before, first: $first, last: $last, orderBy: { direction: $dir }) {
            edges {
              node {
                slug
              }
            }
            pageInfo {
              hasNextPage
              hasPreviousPage
              startCursor
              endCursor
            }
          }
        }
      `);
      const all = await server.gql(
        graphql(`
          query ($dir: SortDirection!) {
            events(first: 100, orderBy: { direction: $dir }) {
              edges {
                node {
                  slug
                }
              }
            }
          }
        `),
        { dir: direction },
      );
      const expected = dataOf(all).events.edges.map((e) => e.node.slug);
      // Forwards with first/after, or backwards with last/before, until the last page.
      const pageThrough = async (way: 'forward' | 'backward') => {
        const slugs: string[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 50; page++) {
          const res: GraphQLResponse<ResultOf<typeof PAGE>> = await server.gql(
            PAGE,
            way === 'forward'
              ? { first: 2, after: cursor, dir: direction }
              : { last: 3, before: cursor, dir: direction },
          );
          const { edges, pageInfo } = dataOf(res).events;
          const onPage = edges.map((e) => e.node.slug);
          if (way === 'forward') slugs.push(...onPage);
          else slugs.unshift(...onPage);
          if (!(way === 'forward' ? pageInfo.hasNextPage : pageInfo.hasPreviousPage)) break;
          cursor = way === 'forward' ? pageInfo.endCursor : pageInfo.startCursor;
        }
        return slugs;
      };
      expect(await pageThrough('forward')).toEqual(expected);
      expect(await pageThrough('backward')).toEqual(expected);
    },
  );

  it('orders oldest first on request', async () => {
    const res = await server.gql(
      graphql(`
        {
          events(first: 3, orderBy: { direction: ASC }) {
            edges {
              node {
                start {
                  date
                }
              }
            }
          }
        }
      `),
    );
    const dates = dataOf(res).events.edges.map((e) => e.node.start.date);
    expect(dates[0]).toBe(sortedSeedEvents.at(-1)!.start.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('refuses a page larger than 100', async () => {
    const res = await server.gql(
      graphql(`
        {
          events(first: 101) {
            edges {
              node {
                slug
              }
            }
          }
        }
      `),
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(res.errors?.[0]?.message).toMatch(/100/);
    expect(res.data).toBeUndefined();
  });
});

describe('filters', () => {
  const slugs = (res: GraphQLResponse<{ events: { edges: { node: { slug: string } }[] } }>) =>
    dataOf(res).events.edges.map((e) => e.node.slug);

  it('filters by date range respecting precision: an event "in April 2021" matches mid-April', async () => {
    const april = dataset.events.find((e) => e.start.precision === 'MONTH' && e.start.date === '2021-04-01');
    expect(april, 'the seed has an event dated April 2021 (month precision)').toBeDefined();
    const res = await server.gql(
      graphql(`
        {
          events(first: 100, filter: { from: "2021-04-15", to: "2021-04-20" }) {
            edges {
              node {
                slug
              }
            }
          }
        }
      `),
    );
    expect(slugs(res)).toContain(april!.key);
    const none = await server.gql(
      graphql(`
        {
          events(first: 100, filter: { from: "2021-05-01", to: "2021-05-31" }) {
            edges {
              node {
                slug
              }
            }
          }
        }
      `),
    );
    expect(slugs(none)).not.toContain(april!.key);
  });

  it('refuses a range that ends before it starts, naming the field', async () => {
    const res = await server.gql(
      graphql(`
        {
          events(filter: { from: "2021-12-01", to: "2021-01-01" }) {
            totalCount
          }
        }
      `),
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  });

  it('filters by kind, by CAMEO code prefix and by countries', async () => {
    const signings = await server.gql(
      graphql(`
        {
          events(first: 100, filter: { kinds: [SIGNING] }) {
            totalCount
            edges {
              node {
                kind
              }
            }
          }
        }
      `),
    );
    expect(dataOf(signings).events.totalCount).toBe(
      dataset.events.filter((e) => e.kind === 'SIGNING').length,
    );
    const consult = await server.gql(
      graphql(`
        {
          events(first: 100, filter: { cameoCodes: ["04"] }) {
            edges {
              node {
                slug
                eventCode {
                  cameo
                }
              }
            }
          }
        }
      `),
    );
    const expected = dataset.events
      .filter((e) => e.cameoCode?.startsWith('04'))
      .map((e) => e.key)
      .sort();
    expect(slugs(consult).sort()).toEqual(expected);
    const bad = await server.gql(
      graphql(`
        {
          events(filter: { cameoCodes: ["4x"] }) {
            totalCount
          }
        }
      `),
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.cameoCodes' });
    const both = await server.gql(
      graphql(`
        {
          events(first: 100, filter: { countries: ["JP", "VN"], countriesMatch: ALL }) {
            totalCount
          }
        }
      `),
    );
    const either = await server.gql(
      graphql(`
        {
          events(first: 100, filter: { countries: ["JP", "VN"] }) {
            totalCount
          }
        }
      `),
    );
    expect(dataOf(both).events.totalCount).toBeGreaterThan(5);
    expect(dataOf(either).events.totalCount).toBeGreaterThanOrEqual(dataOf(both).events.totalCount);
  });

  it('filters by participants, any or all', async () => {
    const people = await server.gql(
      graphql(`
        {
          participants(first: 100, filter: { kinds: [PERSON] }) {
            edges {
              node {
                id
                slug
              }
            }
          }
        }
      `),
    );
    const persons = dataOf(people).participants.edges.map((e) => e.node);
    const kishi = persons.find((p) => p.slug.includes('kishi') && !p.slug.includes('kishida'))!.id;
    const giang = persons.find((p) => p.slug.includes('giang'))!.id;
    const any = await server.gql(
      graphql(`
        query ($p: [ID!]) {
          events(first: 100, filter: { participants: $p }) {
            totalCount
          }
        }
      `),
      { p: [kishi, giang] },
    );
    const all = await server.gql(
      graphql(`
        query ($p: [ID!]) {
          events(first: 100, filter: { participants: $p, participantsMatch: ALL }) {
            totalCount
          }
        }
      `),
      { p: [kishi, giang] },
    );
    expect(dataOf(all).events.totalCount).toBeGreaterThan(0);
    expect(dataOf(any).events.totalCount).toBeGreaterThan(dataOf(all).events.totalCount);
  });
});

describe('lookups and navigation', () => {
  it('finds an event by slug, and says NOT_FOUND for an unknown slug', async () => {
    const slug = dataset.events[0]!.key;
    const ok = await server.gql(
      graphql(`
        query ($s: String!) {
          event(slug: $s) {
            slug
            title
          }
        }
      `),
      { s: slug },
    );
    expect(dataOf(ok).event?.slug).toBe(slug);
    const missing = await server.gql(
      graphql(`
        {
          event(slug: "no-such-event") {
            slug
          }
        }
      `),
    );
    expect(missing.data?.event).toBeNull();
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('navigates event → people → their other events, and back by global id', async () => {
    const res = await server.gql(`{
      participant(slug: "${dataset.participants.find((p) => p.name === 'Nobuo Kishi')!.key}") {
        id name aliases country { isoCode name }
        positions { title organisation { name } }
        participations(first: 20) { totalCount edges { node { role event { id slug participations { participant { name } } } } } }
      } }`);
    expect(res.errors).toBeUndefined();
    const kishi = dataOf(res).participant;
    expect(kishi.country.isoCode).toBe('JP');
    expect(kishi.aliases).toContain('DM Kishi');
    expect(kishi.positions[0].title).toMatch(/Defen[cs]e/);
    expect(kishi.participations.totalCount).toBeGreaterThan(5);
    const eventId = kishi.participations.edges[0].node.event.id;
    const viaNode = await server.gql(
      graphql(`
        query ($id: ID!) {
          node(id: $id) {
            id
            ... on Event {
              slug
            }
          }
        }
      `),
      {
        id: eventId,
      },
    );
    expect(dataOf(viaNode).node).toMatchObject({ slug: kishi.participations.edges[0].node.event.slug });
    const many = await server.gql(
      graphql(`
        query ($ids: [ID!]!) {
          nodes(ids: $ids) {
            id
          }
        }
      `),
      {
        ids: [eventId, kishi.id],
      },
    );
    expect(dataOf(many).nodes.map((n) => n?.id)).toEqual([eventId, kishi.id]);
  });

  it('navigates a country to its people and bodies', async () => {
    const res = await server.gql(
      graphql(`
        {
          country(isoCode: "VN") {
            name
            members(first: 50) {
              totalCount
              edges {
                node {
                  name
                  kind
                }
              }
            }
          }
        }
      `),
    );
    const names = dataOf(res).country!.members.edges.map((e) => e.node.name);
    expect(names).toContain('Phan Van Giang');
    const missing = await server.gql(
      graphql(`
        {
          country(isoCode: "FR") {
            name
          }
        }
      `),
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('navigates agreements to parties, signing event and sources, and sources to what they support', async () => {
    const res = await server.gql(
      graphql(`
        {
          agreements(first: 20, filter: { subjects: [CYBERSECURITY] }) {
            totalCount
            edges {
              node {
                slug
                title
                subjects
                signed {
                  label
                }
                signingEvent {
                  slug
                }
                parties {
                  participant {
                    name
                  }
                  citations {
                    quote
                  }
                }
                sources {
                  title
                }
              }
            }
          }
          sources(first: 10) {
            edges {
              node {
                slug
                kind
                embedded {
                  kind
                  publisher
                }
                citations(first: 100) {
                  totalCount
                  edges {
                    node {
                      quote
                      event {
                        slug
                      }
                      agreement {
                        slug
                      }
                      remark {
                        slug
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    const cyber = dataOf(res).agreements.edges.map((e) => e.node);
    expect(cyber.length).toBeGreaterThan(0);
    for (const a of cyber) {
      expect(a.subjects).toContain('CYBERSECURITY');
      expect(a.sources.length).toBeGreaterThan(0);
      expect(a.parties.length).toBeGreaterThan(1);
    }
    const sources = dataOf(res).sources.edges.map((e) => e.node);
    const withPosts = sources.find((s) => s.embedded.length === 3);
    expect(withPosts!.embedded.every((p) => p.kind === 'SOCIAL_POST')).toBe(true);
    for (const s of sources) expect(s.citations.totalCount).toBeGreaterThan(0);
  });
});

describe('provenance and conflicts', () => {
  it('lists the disagreement about when the cybersecurity and military-medicine memorandums were signed', async () => {
    const res = await server.gql(
      graphql(`
        {
          conflicts {
            claimKind
            field
            agreement {
              slug
              subjects
            }
            claims {
              value
              citations {
                quote
                source {
                  title
                  published {
                    date
                  }
                }
              }
            }
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    // Conflicts with their citations and sources, then batched lookups of the disputed claims.
    expect(res.extensions?.sql?.statements).toBeLessThanOrEqual(6);
    const signed = dataOf(res).conflicts.filter((c) => c.field === 'signedDate');
    expect(
      signed
        .map((c) => c.agreement?.subjects)
        .flat()
        .sort(),
    ).toEqual(['CYBERSECURITY', 'MILITARY_MEDICINE']);
    for (const conflict of signed) {
      expect(conflict.claimKind).toBe('AGREEMENT');
      expect(conflict.claims.map((c) => c.value).sort()).toEqual(['2021-09-11', '2021-11-23']);
      const sourceDates = conflict.claims.map((c) => c.citations[0]?.source.published?.date).sort();
      expect(sourceDates).toEqual(['2021-09-13', '2021-11-24']);
    }
    const onAgreement = await server.gql(
      graphql(`
        query ($s: String!) {
          agreement(slug: $s) {
            conflicts {
              field
              claims {
                value
              }
            }
          }
        }
      `),
      {
        s: signed[0]!.agreement!.slug,
      },
    );
    expect(dataOf(onAgreement).agreement!.conflicts.map((c) => c.field)).toContain('signedDate');
  });
});

describe('protection and errors', () => {
  it('reports the cost of every query and refuses queries over the cost limit', async () => {
    const cheap = await server.gql(
      graphql(`
        {
          events(first: 2) {
            edges {
              node {
                slug
              }
            }
          }
        }
      `),
    );
    expect(cheap.extensions?.cost).toMatchObject({ requested: expect.any(Number), maximum: 25000 });
    const expensive = await server.gql(
      graphql(`
        {
          events(first: 100) {
            edges {
              node {
                participations {
                  participant {
                    members(first: 100) {
                      edges {
                        node {
                          participations(first: 100) {
                            edges {
                              node {
                                role
                              }
                            }
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      `),
    );
    expect(expensive.status).toBe(400);
    expect(expensive.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maximum: 25000 });
    expect(expensive.data).toBeUndefined();
  });

  it('refuses queries nested deeper than the limit', async () => {
    let selection = 'slug';
    for (let i = 0; i < 8; i++)
      selection = `participations { participant { country { ${i % 2 ? 'slug' : ''} members(first: 1) { edges { node { participations(first: 1) { edges { node { event { ${selection} } } } } } } } } } }`;
    const res = await server.gql(`{ events(first: 1) { edges { node { ${selection} } } } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('answers invalid queries with GraphQL validation errors', async () => {
    const res = await server.gql(`{ events { edges { node { noSuchField } } } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves health and readiness', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});
