// The walk-through of docs/provenance.md ("Adding an article"), run as written: an editor adds a third
// article (tests/fixtures/article-2022-05-jsdf-port-call.txt) with its full text, then an event, its
// participations and a remark citing it, each quote verified against the text and each value given its
// basis; a paraphrase is refused with the field named; the quotes come back anchored in the article.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { graphql, type TadaDocumentNode, type VariablesOf } from './helpers/graphql.js';
import { QUOTE_ANCHOR } from './helpers/quote-anchor.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';

const ARTICLE = readFileSync(
  new URL('./fixtures/article-2022-05-jsdf-port-call.txt', import.meta.url),
  'utf8',
);

const CREATE_EVENT = graphql(
  `
    mutation ($input: CreateEventInput!) {
      createEvent(input: $input) {
        event {
          id
          slug
          basis {
            field
            value
            basis
            note
          }
          participations {
            id
            role
            participant {
              id
              name
            }
            basis {
              basis
            }
          }
          citations {
            ...QuoteAnchor
          }
        }
      }
    }
  `,
  [QUOTE_ANCHOR],
);

type CitationInput = NonNullable<VariablesOf<typeof CREATE_EVENT>['input']['citations']>[number];

let server: TestServer;
let editor: AuthHeaders;

beforeAll(async () => {
  server = await startTestServer();
  editor = await bearer(server.db, 'EDITOR');
});
afterAll(() => server?.stop());

async function ok<Data, Variables>(query: TadaDocumentNode<Data, Variables>, variables: Variables) {
  const response = await server.gql(query, variables, editor);
  expect(response.errors).toBeUndefined();
  return dataOf(response);
}

