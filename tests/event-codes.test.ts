// Event codes as data over real HTTP: the CAMEO 1.1b3 hierarchy and Goldstein weights, PLOVER's
// categories, modes and contexts; events filtered at every level of both; writes checked against the
// reference tables (and the database's own foreign keys behind them); the seed's coding; and the events
// filter's two translations (Prisma `where`, SQL) selecting the same events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../src/generated/prisma/client.js';
import { eventFilter, eventFilterSql, type EventFilterInput } from '../src/modules/event/event.filters.js';
import { dataset } from '../seeds/japan-vietnam.js';
import { bearer, type AuthHeaders } from './helpers/api-keys.js';
import { textlessSource } from './helpers/textless-source.js';
import { dataOf, startTestServer, type GraphQLResponse, type TestServer } from './helpers/test-server.js';
import { fixtureBasis } from './helpers/fixture-basis.js';
import { graphql } from './helpers/graphql.js';

let server: TestServer;
let editor: AuthHeaders;
let sourceId: string;

/** The coding a write sets, as its answer shows it. */
const CODING = graphql(`
  fragment Coding on EventCode {
    cameo
    plover
    ploverMode
    ploverContexts
  }
`);

const CREATE = graphql(
  `
    mutation ($input: CreateEventInput!) {
      createEvent(input: $input) {
        event {
          slug
          eventCode {
            ...Coding
          }
        }
      }
    }
  `,
  [CODING],
);

/** Creates an event through the API with this coding; returns the GraphQL response. */
function createCoded(slug: string, coding: Record<string, unknown>) {
  return server.gql(
    CREATE,
    {
      input: {
        slug,
        kind: 'OTHER',
        title: `Coded event ${slug}`,
        summary: 'An event for the code filters.',
        start: { date: '2022-03-01', precision: 'DAY' },
        basis: fixtureBasis('startDate'),
        citations: [{ sourceId, quote: `quote for ${slug}` }],
        ...coding,
      },
    },
    editor,
  );
}

const slugsOf = (res: GraphQLResponse<{ events: { edges: { node: { slug: string } }[] } }>): string[] =>
  dataOf(res)
    .events.edges.map((e) => e.node.slug)
    .sort();

async function eventSlugs(filter: Record<string, unknown>): Promise<string[]> {
  const res = await server.gql(
    graphql(`
      query ($f: EventFilter) {
        events(first: 100, filter: $f) {
          edges {
            node {
              slug
            }
          }
        }
      }
    `),
    {
      f: filter,
    },
  );
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return slugsOf(res);
}

beforeAll(async () => {
  server = await startTestServer();
  editor = await bearer(server.db, 'EDITOR');
  sourceId = await textlessSource(server.db);
  // Events at the levels the seed lacks: a four-digit code, another code under the same base, a
  // conflictual code.
  for (const [slug, coding] of [
    ['coded-0311', { cameoCode: '0311', ploverCategory: 'AGREE', ploverContexts: ['economic'] }],
    ['coded-031', { cameoCode: '031', ploverCategory: 'AGREE' }],
    ['coded-041', { cameoCode: '041', ploverCategory: 'CONSULT', ploverMode: 'phone' }],
    ['coded-112', { cameoCode: '112', ploverCategory: 'ACCUSE', ploverContexts: ['military'] }],
  ] as const) {
    const res = await createCoded(slug, coding);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  }
});
afterAll(async () => {
  await server?.stop();
});

