// The basis of values over the API (issue 15): served on every claim of the seed, listed, filterable,
// shown for each side of a conflict, exported, and required in shape on write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { graphql, type ResultOf, type VariablesOf } from './helpers/graphql.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
let editor: AuthHeaders;

beforeAll(async () => {
  server = await startTestServer();
  editor = await bearer(server.db, 'EDITOR');
});
afterAll(() => server?.stop());

/** The basis of one value, as every document here selects it (under a claim's `basis`). */
const BASIS = graphql(`
  fragment ValueBasisFields on ValueBasis {
    field
    value
    basis
    note
    reference
    citations {
      quote
      claimField
      claimValue
    }
  }
`);

describe('the basis of the seed’s values, served', () => {
  it('every value of every claim has a basis; stated and inferred ones cite quotes', async () => {
    const res = await server.gql(
      graphql(
        `
          {
            events(first: 100) {
              edges {
                node {
                  slug
                  basis {
                    ...ValueBasisFields
                  }
                  participations {
                    role
                    basis {
                      ...ValueBasisFields
                    }
                  }
                }
              }
            }
            agreements(first: 100) {
              edges {
                node {
                  slug
                  basis {
                    ...ValueBasisFields
                  }
                  parties {
                    basis {
                      ...ValueBasisFields
                    }
                  }
                }
              }
            }
          }
        `,
        [BASIS],
      ),
    );
    expect(res.errors).toBeUndefined();
    const data = dataOf(res);
    const remarks = await server.gql(
      graphql(
        `
          {
            remarks(first: 100) {
              edges {
                node {
                  slug
                  basis {
                    ...ValueBasisFields
                  }
                }
              }
            }
          }
        `,
        [BASIS],
      ),
    );
    expect(remarks.errors).toBeUndefined();
    const people = await server.gql(
      graphql(
        `
          {
            participants(first: 100, filter: { kinds: [PERSON] }) {
              edges {
                node {
                  positions {
                    title
                    basis {
                      ...ValueBasisFields
                    }
                  }
                }
              }
            }
          }
        `,
        [BASIS],
      ),
    );
    expect(people.errors).toBeUndefined();
    const all: ResultOf<typeof BASIS>[] = [];
    for (const { node: e } of data.events.edges) {
      // kind and start always; one entry per value the event holds.
      expect(e.basis.map((b) => b.field)).toEqual(expect.arrayContaining(['kind', 'startDate']));
      all.push(...e.basis);
      for (const p of e.participations) {
        expect(p.basis).toHaveLength(1);
        all.push(...p.basis);
      }
    }
    for (const { node: a } of data.agreements.edges) {
      all.push(...a.basis);
      for (const p of a.parties) all.push(...p.basis);
    }
    for (const { node: r } of dataOf(remarks).remarks.edges) {
      expect(r.basis.map((b) => b.field)).toEqual(expect.arrayContaining(['speaker', 'content']));
      all.push(...r.basis);
    }
    for (const { node: p } of dataOf(people).participants.edges)
      for (const position of p.positions) {
        expect(position.basis.map((b) => b.field)).toContain('title');
        all.push(...position.basis);
      }
    for (const b of all) {
      if (b.basis !== 'OUTSIDE_KNOWLEDGE') expect(b.citations.length, b.field).toBeGreaterThan(0);
      if (b.basis !== 'STATED') expect(b.note).toBeTruthy();
    }
    const count = (basis: string) => all.filter((b) => b.basis === basis).length;
    const figures = {
      stated: count('STATED'),
      inferred: count('INFERRED'),
      outside: count('OUTSIDE_KNOWLEDGE'),
    };
    console.log(
      'seed values by basis (events, participations, agreements, parties, remarks, positions):',
      figures,
    );
    expect(figures.inferred).toBeGreaterThan(40);
    expect(figures.outside).toBe(4); // three places, one office’s title
    expect(figures.stated).toBeGreaterThan(figures.inferred);
  });

  it('an inferred value carries its reasoning and the quote it is drawn from', async () => {
    const res = await server.gql(
      graphql(
        `
          {
            event(slug: "chinh-visit-to-japan-2021-11") {
              end {
                date
              }
              basis {
                ...ValueBasisFields
              }
            }
          }
        `,
        [BASIS],
      ),
    );
    const event = dataOf(res).event;
    expect(event).not.toBeNull();
    const end = event!.basis.find((b) => b.field === 'endDate');
    expect(end).toMatchObject({
      value: '2021-11-25',
      basis: 'INFERRED',
      note: 'end = start + 3 days: "a four-day visit" from 22 November 2021.',
    });
    expect(end?.citations[0]?.quote).toContain('a four-day visit');
    // Undated: bound by the visit it led to, not dated by when Kishida took office.
    const invitation = dataOf(
      await server.gql(
        graphql(
          `
            {
              event(slug: "kishida-invites-chinh-to-japan-2021") {
                start {
                  date
                  precision
                  label
                }
                basis {
                  ...ValueBasisFields
                }
              }
            }
          `,
          [BASIS],
        ),
      ),
    ).event;
    expect(invitation).not.toBeNull();
    expect(invitation!.start).toEqual({
      date: '2021-11-22',
      precision: 'ON_OR_BEFORE',
      label: 'on or before 22 November 2021',
    });
    const start = invitation!.basis.find((b) => b.field === 'startDate');
    expect(start).toMatchObject({ basis: 'INFERRED', note: expect.stringMatching(/^Undated: /) });
    expect(start?.citations[0]?.quote).toContain('at the invitation of');
  });

  it('lists the values that are not stated, and filters events to stated facts only', async () => {
    const data = dataOf(
      await server.gql(
        graphql(`
          {
            valueBases {
              field
              value
              basis
              note
              claim {
                __typename
                id
              }
            }
          }
        `),
      ),
    );
    expect(data.valueBases.length).toBeGreaterThan(40);
    expect(data.valueBases.every((b) => b.basis !== 'STATED')).toBe(true);
    const all = dataOf(
      await server.gql(
        graphql(`
          {
            events(first: 100) {
              totalCount
              edges {
                node {
                  id
                }
              }
            }
          }
        `),
      ),
    );
    const stated = await server.gql(
      graphql(`
        {
          events(first: 100, filter: { statedOnly: true }) {
            totalCount
            edges {
              node {
                slug
                basis {
                  basis
                }
                participations {
                  basis {
                    basis
                  }
                }
              }
            }
          }
        }
      `),
    );
    expect(stated.errors).toBeUndefined();
    const statedEvents = dataOf(stated).events;
    expect(statedEvents.totalCount).toBeLessThan(all.events.totalCount);
    const notStated = new Set(data.valueBases.filter((b) => b.value === null).map((b) => b.claim?.id));
    for (const { node } of statedEvents.edges) {
      expect(node.basis.every((b) => b.basis === 'STATED')).toBe(true);
      for (const p of node.participations) expect(p.basis[0]?.basis).toBe('STATED');
    }
    const excluded = all.events.edges.filter(({ node }) => notStated.has(node.id)).length;
    expect(statedEvents.totalCount).toBe(all.events.totalCount - excluded);
  });

  it('shows each side of a conflict with its basis', async () => {
    const res = await server.gql(
      graphql(`
        {
          conflicts {
            field
            agreement {
              slug
            }
            claims {
              value
              held
              basis {
                basis
                note
              }
              citations {
                quote
              }
            }
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    const cyber = dataOf(res).conflicts.find(
      (c) => c.field === 'signedDate' && c.agreement?.slug === 'japan-vietnam-cybersecurity-memorandum',
    );
    expect(cyber).toBeDefined();
    const sides = Object.fromEntries(cyber!.claims.map((s) => [s.value, s]));
    expect(sides['2021-11-23']).toMatchObject({ held: true, basis: { basis: 'INFERRED' } });
    expect(sides['2021-09-11']).toMatchObject({ held: false, basis: { basis: 'INFERRED' } });
    expect(sides['2021-09-11']?.basis.note).toContain('gives no date');
  });

  it('undated items are not dated: on or before the article, in no period, never first or last by guess', async () => {
    const talks = await server.gql(
      graphql(`
        {
          event(slug: "japan-vietnam-cybersecurity-talks") {
            start {
              date
              precision
              label
            }
          }
        }
      `),
    );
    expect(dataOf(talks).event?.start).toEqual({
      date: '2021-11-24',
      precision: 'ON_OR_BEFORE',
      label: 'on or before 24 November 2021',
    });
    const res = await server.gql(
      graphql(`
        {
          relationship(between: ["JP", "VN"]) {
            firstContact {
              slug
              start {
                date
                precision
              }
            }
            lastContact {
              slug
              start {
                date
                precision
              }
            }
            undatedCount
            countsByYear {
              period
              count
            }
            countsByKind {
              count
            }
            events {
              totalCount
            }
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    const rel = dataOf(res).relationship;
    expect(rel).not.toBeNull();
    // The talks may be years older than anything dated, but the log cannot say they came first; nor,
    // stored at their bound of 24 November, that they came last.
    expect(rel!.firstContact?.start).toEqual({ date: '2021-09-11', precision: 'DAY' });
    expect(rel!.lastContact?.start).toEqual({ date: '2021-11-23', precision: 'DAY' });
    expect(rel!.lastContact).not.toBeNull();
    expect(rel!.lastContact!.slug).not.toBe('japan-vietnam-cybersecurity-talks');
    expect(rel!.undatedCount).toBe(2); // the talks, and Kishida’s invitation (before the visit it led to)
    const inYears = rel!.countsByYear.reduce((n, c) => n + c.count, 0);
    const inKinds = rel!.countsByKind.reduce((n, c) => n + c.count, 0);
    expect(inKinds).toBe(rel!.events.totalCount);
    expect(inYears).toBe(rel!.events.totalCount - 2);
    // With nothing dated, the undated talks are both the first and the last contact, and say so.
    const sg = await server.gql(
      graphql(`
        {
          relationship(between: ["JP", "SG"]) {
            firstContact {
              slug
              start {
                label
              }
            }
            lastContact {
              slug
            }
            undatedCount
            countsByYear {
              count
            }
          }
        }
      `),
    );
    expect(dataOf(sg).relationship).toEqual({
      firstContact: {
        slug: 'japan-singapore-cybersecurity-talks',
        start: { label: 'on or before 24 November 2021' },
      },
      lastContact: { slug: 'japan-singapore-cybersecurity-talks' },
      undatedCount: 1,
      countsByYear: [],
    });
    // A date range matches what may have happened in it: the talks may predate 2020.
    const range = await server.gql(
      graphql(`
        {
          events(first: 50, filter: { from: "2019-01-01", to: "2019-12-31" }) {
            edges {
              node {
                slug
              }
            }
          }
        }
      `),
    );
    expect(
      dataOf(range)
        .events.edges.map((e) => e.node.slug)
        .sort(),
    ).toEqual([
      'japan-indonesia-cybersecurity-talks',
      'japan-singapore-cybersecurity-talks',
      'japan-vietnam-cybersecurity-talks',
      'kishida-invites-chinh-to-japan-2021',
    ]);
  });

  it('exports each event’s values that are not stated, and the basis of each pinned value', async () => {
    const response = await fetch(`${server.url}/export/events.jsonl`);
    expect(response.status).toBe(200);
    const rows = (await response.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const visit = rows.filter((r) => r.event_id === 'chinh-visit-to-japan-2021-11');
    expect(JSON.parse(visit[0].value_bases)).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'endDate', basis: 'INFERRED' })]),
    );
    const pinned = visit.find((r) => r.claim_field === 'endDate');
    expect(pinned.claim_basis).toBe('INFERRED');
    expect(rows.find((r) => r.claim_field === null).claim_basis).toBeNull();
  });
});

