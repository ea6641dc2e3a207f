// Provenance (issue 15): every quote of the seed anchored in its source's text, with W3C selectors that
// slice the text to the exact quote; the migration's back-fill anchoring exactly as the application
// does; a quote that is not in the held text refused with its field named; sources without text
// accepted as unverified; a source's text edited only while it still holds every quote cited from it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorQuote, normaliseQuote } from '../src/modules/source/quote-anchor.js';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';
import { fixtureBasis } from './helpers/fixture-basis.js';
import { graphql, type ResultOf, type VariablesOf } from './helpers/graphql.js';
import { QUOTE_ANCHOR } from './helpers/quote-anchor.js';

let server: TestServer;
let editor: AuthHeaders;

beforeAll(async () => {
  server = await startTestServer();
  editor = await bearer(server.db, 'EDITOR');
});
afterAll(() => server?.stop());

const codePoints = (s: string) => [...s];
const slice = (text: string, start: number, end: number) => codePoints(text).slice(start, end).join('');

describe('quote normalisation', () => {
  it('differs only in whitespace, typographic quotes and dashes', () => {
    const text = 'He said\u00A0“same  destiny” — twice\nover, Self\u2011Defence.';
    expect(anchorQuote(text, 'said "same destiny" - twice over, Self-Defence.')).toMatchObject({
      exact: 'said\u00A0“same  destiny” — twice\nover, Self\u2011Defence.',
      prefix: 'He ',
      suffix: '',
      start: 3,
    });
    // Nothing else is forgiven: case, missing punctuation, other words.
    expect(anchorQuote(text, 'SAID "same destiny"')).toBeNull();
    expect(anchorQuote(text, 'said same destiny')).toBeNull();
    expect(normaliseQuote('  a \t b  ')).toBe('a b');
  });

  it('counts offsets in code points (emoji flags are two each)', () => {
    const text = 'x \u{1F1EF}\u{1F1F5} defence cooperation';
    const anchor = anchorQuote(text, 'defence')!;
    expect(anchor.start).toBe(5);
    expect(slice(text, anchor.start, anchor.end)).toBe('defence');
  });
});

describe('anchored citations of the seed', () => {
  const CITATIONS = graphql(
    `
      query ($slug: String!, $after: String) {
        source(slug: $slug) {
          slug
          fullText
          citations(first: 100, after: $after) {
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              node {
                ...QuoteAnchor
                textQuoteSelector {
                  type
                }
                textPositionSelector {
                  type
                }
              }
            }
          }
        }
      }
    `,
    [QUOTE_ANCHOR],
  );
  type CitedSource = NonNullable<ResultOf<typeof CITATIONS>['source']>;

  it('every quote of every seeded source is verified, and its selectors slice the text to it', async () => {
    const list = await server.gql(
      graphql(`
        {
          sources(first: 20) {
            edges {
              node {
                slug
              }
            }
          }
        }
      `),
    );
    let checked = 0;
    for (const { node } of dataOf(list).sources.edges) {
      const edges: CitedSource['citations']['edges'] = [];
      let source: CitedSource;
      for (let after: string | null = null; ;) {
        const res = await server.gql(CITATIONS, { slug: node.slug, after });
        expect(res.errors).toBeUndefined();
        const page = dataOf(res).source;
        expect(page, node.slug).not.toBeNull();
        source = page!;
        edges.push(...source.citations.edges);
        if (!source.citations.pageInfo.hasNextPage) break;
        after = source.citations.pageInfo.endCursor;
      }
      expect(source.fullText, source.slug).toBeTruthy();
      const fullText = source.fullText!;
      for (const { node: c } of edges) {
        expect(c.verified, c.quote).toBe(true);
        expect(c.textPositionSelector, c.quote).not.toBeNull();
        expect(c.textQuoteSelector, c.quote).not.toBeNull();
        const { start, end } = c.textPositionSelector!;
        const { exact, prefix, suffix } = c.textQuoteSelector!;
        expect(c.textQuoteSelector!.type).toBe('TextQuoteSelector');
        expect(c.textPositionSelector!.type).toBe('TextPositionSelector');
        // The seed's quotes are verbatim, so exact is the quote itself.
        expect(exact).toBe(c.quote);
        expect(slice(fullText, start, end)).toBe(exact);
        const [before, after] = [codePoints(prefix).length, codePoints(suffix).length];
        expect(slice(fullText, start - before, start)).toBe(prefix);
        expect(slice(fullText, end, end + after)).toBe(suffix);
        // 32 characters of context, or as many as the text has.
        expect(before).toBe(Math.min(32, start));
        expect(after).toBe(Math.min(32, codePoints(fullText).length - end));
        checked++;
      }
    }
    expect(checked).toBe(
      (await server.db.prisma.citation.count()) -
        (await server.db.prisma.citation.count({ where: { source: { fullText: null } } })),
    );
    expect(checked).toBeGreaterThan(150);
  });
});