describe('the CAMEO codebook as data', () => {
  it('holds the CAMEO 1.1b3 list: 20 roots 01–20 and 296 three- and four-digit codes', async () => {
    const res = await server.gql(
      graphql(`
        {
          cameoCodes {
            code
            level
          }
          roots: cameoCodes(level: ROOT) {
            code
            name
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).cameoCodes).toHaveLength(316);
    expect(dataOf(res).roots.map((r) => r.code)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    const levels = dataOf(res).cameoCodes.map((c) => [c.code.length, c.level] as const);
    for (const [length, level] of levels) expect(level).toBe(['ROOT', 'BASE', 'DETAILED'][length - 2]);
    expect(dataOf(res).roots.map((r) => r.name)).toContain('Exhibit force posture');
  });

  it('names codes as the codebook does, with Goldstein weights, QuadClass and the hierarchy', async () => {
    const res = await server.gql(
      graphql(`
        {
          visit: cameoCode(code: "042") {
            name
            goldstein
            quadClass
            ploverCategory
            ploverMode
            root {
              code
              name
            }
            parent {
              code
            }
            children {
              code
            }
          }
          sign: cameoCode(code: "057") {
            name
            goldstein
            ploverCategory
          }
          economic: cameoCode(code: "0211") {
            name
            goldstein
            level
            root {
              code
            }
            parent {
              code
              name
            }
            base {
              code
            }
          }
          drone: cameoCode(code: "1952") {
            name
            goldstein
            quadClass
            ploverCategory
          }
          cyber: cameoCode(code: "155") {
            name
            goldstein
          }
          fight: cameoCode(code: "19") {
            name
            goldstein
            children {
              code
            }
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    const d = dataOf(res);
    expect(d.visit).toEqual({
      name: 'Make a visit',
      goldstein: 1.9,
      quadClass: 'VERBAL_COOPERATION',
      ploverCategory: 'CONSULT',
      ploverMode: 'visit',
      root: { code: '04', name: 'Consult' },
      parent: { code: '04' },
      children: [],
    });
    expect(d.sign).toEqual({ name: 'Sign formal agreement', goldstein: 8, ploverCategory: 'SUPPORT' });
    expect(d.economic).toEqual({
      name: 'Appeal for economic cooperation',
      goldstein: 3.4,
      level: 'DETAILED',
      root: { code: '02' },
      parent: { code: '021', name: 'Appeal for material cooperation, not specified below' },
      base: { code: '021' },
    });
    // A 1.1b3 addition: GDELT's Goldstein table predates it, so it has its parent's weight.
    expect(d.drone).toEqual({
      name: 'Employ remotely piloted aerial munitions',
      goldstein: -10,
      quadClass: 'MATERIAL_CONFLICT',
      ploverCategory: 'ASSAULT',
    });
    expect(d.cyber).toEqual({ name: 'Mobilize or increase cyber-forces', goldstein: -7.2 });
    expect(d.fight?.name).toBe('Fight');
    expect(d.fight!.children.map((c) => c.code)).toEqual(['190', '191', '192', '193', '194', '195', '196']);
  });

  it('answers NOT_FOUND for a code the codebook lacks and BAD_USER_INPUT for a malformed one', async () => {
    const missing = await server.gql(
      graphql(`
        {
          cameoCode(code: "21") {
            name
          }
        }
      `),
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const bad = await server.gql(
      graphql(`
        {
          cameoCodes(prefix: "4x") {
            code
          }
        }
      `),
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'prefix' });
    const under = await server.gql(
      graphql(`
        {
          cameoCodes(prefix: "04") {
            code
          }
        }
      `),
    );
    expect(dataOf(under).cameoCodes.map((c) => c.code)).toEqual([
      '04',
      '040',
      '041',
      '042',
      '043',
      '044',
      '045',
      '046',
    ]);
  });

  it('describes the 16 PLOVER categories in order, their modes, and the contexts', async () => {
    const res = await server.gql(
      graphql(`
        {
          ploverCategories {
            category
            name
            quadClass
            score
            modes {
              mode
            }
          }
          ploverContexts {
            context
            modality
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    const categories = dataOf(res).ploverCategories;
    expect(categories.map((c) => c.category)).toEqual([
      'AGREE',
      'CONSULT',
      'SUPPORT',
      'CONCEDE',
      'COOPERATE',
      'AID',
      'RETREAT',
      'REQUEST',
      'ACCUSE',
      'REJECT',
      'THREATEN',
      'PROTEST',
      'SANCTION',
      'MOBILIZE',
      'COERCE',
      'ASSAULT',
    ]);
    const consult = categories.find((c) => c.category === 'CONSULT');
    expect(consult?.modes.map((m) => m.mode).sort()).toEqual([
      'multilateral',
      'phone',
      'third-party',
      'visit',
    ]);
    expect(consult).toMatchObject({ name: 'Consult', quadClass: 'VERBAL_COOPERATION', score: 2.1 });
    expect(categories.find((c) => c.category === 'AGREE')?.modes).toEqual([]);
    expect(categories.flatMap((c) => c.modes)).toHaveLength(66);
    const contexts = dataOf(res).ploverContexts;
    expect(contexts).toHaveLength(36);
    expect(contexts.map((c) => c.context)).toEqual(
      expect.arrayContaining(['military', 'cyber', 'human_rights']),
    );
    expect(
      contexts
        .filter((c) => c.modality)
        .map((c) => c.context)
        .sort(),
    ).toEqual(['future', 'historical', 'hypothetical', 'negation']);
  });
});

describe('the seed is coded', () => {
  it('codes every event with a CAMEO code from the codebook and explains each choice', async () => {
    const book = await server.db.prisma.cameoCode.findMany({ select: { code: true } });
    const codes = new Set(book.map((c) => c.code));
    for (const e of dataset.events) {
      expect(e.cameoCode && codes.has(e.cameoCode), `${e.key}: ${e.cameoCode}`).toBe(true);
      expect(e.codingNote, `${e.key} explains its coding`).toMatch(/CAMEO \d{3}/);
      if (e.ploverCategory) expect(e.codingNote).toContain(`PLOVER ${e.ploverCategory}`);
    }
  });

  it('serves an event’s coding with its hierarchy and weight', async () => {
    const res = await server.gql(
      graphql(`
        {
          event(slug: "signing-of-equipment-transfer-agreement-2021-09-11") {
            eventCode {
              cameo
              cameoName
              code {
                code
                level
              }
              root {
                code
                name
              }
              base {
                code
              }
              goldstein
              quadClass
              plover
              ploverMode
              ploverContexts
            }
          }
        }
      `),
    );
    expect(res.errors).toBeUndefined();
    expect(dataOf(res).event?.eventCode).toEqual({
      cameo: '057',
      cameoName: 'Sign formal agreement',
      code: { code: '057', level: 'BASE' },
      root: { code: '05', name: 'Engage in diplomatic cooperation' },
      base: { code: '057' },
      goldstein: 8,
      quadClass: 'VERBAL_COOPERATION',
      plover: 'SUPPORT',
      ploverMode: null,
      ploverContexts: ['military'],
    });
  });
});

describe('filtering events by code, at every level', () => {
  const seeded = (test: (e: (typeof dataset.events)[number]) => boolean) =>
    dataset.events.filter(test).map((e) => e.key);

  it('by CAMEO root: "04" is every 04x consultation', async () => {
    expect(await eventSlugs({ cameoCodes: ['04'] })).toEqual(
      [...seeded((e) => e.cameoCode!.startsWith('04')), 'coded-041'].sort(),
    );
    expect(await eventSlugs({ cameoCodes: ['03'] })).toEqual(
      [...seeded((e) => e.cameoCode!.startsWith('03')), 'coded-031', 'coded-0311'].sort(),
    );
  });

  it('by base code: "031" is 031 and the four-digit codes under it, "042" every visit', async () => {
    expect(await eventSlugs({ cameoCodes: ['031'] })).toEqual(['coded-031', 'coded-0311']);
    expect(await eventSlugs({ cameoCodes: ['042'] })).toEqual(seeded((e) => e.cameoCode === '042').sort());
  });

  it('by full code: "0311" and "057" match just those codes; codes of several levels combine with OR', async () => {
    expect(await eventSlugs({ cameoCodes: ['0311'] })).toEqual(['coded-0311']);
    expect(await eventSlugs({ cameoCodes: ['057'] })).toEqual(seeded((e) => e.cameoCode === '057').sort());
    expect(await eventSlugs({ cameoCodes: ['057', '11'] })).toEqual(
      [...seeded((e) => e.cameoCode === '057'), 'coded-112'].sort(),
    );
  });

  it('by PLOVER category, and category with mode ("PLOVER CONSULT, mode visit")', async () => {
    expect(await eventSlugs({ ploverCategories: ['CONSULT'] })).toEqual(
      [...seeded((e) => e.ploverCategory === 'CONSULT'), 'coded-041'].sort(),
    );
    const visits = await eventSlugs({ ploverCategories: ['CONSULT'], ploverModes: ['visit'] });
    expect(visits).toEqual(seeded((e) => e.ploverCategory === 'CONSULT' && e.ploverMode === 'visit').sort());
    expect(visits.length).toBeGreaterThan(3);
    expect(await eventSlugs({ ploverModes: ['phone'] })).toEqual(['coded-041']);
    expect(await eventSlugs({ ploverCategories: ['SUPPORT'] })).toEqual(
      seeded((e) => e.ploverCategory === 'SUPPORT').sort(),
    );
  });

  it('by PLOVER context and by QuadClass', async () => {
    expect(await eventSlugs({ ploverContexts: ['cyber'] })).toEqual(
      seeded((e) => e.ploverContexts?.includes('cyber') ?? false).sort(),
    );
    expect(await eventSlugs({ ploverContexts: ['economic', 'military'] })).toEqual(
      [...seeded((e) => e.ploverContexts?.includes('military') ?? false), 'coded-0311', 'coded-112'].sort(),
    );
    expect(await eventSlugs({ quadClasses: ['VERBAL_CONFLICT'] })).toEqual(['coded-112']);
    const cooperative = await eventSlugs({ quadClasses: ['VERBAL_COOPERATION', 'MATERIAL_COOPERATION'] });
    expect(cooperative).toHaveLength(dataset.events.length + 3);
  });

  it('refuses malformed modes and contexts, naming the field', async () => {
    const res = await server.gql(
      graphql(`
        {
          events(filter: { ploverModes: ["Visit!"] }) {
            totalCount
          }
        }
      `),
    );
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.ploverModes',
    });
  });

  it('selects the same events through the SQL translation of the filter (dyads and exports use it)', async () => {
    const kishiGid = dataOf(
      await server.gql(
        graphql(`
          {
            participant(slug: "nobuo-kishi") {
              id
            }
          }
        `),
      ),
    ).participant!.id;
    const kishiId = (await server.db.prisma.participant.findUniqueOrThrow({ where: { slug: 'nobuo-kishi' } }))
      .id;
    const filters: [Record<string, unknown>, EventFilterInput][] = [
      [{}, {}],
      [{ cameoCodes: ['04', '057'] }, { cameoCodes: ['04', '057'] }],
      [
        { from: '2021-04-15', to: '2021-09-11' },
        { from: new Date('2021-04-15'), to: new Date('2021-09-11') },
      ],
      [{ kinds: ['VISIT', 'SIGNING'] }, { kinds: ['VISIT', 'SIGNING'] }],
      [
        { countries: ['JP', 'VN'], countriesMatch: 'ALL' },
        { countries: ['JP', 'VN'], countriesMatch: 'ALL' },
      ],
      [{ countries: ['SG', 'CN'] }, { countries: ['SG', 'CN'] }],
      [{ participants: [kishiGid] }, { participants: [{ id: kishiId }] }],
      [
        { ploverCategories: ['CONSULT'], ploverModes: ['visit'], ploverContexts: ['military'] },
        { ploverCategories: ['CONSULT'], ploverModes: ['visit'], ploverContexts: ['military'] },
      ],
      [{ quadClasses: ['VERBAL_CONFLICT'] }, { quadClasses: [3] }],
      [
        { participants: [kishiGid], participantsMatch: 'ALL' },
        { participants: [{ id: kishiId }], participantsMatch: 'ALL' },
      ],
      [{ statedOnly: true }, { statedOnly: true }],
    ];
    // Every field the filter declares is exercised here, so a new one cannot skip this check.
    const exercised = new Set(filters.flatMap(([, internal]) => Object.keys(internal)));
    expect(Object.keys(eventFilter.fields).filter((field) => !exercised.has(field))).toEqual([]);
    for (const [graphql, internal] of filters) {
      const viaPrisma = await eventSlugs(graphql);
      const rows = await server.db.prisma.$queryRaw<{ slug: string }[]>(
        Prisma.sql`SELECT e.slug FROM event e WHERE ${eventFilterSql(internal)} ORDER BY e.slug`,
      );
      expect(rows.map((r) => r.slug).sort(), JSON.stringify(graphql)).toEqual(viaPrisma);
    }
  });
});

describe('writes are checked against the reference data', () => {
  it('refuses a CAMEO code the codebook lacks, naming the field, and writes nothing', async () => {
    const before = await server.db.prisma.event.count();
    const res = await createCoded('bad-code', { cameoCode: '099' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.cameoCode' });
    expect(res.errors?.[0]?.message).toMatch(/not a CAMEO 1.1b3 event code/);
    expect(await server.db.prisma.event.count()).toBe(before);
  });

  it('refuses a mode of another category, a mode without category, and an unknown context', async () => {
    const wrongMode = await createCoded('bad-mode', {
      cameoCode: '057',
      ploverCategory: 'SUPPORT',
      ploverMode: 'visit',
    });
    expect(wrongMode.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.ploverMode',
    });
    expect(wrongMode.errors?.[0]?.message).toMatch(/SUPPORT, which has no modes/);
    const noCategory = await createCoded('bad-mode-2', { ploverMode: 'visit' });
    expect(noCategory.errors?.[0]?.extensions?.field).toBe('input.ploverMode');
    const context = await createCoded('bad-context', {
      ploverCategory: 'CONSULT',
      ploverContexts: ['weather'],
    });
    expect(context.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.ploverContexts',
    });
  });

  it('updates the coding, checking the mode against the category the event keeps', async () => {
    const event = dataOf(
      await server.gql(
        graphql(`
          {
            event(slug: "coded-041") {
              id
              version
            }
          }
        `),
      ),
    ).event!;
    const UPDATE = graphql(
      `
        mutation ($input: UpdateEventInput!) {
          updateEvent(input: $input) {
            event {
              eventCode {
                ...Coding
              }
            }
          }
        }
      `,
      [CODING],
    );
    const bad = await server.gql(
      UPDATE,
      { input: { id: event.id, version: event.version, ploverMode: 'convict' } },
      editor,
    );
    expect(bad.errors?.[0]?.extensions?.field).toBe('input.ploverMode');
    const ok = await server.gql(
      UPDATE,
      {
        input: {
          id: event.id,
          version: event.version,
          cameoCode: '044',
          ploverMode: 'third-party',
          ploverContexts: ['diplomatic'],
        },
      },
      editor,
    );
    expect(ok.errors).toBeUndefined();
    expect(dataOf(ok).updateEvent.event.eventCode).toEqual({
      cameo: '044',
      plover: 'CONSULT',
      ploverMode: 'third-party',
      ploverContexts: ['diplomatic'],
    });
  });

  it('is backed by the database itself: foreign keys on the code and mode, a trigger on contexts', async () => {
    const source = await server.db.prisma.source.findFirstOrThrow();
    const base = {
      kind: 'OTHER' as const,
      title: 'Direct write',
      summary: 'Written past the API.',
      startDate: new Date('2022-01-01'),
      startPrecision: 'DAY' as const,
      citations: { create: [{ sourceId: source.id, quote: 'x' }] },
    };
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['direct-code', { cameoCode: '099' }, /event_cameo_code_fkey|Foreign key/i],
      [
        'direct-mode',
        { ploverCategory: 'AGREE', ploverMode: 'visit' },
        /event_plover_category_plover_mode_fkey|Foreign key/i,
      ],
      ['direct-mode-alone', { ploverMode: 'visit' }, /event_plover_mode_needs_category/],
      ['direct-context', { ploverContexts: ['weather'] }, /not a PLOVER context|plover_contexts/],
    ];
    for (const [slug, change, pattern] of cases) {
      const error = await server.db.prisma.event
        .create({ data: { ...base, slug, ...change } })
        .catch((e: unknown) => e);
      expect(String(error), slug).toMatch(pattern);
    }
    expect(await server.db.prisma.event.count({ where: { slug: { startsWith: 'direct-' } } })).toBe(0);
  });
});