describe('basis on write', () => {
  const CREATE = graphql(
    `
      mutation ($input: CreateEventInput!) {
        createEvent(input: $input) {
          event {
            slug
            basis {
              ...ValueBasisFields
            }
          }
        }
      }
    `,
    [BASIS],
  );
  async function source() {
    const { s } = dataOf(
      await server.gql(
        graphql(`
          {
            s: source(slug: "fredly-2021-11-24-japan-vietnam-oppose-change-by-coercion") {
              id
            }
          }
        `),
      ),
    );
    expect(s).not.toBeNull();
    return s!.id;
  }
  const input = (sourceId: string, extra: Record<string, unknown>): VariablesOf<typeof CREATE>['input'] => ({
    kind: 'VISIT',
    title: 'Basis test visit',
    summary: 'A visit to test the basis of values.',
    start: { date: '2021-11-22', precision: 'DAY' },
    end: { date: '2021-11-25', precision: 'DAY' },
    citations: [{ sourceId, quote: 'arrived for a four-day visit' }],
    ...extra,
  });

  it('refuses an inference without reasoning, or without the quote it is drawn from', async () => {
    const sourceId = await source();
    const noNote = await server.gql(
      CREATE,
      { input: input(sourceId, { basis: [{ field: 'endDate', basis: 'INFERRED' }] }) },
      editor,
    );
    expect(noNote.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.basis.0.note',
    });
    const noQuote = await server.gql(
      CREATE,
      {
        input: input(sourceId, { basis: [{ field: 'endDate', basis: 'INFERRED', note: 'start + 3 days' }] }),
      },
      editor,
    );
    expect(noQuote.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.basis.0.basis',
    });
    const noSuchValue = await server.gql(
      CREATE,
      { input: input(sourceId, { basis: [{ field: 'placeName', basis: 'OUTSIDE_KNOWLEDGE', note: 'x' }] }) },
      editor,
    );
    expect(noSuchValue.errors?.[0]?.extensions?.field).toBe('input.basis.0.field');
  });

  it('writes and serves an inferred value, and setValueBasis changes it', async () => {
    const sourceId = await source();
    const made = await server.gql(
      CREATE,
      {
        input: input(sourceId, {
          citations: [
            { sourceId, quote: 'arrived for a four-day visit' },
            {
              sourceId,
              quote: 'arrived for a four-day visit',
              claimField: 'startDate',
              claimValue: '2021-11-22',
            },
            { sourceId, quote: 'a four-day visit', claimField: 'endDate', claimValue: '2021-11-25' },
          ],
          basis: [{ field: 'endDate', basis: 'INFERRED', note: 'end = start + 3 days: "a four-day visit"' }],
        }),
      },
      editor,
    );
    expect(made.errors).toBeUndefined();
    const event = dataOf(made).createEvent.event;
    const end = event.basis.find((b) => b.field === 'endDate');
    expect(end).toMatchObject({ basis: 'INFERRED', citations: [{ quote: 'a four-day visit' }] });
    const start = event.basis.find((b) => b.field === 'startDate');
    expect(start).toMatchObject({ basis: 'STATED', citations: [{ quote: 'arrived for a four-day visit' }] });

    const read = dataOf(
      await server.gql(
        graphql(`
          query ($slug: String!) {
            event(slug: $slug) {
              id
            }
          }
        `),
        { slug: event.slug },
      ),
    );
    expect(read.event).not.toBeNull();
    const set = await server.gql(
      graphql(
        `
          mutation ($input: SetValueBasisInput!) {
            setValueBasis(input: $input) {
              claim {
                ... on Event {
                  basis {
                    ...ValueBasisFields
                  }
                }
              }
            }
          }
        `,
        [BASIS],
      ),
      {
        input: {
          targetId: read.event!.id,
          field: 'startDate',
          basis: 'OUTSIDE_KNOWLEDGE',
          note: 'The arrival day is known from the visit’s programme.',
          reference: 'https://example.org/programme',
        },
      },
      editor,
    );
    expect(set.errors).toBeUndefined();
    const claim = dataOf(set).setValueBasis.claim;
    const basis = claim && 'basis' in claim ? claim.basis : [];
    expect(basis.find((b) => b.field === 'startDate')).toMatchObject({
      basis: 'OUTSIDE_KNOWLEDGE',
      reference: 'https://example.org/programme',
    });
  });
});