describe('adding an article, end to end', () => {
  it('source, event with participants, remark: every quote verified and anchored, every value grounded', async () => {
    // Step 1: the article, with its full text.
    const { createSource } = await ok(
      graphql(`
        mutation ($input: CreateSourceInput!) {
          createSource(input: $input) {
            source {
              id
              slug
            }
          }
        }
      `),
      {
        input: {
          kind: 'NEWS_ARTICLE',
          title: 'Japanese destroyer makes port call at Cam Ranh',
          authors: ['A. Reporter'],
          published: { date: '2022-05-10', precision: 'DAY' },
          fullText: ARTICLE,
        },
      },
    );
    const sourceId = createSource.source.id;

    // Step 2: the ids the event refers to.
    const { jsdf, vietnam } = await ok(
      graphql(`
        {
          jsdf: participant(slug: "japan-self-defense-forces") {
            id
          }
          vietnam: country(isoCode: "VN") {
            id
          }
        }
      `),
      {},
    );
    expect(jsdf).not.toBeNull();
    expect(vietnam).not.toBeNull();

    // Step 3: the event, its participants (one new) and citations, with the basis of what is inferred.
    const quote = (q: string, claimField?: string, claimValue?: string): CitationInput =>
      claimField ? { sourceId, quote: q, claimField, claimValue } : { sourceId, quote: q };
    const event = {
      kind: 'PORT_CALL',
      title: 'JMSDF destroyer Murasame’s port call at Cam Ranh',
      summary: 'The Japanese destroyer Murasame made a three-day port call at Cam Ranh International Port.',
      start: { date: '2022-05-08', precision: 'DAY' },
      end: { date: '2022-05-10', precision: 'DAY' },
      placeName: 'Cam Ranh',
      placeCountryId: vietnam!.id,
      participants: [
        { participantId: jsdf!.id, role: 'VISITOR' },
        {
          participantId: vietnam!.id,
          role: 'HOST',
          citations: [quote('port calls in Vietnam', 'role', 'HOST')],
          basis: [{ field: 'role', basis: 'INFERRED', note: 'A port call in Vietnam is hosted by Vietnam.' }],
        },
        {
          participant: { kind: 'PERSON', name: 'Kenji Sato', description: 'Commander of the Murasame.' },
          role: 'ATTENDEE',
          citations: [quote('the ship’s commander, Captain Kenji Sato')],
        },
      ],
      citations: [
        quote(
          'The Japan Maritime Self-Defense Force destroyer Murasame arrived at Cam Ranh International Port on Sunday for a three-day port call',
        ),
        quote('arrived at Cam Ranh International Port on Sunday', 'startDate', '2022-05-08'),
        quote('for a three-day port call', 'endDate', '2022-05-10'),
        quote('arrived at Cam Ranh International Port', 'placeName', 'Cam Ranh'),
      ],
      basis: [
        {
          field: 'startDate',
          basis: 'INFERRED',
          note: '"on Sunday" in an article dated Tuesday 10 May 2022 = 8 May 2022.',
        },
        { field: 'endDate', basis: 'INFERRED', note: 'end = start + 2 days: "a three-day port call".' },
        {
          field: 'placeCountry',
          basis: 'OUTSIDE_KNOWLEDGE',
          note: 'Cam Ranh is a port city of Vietnam.',
          reference: 'https://www.geonames.org/1586350',
        },
      ],
    } satisfies VariablesOf<typeof CREATE_EVENT>['input'];

    // A paraphrase is refused, naming the field; nothing is written.
    const paraphrase = await server.gql(
      graphql(`
        mutation ($input: CreateEventInput!) {
          createEvent(input: $input) {
            event {
              id
            }
          }
        }
      `),
      { input: { ...event, citations: [...event.citations, quote('The destroyer docked at Cam Ranh')] } },
      editor,
    );
    expect(paraphrase.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.citations.4.quote',
    });

    const { createEvent } = await ok(CREATE_EVENT, { input: event });
    const created = createEvent.event;
    for (const c of created.citations) {
      expect(c.verified).toBe(true);
      expect(c.textPositionSelector).not.toBeNull();
      expect(c.textQuoteSelector).not.toBeNull();
      const { start, end } = c.textPositionSelector!;
      expect([...ARTICLE].slice(start, end).join('')).toBe(c.textQuoteSelector!.exact);
    }
    const basis = Object.fromEntries(created.basis.map((b) => [b.field, b.basis]));
    expect(basis).toEqual({
      kind: 'STATED',
      startDate: 'INFERRED',
      endDate: 'INFERRED',
      placeName: 'STATED',
      placeCountry: 'OUTSIDE_KNOWLEDGE',
    });
    const satoParticipation = created.participations.find((p) => p.participant.name === 'Kenji Sato');
    expect(satoParticipation).toBeDefined();
    const sato = satoParticipation!.participant;

    // Step 4: what the commander said, verbatim, at the event.
    const { createRemark } = await ok(
      graphql(`
        mutation ($input: CreateRemarkInput!) {
          createRemark(input: $input) {
            remark {
              slug
              content
              basis {
                field
                basis
              }
              citations {
                verified
                textQuoteSelector {
                  prefix
                }
              }
            }
          }
        }
      `),
      {
        input: {
          speakerId: sato.id,
          content: 'This visit shows our commitment to a free and open Indo-Pacific',
          isDirectQuote: true,
          audience: 'reporters',
          eventId: created.id,
          said: { date: '2022-05-08', precision: 'DAY' },
          topics: ['Indo-Pacific'],
          citations: [
            quote('“This visit shows our commitment to a free and open Indo-Pacific,”'),
            quote('told reporters at the pier', 'saidDate', '2022-05-08'),
          ],
          basis: [
            {
              field: 'saidDate',
              basis: 'INFERRED',
              note: 'Said at the pier on arrival, which was on Sunday 8 May 2022.',
            },
          ],
        },
      },
    );
    expect(createRemark.remark.citations.every((c) => c.verified)).toBe(true);
    expect(createRemark.remark.basis).toEqual(
      expect.arrayContaining([
        { field: 'saidDate', basis: 'INFERRED' },
        { field: 'speaker', basis: 'STATED' },
      ]),
    );

    // Step 5: read back — the source with everything it supports, each quote in context.
    const { source } = await ok(
      graphql(`
        query ($slug: String!) {
          source(slug: $slug) {
            citations(first: 50) {
              totalCount
              edges {
                node {
                  quote
                  textQuoteSelector {
                    prefix
                    exact
                    suffix
                  }
                }
              }
            }
          }
        }
      `),
      { slug: createSource.source.slug },
    );
    expect(source).not.toBeNull();
    // 4 event citations + 3 participations (one inheriting the event's 4, two with one each) + 2 remark.
    expect(source!.citations.totalCount).toBe(4 + 4 + 1 + 1 + 2);
    const inContext = source!.citations.edges.map(({ node }) => {
      expect(node.textQuoteSelector).not.toBeNull();
      const { prefix, exact, suffix } = node.textQuoteSelector!;
      return prefix + exact + suffix;
    });
    for (const passage of inContext) expect(ARTICLE).toContain(passage);
  });
});
