// Property tests for input validation. Locally: the zod building blocks accept exactly what their rules
// say, for any input fast-check can think of. Over HTTP: any createEvent input, however mangled, is
// either written whole or refused with a client error naming a field — never a 5xx — and a refusal
// writes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzyDate, fieldPath, slug, text } from '../src/core/write/validation.js';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { textlessSource } from './helpers/textless-source.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';
import { fixtureBasis } from './helpers/fixture-basis.js';

describe('validation building blocks', () => {
  it('text(max) accepts exactly the strings that are non-blank, short enough and NUL-free (trimmed)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (value, max) => {
          const trimmed = value.trim();
          // Lengths count characters (code points), as PostgreSQL's char_length does.
          const length = [...trimmed].length;
          const valid = length >= 1 && length <= max && !trimmed.includes('\u0000');
          const result = text(max).safeParse(value);
          expect(result.success).toBe(valid);
          if (result.success) expect(result.data).toBe(trimmed);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('slug accepts lower-case words joined by single hyphens, and nothing else', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (words) => {
        expect(slug.safeParse(words.join('-')).success).toBe(words.join('-').length <= 120);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (value) => {
        const valid = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 120;
        expect(slug.safeParse(value).success).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });

  it('fuzzyDate accepts a MONTH/YEAR date only on the first day of its period, and any DAY date', () => {
    const dates = fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2999-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(dates, fc.constantFrom('DAY', 'MONTH', 'YEAR'), (d, precision) => {
        const date = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
        const aligned =
          precision === 'DAY' ||
          (date.getUTCDate() === 1 && (precision === 'MONTH' || date.getUTCMonth() === 0));
        const result = fuzzyDate.safeParse({ date, precision });
        expect(result.success).toBe(aligned);
        if (!result.success) expect(result.error.issues[0]!.path).toEqual(['date']);
      }),
      { numRuns: 1000 },
    );
  });

  it('fieldPath renders any issue path as a client can read it back', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.stringMatching(/^[a-z][a-zA-Z]{0,8}$/), fc.nat(20)), { maxLength: 6 }),
        (path) => {
          const rendered = fieldPath(['input', ...path]);
          // Dotted, list indexes included (`input.participants.1.role`), as the operation check names it.
          const expected = ['input', ...path].map(String).join('.');
          expect(rendered).toBe(expected);
        },
      ),
    );
  });
});

describe('createEvent with arbitrary input, over HTTP', () => {
  let server: TestServer;
  let editor: AuthHeaders;
  let ids: { person: string; source: string };

  beforeAll(async () => {
    server = await startTestServer();
    editor = await bearer(server.db, 'EDITOR');
    const { data } = await server.gql(
      '{ participants(first: 1) { edges { node { id } } } sources(first: 1) { edges { node { id } } } }',
    );
    ids = { person: data.participants.edges[0].node.id, source: await textlessSource(server.db) };
  });
  afterAll(() => server?.stop());

  const counts = async () => {
    const p = server.db.prisma;
    return Promise.all([
      p.event.count(),
      p.participation.count(),
      p.citation.count(),
      p.source.count(),
      p.participant.count(),
      p.auditEntry.count(),
    ]);
  };

  it('writes it whole or refuses it with a named field, never a server error, and a refusal writes nothing', async () => {
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const textish = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constant('   '),
      fc.constant("'; DROP TABLE event; --"),
      fc.string({ minLength: 300, maxLength: 320 }),
    );
    const dateish = fc.oneof(
      { arbitrary: fc.constantFrom('2026-01-01', '2026-02-14', '2025-12-01', '1850-01-01'), weight: 4 },
      { arbitrary: fc.string({ maxLength: 10 }), weight: 1 },
    );
    const idish = fc.oneof(fc.constant(ids.person), fc.constant(ids.source), fc.string({ maxLength: 12 }));
    const sourceId = fc.oneof(
      { arbitrary: fc.constant(ids.source), weight: 4 },
      { arbitrary: idish, weight: 1 },
    );
    const goodText = fc.stringMatching(/^[A-Za-z][A-Za-z ]{2,20}$/);
    const input = fc
      .record({
        kind: fc.constantFrom('MEETING', 'VISIT', 'STATEMENT'),
        title: fc.oneof({ arbitrary: goodText, weight: 3 }, { arbitrary: textish, weight: 1 }),
        summary: fc.oneof({ arbitrary: goodText, weight: 3 }, { arbitrary: textish, weight: 1 }),
        start: fc.record({ date: dateish, precision: fc.constantFrom('DAY', 'MONTH', 'YEAR') }),
        end: maybe(fc.record({ date: dateish })),
        cameoCode: maybe(fc.oneof(fc.constantFrom('040', '057', '999'), fc.string({ maxLength: 5 }))),
        slug: maybe(
          fc.oneof(fc.stringMatching(/^[a-z]{1,6}(-[a-z]{1,6}){0,2}$/), fc.string({ maxLength: 8 })),
        ),
        participants: maybe(
          fc.array(fc.record({ participantId: idish, role: fc.constantFrom('HOST', 'VISITOR') }), {
            maxLength: 3,
          }),
        ),
        citations: fc.array(fc.record({ sourceId, quote: fc.oneof(goodText, textish) }), { maxLength: 2 }),
      })
      .map((v) => ({ ...v, basis: fixtureBasis('startDate', ...(v.end ? ['endDate'] : [])) }));

    const outcomes = { written: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        const before = await counts();
        const res = await server.gql(
          `mutation ($input: CreateEventInput!) { createEvent(input: $input) { event { id title } } }`,
          { input: value },
          editor,
        );
        expect(res.status).toBeLessThan(500);
        if (res.errors) {
          const [error] = res.errors;
          expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(error!.extensions?.code);
          // GraphQL's own coercion errors (an invalid Date literal) name the variable, not a field.
          if (res.status === 200) expect(typeof error!.extensions?.field).toBe('string');
          expect(await counts()).toEqual(before);
          outcomes.refused++;
        } else {
          outcomes.written++;
          expect(res.data.createEvent.event.title).toBe(value.title.trim());
          const after = await counts();
          expect(after[0]).toBe(before[0] + 1);
        }
      }),
      { numRuns: 80, seed: 20261122 },
    );
    // Both paths were really exercised (a fixed seed keeps this stable).
    expect(outcomes.written).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 120_000);
});