describe('quotes verified on write', () => {
  async function sourceIds() {
    const data = dataOf(
      await server.gql(
        graphql(`
          {
            a1: source(slug: "fredly-2021-11-24-japan-vietnam-oppose-change-by-coercion") {
              id
            }
            kishi: participant(slug: "nobuo-kishi") {
              id
            }
          }
        `),
      ),
    );
    expect(data.a1).not.toBeNull();
    expect(data.kishi).not.toBeNull();
    return { a1: data.a1!.id, kishi: data.kishi!.id };
  }
  const CREATE = graphql(
    `
      mutation ($input: CreateEventInput!) {
        createEvent(input: $input) {
          event {
            id
            citations {
              ...QuoteAnchor
            }
          }
        }
      }
    `,
    [QUOTE_ANCHOR],
  );
  type EventInput = VariablesOf<typeof CREATE>['input'];
  const event = (citations: EventInput['citations']): EventInput => ({
    kind: 'MEETING',
    title: 'Provenance test meeting',
    summary: 'A meeting to test quote verification.',
    start: { date: '2021-11-23', precision: 'DAY' },
    basis: fixtureBasis('startDate'),
    citations,
  });

  it('refuses a quote that is not in the held full text, naming the field', async () => {
    const { a1 } = await sourceIds();
    const response = await server.gql(
      CREATE,
      {
        input: event([
          { sourceId: a1, quote: 'The meeting took place in Tokyo' },
          { sourceId: a1, quote: 'The meeting took place in Hanoi' },
        ]),
      },
      editor,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe('input.citations.1.quote');
  });

  it('accepts a quote that differs only typographically, and anchors it to the text’s own words', async () => {
    const { a1 } = await sourceIds();
    const response = await server.gql(
      CREATE,
      {
        input: event([{ sourceId: a1, quote: "at the invitation of Japan's Prime Minister  Fumio Kishida" }]),
      },
      editor,
    );
    expect(response.errors).toBeUndefined();
    const [c] = dataOf(response).createEvent.event.citations;
    expect(c?.verified).toBe(true);
    expect(c?.textQuoteSelector?.exact).toBe('at the invitation of Japan’s Prime Minister Fumio Kishida');
    expect(c?.textQuoteSelector?.suffix.startsWith('.')).toBe(true);
  });

  it('accepts a source without full text, marked unverified; a new source’s own text is checked', async () => {
    const ok = await server.gql(
      CREATE,
      {
        input: event([{ source: { kind: 'OTHER', title: 'A note without text' }, quote: 'anything at all' }]),
      },
      editor,
    );
    expect(ok.errors).toBeUndefined();
    expect(dataOf(ok).createEvent.event.citations[0]).toMatchObject({
      verified: false,
      textQuoteSelector: null,
      textPositionSelector: null,
    });
    const refused = await server.gql(
      CREATE,
      {
        input: event([
          {
            source: { kind: 'OTHER', title: 'A note with text', fullText: 'The ministers met.' },
            quote: 'The ministers did not meet.',
          },
        ]),
      },
      editor,
    );
    expect(refused.errors?.[0]?.extensions?.field).toBe('input.citations.0.quote');
  });

  it('addCitation verifies too; a source’s text cannot be edited out from under its quotes', async () => {
    const created = await server.gql(
      graphql(`
        mutation ($input: CreateSourceInput!) {
          createSource(input: $input) {
            source {
              id
              version
            }
          }
        }
      `),
      { input: { kind: 'OTHER', title: 'Editable text', fullText: 'Alpha met Beta in Gamma.' } },
      editor,
    );
    expect(created.errors).toBeUndefined();
    const source = dataOf(created).createSource.source;
    const made = await server.gql(
      CREATE,
      { input: event([{ sourceId: source.id, quote: 'Alpha met Beta' }]) },
      editor,
    );
    expect(made.errors).toBeUndefined();
    const eventId = dataOf(made).createEvent.event.id;
    const add = (quote: string) =>
      server.gql(
        graphql(`
          mutation ($input: AddCitationInput!) {
            addCitation(input: $input) {
              citation {
                verified
                textPositionSelector {
                  start
                  end
                }
              }
            }
          }
        `),
        { input: { targetId: eventId, citation: { sourceId: source.id, quote } } },
        editor,
      );
    const refused = await add('Alpha met Delta');
    expect(refused.errors?.[0]?.extensions?.field).toBe('input.citation.quote');
    const added = await add('in Gamma');
    expect(added.errors).toBeUndefined();
    expect(dataOf(added).addCitation.citation?.textPositionSelector).toEqual({ start: 15, end: 23 });

    const update = (fullText: string, version: number) =>
      server.gql(
        graphql(`
          mutation ($input: UpdateSourceInput!) {
            updateSource(input: $input) {
              source {
                version
              }
            }
          }
        `),
        { input: { id: source.id, version, fullText } },
        editor,
      );
    const broken = await update('Alpha met Beta in Delta.', source.version);
    expect(broken.errors?.[0]?.extensions?.field).toBe('input.fullText');
    const moved = await update('Yesterday, Alpha met Beta in Gamma.', source.version);
    expect(moved.errors).toBeUndefined();
    const anchors = await server.db.prisma.citation.findMany({
      where: { sourceId: decodeId(source.id) },
      orderBy: { anchorStart: 'asc' },
      select: { anchorStart: true, anchorEnd: true, anchorPrefix: true },
    });
    expect(anchors).toEqual([
      { anchorStart: 11, anchorEnd: 25, anchorPrefix: 'Yesterday, ' },
      { anchorStart: 26, anchorEnd: 34, anchorPrefix: 'Yesterday, Alpha met Beta ' },
    ]);
  });
});

// Last: it rewrites every citation's anchor and makes no HTTP request after (a long pause before the
// next request can meet a keep-alive socket the server is closing).
describe('the back-fill', () => {
  it('the migration back-fills existing citations exactly as the application anchors them', async () => {
    const prisma = server.db.prisma;
    const before = await prisma.citation.findMany({
      orderBy: { id: 'asc' },
      select: {
        id: true,
        anchorExact: true,
        anchorPrefix: true,
        anchorSuffix: true,
        anchorStart: true,
        anchorEnd: true,
      },
    });
    const migration = readFileSync(
      new URL('../prisma/migrations/20261203000000_provenance/migration.sql', import.meta.url),
      'utf8',
    );
    const backfill = migration.slice(migration.indexOf('WITH found AS'));
    // Not Prisma's default of 5 s for an interactive transaction: this took 5.4 s on a busy machine.
    const generous = { timeout: 60_000 };
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(
        'UPDATE citation SET anchor_exact = NULL, anchor_prefix = NULL, anchor_suffix = NULL, ' +
          'anchor_start = NULL, anchor_end = NULL',
      );
      await tx.$executeRawUnsafe(backfill);
    }, generous);
    const after = await prisma.citation.findMany({
      orderBy: { id: 'asc' },
      select: {
        id: true,
        anchorExact: true,
        anchorPrefix: true,
        anchorSuffix: true,
        anchorStart: true,
        anchorEnd: true,
      },
    });
    expect(after).toEqual(before);

    // And with quotes that differ from the text in whitespace, quotes and dashes.
    const [row] = await prisma.$queryRaw<{ b: number; e: number }[]>`
      SELECT regexp_instr(quote_fold(t), quote_pattern(q)) AS b,
             regexp_instr(quote_fold(t), quote_pattern(q), 1, 1, 1) AS e
      FROM (VALUES (${'He said\u00A0“same  destiny” — twice'}, ${'said "same destiny" - twice'})) v(t, q)`;
    const js = anchorQuote('He said\u00A0“same  destiny” — twice', 'said "same destiny" - twice')!;
    expect([row!.b - 1, row!.e - 1]).toEqual([js.start, js.end]);
  });
});

function decodeId(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString('utf8').split(':').slice(1).join(':');
}
