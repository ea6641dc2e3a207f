// Imports events from the export's format (CSV or JSON Lines; see src/features/export/export-query.ts for the
// columns): each event with its participants (existing ones by slug, missing ones created) and its
// citations (sources by slug or URL, missing ones created). Validated row by row with the API's own
// schemas (createEventSchema, newParticipantSchema, newSourceSchema) and reference data; then, only if no
// row was rejected, written in ONE write transaction (runWrite: audited under an API key, all or nothing).
//
// Derived columns (actor1_*/actor2_*, event_base_code, event_root_code, event_code_name, quad_class,
// goldstein, citation_index) are ignored: the database derives them again. Every row of an event repeats
// its event columns; they must agree. CSV cells the export neutralised against formula injection (an
// apostrophe in front, see export-format.ts) are read back as stored.
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { Viewer } from '../../core/auth/authenticate.js';
import { createApiKey } from '../../core/auth/api-keys.js';
import { createEvent, createEventSchema, type CreateEventIn } from '../../modules/event/event.writes.js';
import { checkBases, dayValue, unbasedValue } from '../../modules/source/basis.js';
import { codingProblems, loadCodebook } from '../../modules/event/codes/codebook.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import {
  Basis,
  DatePrecision,
  EventKind,
  ParticipantKind,
  ParticipationRole,
  PloverCategory,
  SourceKind,
} from '../../generated/prisma/enums.js';
import { createParticipant, newParticipantSchema } from '../../modules/participant/participant.writes.js';
import { createSource, newSourceSchema } from '../../modules/source/source.writes.js';
import { params } from '../../core/graphql/filters.js';
import { fieldPath } from '../../core/write/validation.js';
import { runWrite } from '../../core/write/write-transaction.js';
import { COLUMN_NAMES, type ExportColumn } from '../export/export-query.js';
import { restoreCell } from '../export/export-format.js';
import { CsvSyntaxError, parseCsv } from './csv.js';

export interface RejectedRow {
  /** 1-based line of the file (the CSV header is line 1). */
  line: number;
  /** The column at fault (with a path inside `participants`), or `file`. */
  field: string;
  message: string;
}

export interface ImportReport {
  rows: number;
  events: number;
  rejected: RejectedRow[];
  /** What was written (all zero when anything was rejected or on a dry run). */
  created: { events: number; participants: number; sources: number };
  keyName: string | null;
}

export interface ImportOptions {
  format: 'csv' | 'jsonl';
  /** The API key the audit log records the import under (EDITOR or ADMIN); default "import", created on demand. */
  keyName?: string;
  /** Validate only. */
  dryRun?: boolean;
  /** Recorded as the audit entries' request id. */
  label?: string;
  transactionTimeoutMs?: number;
}

export class ImportSetupError extends Error {
  override name = 'ImportSetupError';
}

export const DEFAULT_IMPORT_KEY = 'import';

// ---------------------------------------------------------------------------------------------------
// Reading rows
// ---------------------------------------------------------------------------------------------------

const REQUIRED: readonly ExportColumn[] = [
  'event_id',
  'date',
  'date_precision',
  'kind',
  'title',
  'summary',
  'participants',
  'quote',
  'source_id',
  'source_kind',
  'source_title',
];

/** A row as read: text or null per column; participants and contexts already as lists. */
type RawRow = Partial<Record<ExportColumn, unknown>> & { line: number };

function readCsv(content: string, rejected: RejectedRow[]): RawRow[] {
  let records;
  try {
    records = parseCsv(content);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      rejected.push({ line: error.line, field: 'file', message: `not valid CSV: ${error.message}` });
      return [];
    }
    throw error;
  }
  const [header, ...body] = records;
  if (!header) {
    rejected.push({ line: 1, field: 'file', message: 'the file is empty (it needs a header row)' });
    return [];
  }
  const names = header.fields.map((f) => f.trim());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(COLUMN_NAMES as readonly string[]).includes(n));
  if (missing.length || unknown.length) {
    rejected.push({
      line: header.line,
      field: 'file',
      message: [
        missing.length ? `missing columns: ${missing.join(', ')}` : '',
        unknown.length ? `unknown columns: ${unknown.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
    return [];
  }
  const rows: RawRow[] = [];
  for (const record of body) {
    if (record.fields.length !== names.length) {
      rejected.push({
        line: record.line,
        field: 'file',
        message: `has ${record.fields.length} fields, the header ${names.length}`,
      });
      continue;
    }
    const row: RawRow = { line: record.line };
    names.forEach((name, i) => {
      // Undo the export's formula neutralisation (a leading apostrophe), exactly and only that.
      const value = restoreCell(record.fields[i]!);
      const column = name as ExportColumn;
      if (column === 'participants') {
        try {
          row.participants = value === '' ? [] : (JSON.parse(value) as unknown);
        } catch {
          row.participants = Symbol.for('invalid-json');
        }
      } else if (column === 'value_bases') {
        try {
          row.value_bases = value === '' ? [] : (JSON.parse(value) as unknown);
        } catch {
          row.value_bases = Symbol.for('invalid-json');
        }
      } else if (column === 'plover_contexts') {
        row.plover_contexts = value === '' ? [] : value.split(';').map((c) => c.trim());
      } else row[column] = value === '' ? null : value;
    });
    rows.push(row);
  }
  return rows;
}

function readJsonl(content: string, rejected: RejectedRow[]): RawRow[] {
  const rows: RawRow[] = [];
  content.split('\n').forEach((text, i) => {
    if (text.trim() === '') return;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      rejected.push({ line, field: 'file', message: 'is not a JSON object' });
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      rejected.push({ line, field: 'file', message: 'is not a JSON object' });
      return;
    }
    const unknown = Object.keys(value).filter((k) => !(COLUMN_NAMES as readonly string[]).includes(k));
    if (unknown.length) {
      rejected.push({ line, field: unknown[0]!, message: 'is not a column of the export format' });
      return;
    }
    const row: RawRow = { line };
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      row[key as ExportColumn] =
        key === 'participants' || key === 'plover_contexts'
          ? (v ?? [])
          : key === 'value_bases'
            ? jsonText(v)
            : v === ''
              ? null
              : v;
    }
    rows.push(row);
  });
  return rows;
}

/** value_bases is JSON text in both formats (an array is taken as it is). */
function jsonText(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? [];
  try {
    return v === '' ? [] : (JSON.parse(v) as unknown);
  } catch {
    return Symbol.for('invalid-json');
  }
}

// ---------------------------------------------------------------------------------------------------
// Row schema: the file's format. What the values must mean is checked by the API's own schemas below.
// ---------------------------------------------------------------------------------------------------

/** A calendar date, YYYY-MM-DD, read as the export's query parameters read one. */
const isoDay = params.date();
const str = z.string({ error: 'must be text' });
const opt = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

const participantSchema = z.object({
  id: str,
  name: str,
  kind: z.enum(ParticipantKind),
  country: opt(str),
  role: z.enum(ParticipationRole),
});

/** One entry of value_bases: the basis of a value of the event, or of a participation (participant, role). */
const exportedBasisSchema = z.object({
  field: str,
  basis: z.enum(Basis),
  note: opt(str),
  reference: opt(str),
  participant: opt(str),
  role: opt(z.enum(ParticipationRole)),
});

const rowSchema = z.object({
  event_id: str,
  date: isoDay,
  date_precision: z.enum(DatePrecision),
  end_date: opt(isoDay),
  end_precision: opt(z.enum(DatePrecision)),
  kind: z.enum(EventKind),
  title: str,
  summary: str,
  event_code: opt(str),
  plover_category: opt(z.enum(PloverCategory)),
  plover_mode: opt(str),
  plover_contexts: z.array(str),
  location: opt(str),
  location_country: opt(str),
  participants: z.array(participantSchema, { error: 'must be a JSON array of participants' }),
  quote: str,
  claim_field: opt(str),
  claim_value: opt(str),
  value_bases: z
    .array(exportedBasisSchema, { error: 'must be a JSON array of bases' })
    .nullish()
    .transform((v) => v ?? []),
  source_id: str,
  source_kind: z.enum(SourceKind),
  source_title: str,
  source_url: opt(str),
  source_publisher: opt(str),
  source_published: opt(isoDay),
  source_published_precision: opt(z.enum(DatePrecision)),
});
type Row = z.output<typeof rowSchema> & { line: number };

/** Columns every row of one event repeats (compared as JSON). */
const EVENT_COLUMNS = [
  'date',
  'date_precision',
  'end_date',
  'end_precision',
  'kind',
  'title',
  'summary',
  'event_code',
  'plover_category',
  'plover_mode',
  'plover_contexts',
  'location',
  'location_country',
  'participants',
  'value_bases',
] as const satisfies readonly (keyof Row)[];
const SOURCE_COLUMNS = [
  'source_kind',
  'source_title',
  'source_url',
  'source_publisher',
  'source_published',
  'source_published_precision',
] as const satisfies readonly (keyof Row)[];

/** createEventSchema's input fields → the column that holds them. */
const EVENT_FIELD_COLUMN: Record<string, string> = {
  slug: 'event_id',
  kind: 'kind',
  title: 'title',
  summary: 'summary',
  start: 'date',
  end: 'end_date',
  placeName: 'location',
  placeCountryId: 'location_country',
  cameoCode: 'event_code',
  ploverCategory: 'plover_category',
  ploverMode: 'plover_mode',
  ploverContexts: 'plover_contexts',
  basis: 'value_bases',
};
const CITATION_FIELD_COLUMN: Record<string, string> = {
  quote: 'quote',
  claimField: 'claim_field',
  claimValue: 'claim_value',
  sourceId: 'source_id',
};
const SOURCE_FIELD_COLUMN: Record<string, string> = {
  slug: 'source_id',
  kind: 'source_kind',
  title: 'source_title',
  url: 'source_url',
  publisher: 'source_publisher',
  published: 'source_published',
};

// ---------------------------------------------------------------------------------------------------
// The import
// ---------------------------------------------------------------------------------------------------

interface PlannedParticipant {
  slug: string;
  /** Set when the participant already exists. */
  existingId?: string;
  input?: Record<string, unknown>;
  countryIso: string | null;
  isCountry: boolean;
  line: number;
}

interface PlannedSource {
  slug: string;
  existingId?: string;
  input?: z.output<typeof newSourceSchema>;
  line: number;
}

export async function importEvents(
  prisma: PrismaClient,
  content: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const rejected: RejectedRow[] = [];
  const reject = (line: number, field: string, message: string) =>
    void rejected.push({ line, field, message });
  const raw = options.format === 'csv' ? readCsv(content, rejected) : readJsonl(content, rejected);

  // 1. Each row on its own: the file's format.
  const rows: Row[] = [];
  for (const r of raw) {
    const parsed = rowSchema.safeParse(r);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) reject(r.line, fieldPath(issue.path), issue.message);
      continue;
    }
    rows.push({ ...parsed.data, line: r.line });
  }

  // 2. Rows of one event (and of one source) must agree.
  const byEvent = new Map<string, Row[]>();
  for (const row of rows) byEvent.set(row.event_id, [...(byEvent.get(row.event_id) ?? []), row]);
  for (const group of byEvent.values()) {
    const first = group[0]!;
    for (const row of group.slice(1))
      for (const column of EVENT_COLUMNS)
        if (JSON.stringify(row[column]) !== JSON.stringify(first[column]))
          reject(
            row.line,
            column,
            `differs from line ${first.line}, the first row of event ${first.event_id}`,
          );
  }
  const bySource = new Map<string, Row>();
  for (const row of rows) {
    const first = bySource.get(row.source_id);
    if (!first) bySource.set(row.source_id, row);
    else
      for (const column of SOURCE_COLUMNS)
        if (JSON.stringify(row[column]) !== JSON.stringify(first[column]))
          reject(
            row.line,
            column,
            `differs from line ${first.line}, where source ${first.source_id} first appears`,
          );
  }

  // 3. Against the database (read only): existing events, participants, sources; reference data.
  const book = await loadCodebook(prisma);
  const eventSlugs = [...byEvent.keys()];
  const takenEvents = new Set(
    (await prisma.event.findMany({ where: { slug: { in: eventSlugs } }, select: { slug: true } })).map(
      (e) => e.slug,
    ),
  );
  const participantSlugs = [...new Set(rows.flatMap((r) => r.participants.map((p) => p.id)))];
  const isoCodes = [
    ...new Set(
      rows
        .flatMap((r) => [r.location_country, ...r.participants.map((p) => p.country)])
        .filter((c): c is string => !!c),
    ),
  ];
  const existingParticipants = await prisma.participant.findMany({
    where: { OR: [{ slug: { in: participantSlugs } }, { isoCode: { in: isoCodes } }] },
    select: { id: true, slug: true, isoCode: true, deletedAt: true },
  });
  const participantBySlug = new Map(existingParticipants.map((p) => [p.slug, p]));
  const countryByIso = new Map(existingParticipants.filter((p) => p.isoCode).map((p) => [p.isoCode!, p]));
  const sourceRows = [...bySource.values()];
  const existingSources = await prisma.source.findMany({
    where: {
      OR: [
        { slug: { in: sourceRows.map((r) => r.source_id) } },
        { url: { in: sourceRows.flatMap((r) => (r.source_url ? [r.source_url] : [])) } },
      ],
    },
    select: { id: true, slug: true, url: true, deletedAt: true },
  });

  // Participants: existing by slug, else to be created (countries first, so members can point to them).
  const participants = new Map<string, PlannedParticipant>();
  for (const row of rows) {
    row.participants.forEach((p, i) => {
      const field = `participants.${i}`;
      if (participants.has(p.id)) return;
      const existing = participantBySlug.get(p.id);
      if (existing) {
        if (existing.deletedAt) reject(row.line, `${field}.id`, `participant ${p.id} is deleted`);
        participants.set(p.id, {
          slug: p.id,
          existingId: existing.id,
          countryIso: null,
          isCountry: false,
          line: row.line,
        });
        return;
      }
      const isCountry = p.kind === 'COUNTRY';
      if (isCountry && p.country && countryByIso.has(p.country)) {
        reject(
          row.line,
          `${field}.country`,
          `country ${p.country} exists already, as ${countryByIso.get(p.country)!.slug}`,
        );
        return;
      }
      const input = { slug: p.id, kind: p.kind, name: p.name, ...(isCountry ? { isoCode: p.country } : {}) };
      const checked = newParticipantSchema.safeParse(input);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          const at = String(issue.path[0] ?? '');
          reject(
            row.line,
            `${field}.${at === 'slug' ? 'id' : at === 'isoCode' ? 'country' : at}`,
            issue.message,
          );
        }
        return;
      }
      participants.set(p.id, {
        slug: p.id,
        input,
        countryIso: isCountry ? null : p.country,
        isCountry,
        line: row.line,
      });
    });
  }
  const newCountries = new Map(
    [...participants.values()]
      .filter((p) => p.isCountry && p.input)
      .map((p) => [p.input!.isoCode as string, p]),
  );
  const countryKnown = (iso: string) => countryByIso.has(iso) || newCountries.has(iso);
  const countrySlug = (iso: string) => countryByIso.get(iso)?.slug ?? newCountries.get(iso)?.slug ?? null;
  for (const p of participants.values()) {
    if (p.input && p.countryIso && !countryKnown(p.countryIso))
      reject(
        p.line,
        'participants',
        `participant ${p.slug} belongs to country ${p.countryIso}, which is neither in the database nor in the file`,
      );
  }

  // Sources: existing by slug or URL, else to be created.
  const sources = new Map<string, PlannedSource>();
  for (const row of sourceRows) {
    const existing = existingSources.find(
      (s) => s.slug === row.source_id || (row.source_url && s.url === row.source_url),
    );
    if (existing) {
      if (existing.deletedAt) reject(row.line, 'source_id', `source ${existing.slug} is deleted`);
      sources.set(row.source_id, { slug: row.source_id, existingId: existing.id, line: row.line });
      continue;
    }
    let url: URL | null = null;
    if (row.source_url) {
      try {
        url = new URL(row.source_url);
      } catch {
        reject(row.line, 'source_url', 'is not a URL');
        continue;
      }
    }
    const checked = newSourceSchema.safeParse({
      slug: row.source_id,
      kind: row.source_kind,
      title: row.source_title,
      url,
      publisher: row.source_publisher,
      published: row.source_published
        ? { date: row.source_published, precision: row.source_published_precision ?? 'DAY' }
        : null,
    });
    if (!checked.success) {
      for (const issue of checked.error.issues)
        reject(row.line, SOURCE_FIELD_COLUMN[String(issue.path[0])] ?? 'source_id', issue.message);
      continue;
    }
    sources.set(row.source_id, { slug: row.source_id, input: checked.data, line: row.line });
  }

  // Events: the API's createEvent input, checked by its own schema and against the reference data.
  // Ids of things the import creates are placeholders until the write (checked as well-formed ids here).
  const placeholder = (key: string) => `00000000-0000-4000-8000-${createHashHex(key)}`;
  const participantId = (slug: string) => participants.get(slug)?.existingId ?? placeholder(`p:${slug}`);
  const sourceId = (slug: string) => sources.get(slug)?.existingId ?? placeholder(`s:${slug}`);
  const countryId = (iso: string) =>
    countryByIso.get(iso)?.id ??
    (newCountries.has(iso) ? placeholder(`p:${newCountries.get(iso)!.slug}`) : undefined);
  const eventInputs: { rows: Row[]; input: Record<string, unknown> }[] = [];
  for (const [slug, group] of byEvent) {
    const first = group[0]!;
    if (takenEvents.has(slug)) {
      reject(first.line, 'event_id', `an event with this slug exists already (${slug})`);
      continue;
    }
    if (first.location_country && !countryKnown(first.location_country)) {
      reject(
        first.line,
        'location_country',
        `country ${first.location_country} is neither in the database nor in the file`,
      );
      continue;
    }
    for (const problem of codingProblems(book, {
      cameoCode: first.event_code,
      ploverCategory: first.plover_category,
      ploverMode: first.plover_mode,
      ploverContexts: first.plover_contexts,
    }))
      reject(first.line, EVENT_FIELD_COLUMN[problem.field]!, problem.message);
    const input = {
      slug,
      kind: first.kind,
      title: first.title,
      summary: first.summary,
      start: { date: first.date, precision: first.date_precision },
      end: first.end_date ? { date: first.end_date, precision: first.end_precision ?? 'DAY' } : null,
      placeName: first.location,
      placeCountryId: first.location_country ? gid(countryId(first.location_country)!) : null,
      cameoCode: first.event_code,
      ploverCategory: first.plover_category,
      ploverMode: first.plover_mode,
      ploverContexts: first.plover_contexts,
      participants: first.participants.map((p) => ({
        participantId: gid(participantId(p.id)),
        role: p.role,
        basis: basesOf(
          first.value_bases.filter((b) => b.participant === p.id && (b.role ?? p.role) === p.role),
        ),
      })),
      basis: basesOf(first.value_bases.filter((b) => b.participant === null)),
      citations: group.map((row) => ({
        sourceId: gid(sourceId(row.source_id), 'Source'),
        quote: row.quote,
        claimField: row.claim_field,
        claimValue: row.claim_value,
      })),
    };
    const checked = createEventSchema.safeParse(input);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const [head, index, sub] = issue.path;
        if (head === 'citations' && typeof index === 'number') {
          reject(
            group[index]?.line ?? first.line,
            CITATION_FIELD_COLUMN[String(sub)] ?? 'quote',
            issue.message,
          );
        } else if (head === 'participants') {
          reject(first.line, fieldPath(issue.path), issue.message);
        } else if (head === 'start') {
          reject(first.line, issue.path[1] === 'precision' ? 'date_precision' : 'date', issue.message);
        } else if (head === 'end') {
          reject(first.line, issue.path[1] === 'precision' ? 'end_precision' : 'end_date', issue.message);
        } else reject(first.line, EVENT_FIELD_COLUMN[String(head)] ?? String(head), issue.message);
      }
      continue;
    }
    // The write path's basis rule, checked here too so that every row at fault is reported.
    const problem = basisProblem(
      checked.data,
      first.location_country ? countrySlug(first.location_country) : null,
    );
    if (problem) {
      reject(first.line, problem.column, problem.message);
      continue;
    }
    eventInputs.push({ rows: group, input });
  }

  const report: ImportReport = {
    rows: raw.length,
    events: byEvent.size,
    rejected: rejected.sort((a, b) => a.line - b.line || a.field.localeCompare(b.field)),
    created: { events: 0, participants: 0, sources: 0 },
    keyName: null,
  };
  if (rejected.length || options.dryRun || raw.length === 0) return report;

  // 4. The write: one transaction, audited under the import's key; any refusal undoes all of it.
  const viewer = await importViewer(prisma, options.keyName);
  report.keyName = viewer.name;
  let current: { line: number } = { line: 1 };
  try {
    await runWrite(
      { prisma, viewer, requestId: options.label ?? 'import' },
      {
        operation: 'importEvents',
        args: { label: options.label ?? null, rows: raw.length },
        timeoutMs: options.transactionTimeoutMs ?? 600_000,
      },
      async (scope) => {
        const realId = new Map<string, string>();
        const resolve = (id: string) => realId.get(id) ?? id;
        const planned = [...participants.values()].filter((p) => p.input);
        for (const p of [...planned.filter((p) => p.isCountry), ...planned.filter((p) => !p.isCountry)]) {
          current = p;
          const countryGid = p.countryIso ? gid(resolve(countryId(p.countryIso)!)) : null;
          const input = newParticipantSchema.parse({
            ...p.input,
            ...(countryGid ? { countryId: countryGid } : {}),
          });
          realId.set(placeholder(`p:${p.slug}`), await createParticipant(scope, input, 'participant'));
          report.created.participants++;
        }
        for (const s of sources.values()) {
          if (!s.input) continue;
          current = s;
          realId.set(placeholder(`s:${s.slug}`), await createSource(scope, s.input, 'source'));
          report.created.sources++;
        }
        for (const { rows: group, input } of eventInputs) {
          current = group[0]!;
          await createEvent(scope, createEventSchema.parse(withRealIds(input, resolve)));
          report.created.events++;
        }
        return { events: report.created.events };
      },
    );
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    report.created = { events: 0, participants: 0, sources: 0 };
    const field = String(error.extensions.field ?? 'event_id').replace(/^input\./, '');
    report.rejected.push({
      line: current.line,
      field: EVENT_FIELD_COLUMN[field.split(/[.[]/)[0]!] ?? field,
      message: `${error.message} (nothing was imported)`,
    });
  }
  return report;
}

/** value_bases entries as the API's basis input (without the participation they belong to). */
function basesOf(entries: readonly z.output<typeof exportedBasisSchema>[]) {
  return entries.map((b) => ({ field: b.field, basis: b.basis, note: b.note, reference: b.reference }));
}

/**
 * The basis rule of the write path (checkBases, unbasedValue) for an event read from the file, in the
 * file's words: the column at fault and a message that names the columns that give a basis.
 */
function basisProblem(
  input: CreateEventIn,
  placeCountrySlug: string | null,
): { column: string; message: string } | null {
  try {
    checkBases(
      'Event',
      input.basis ?? [],
      {
        kind: input.kind,
        startDate: dayValue(input.start.date),
        endDate: dayValue(input.end?.date),
        placeName: input.placeName ?? null,
        placeCountry: input.placeCountryId ? 'set' : null,
      },
      input.citations,
      'value_bases',
    );
    (input.participants ?? []).forEach((p, i) =>
      checkBases(
        'Participation',
        p.basis ?? [],
        { role: p.role },
        input.citations,
        `participants.${i}.basis`,
      ),
    );
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { column: 'value_bases', message: error.message.replace(/^[^:]*: /, '') };
  }
  const values = {
    startDate: dayValue(input.start.date),
    endDate: dayValue(input.end?.date),
    placeName: input.placeName ?? null,
    placeCountry: placeCountrySlug,
  };
  // A country is written even when its slug is not known (then no pin can match it).
  const unbased = unbasedValue('Event', values, input.basis ?? [], input.citations, (field) =>
    field === 'placeCountry' ? !!input.placeCountryId : values[field as keyof typeof values] !== null,
  );
  if (!unbased) return null;
  return {
    column: EVENT_FIELD_COLUMN[unbased.inputField] ?? unbased.inputField,
    message:
      `this ${unbased.field} has no basis: a row of the event whose claim_field is "${unbased.field}" and ` +
      `claim_value "${unbased.value ?? '<its slug>'}" (the quote states it), or an entry of value_bases ` +
      `{ "field": "${unbased.field}", "basis": "INFERRED" or "OUTSIDE_KNOWLEDGE", "note": … }`,
  };
}

/** A participant's or source's global id, as the API's input schemas take them. */
function gid(id: string, typename = 'Participant'): string {
  return encodeGlobalID(typename, id);
}

/** The event input with the placeholders of records created by this import replaced by their ids. */
function withRealIds(
  input: Record<string, unknown>,
  resolve: (id: string) => string,
): Record<string, unknown> {
  const swap = (globalId: string, typename: string) =>
    encodeGlobalID(typename, resolve(decodeGlobalID(globalId).id));
  return {
    ...input,
    placeCountryId: input.placeCountryId ? swap(input.placeCountryId as string, 'Participant') : null,
    participants: (input.participants as { participantId: string; role: string }[]).map((p) => ({
      ...p,
      participantId: swap(p.participantId, 'Participant'),
    })),
    citations: (input.citations as { sourceId: string }[]).map((c) => ({
      ...c,
      sourceId: swap(c.sourceId, 'Source'),
    })),
  };
}

function createHashHex(key: string): string {
  let h = 0xcbf29ce484222325n;
  for (const ch of key) h = ((h ^ BigInt(ch.codePointAt(0)!)) * 0x100000001b3n) & 0xffffffffffffn;
  return h.toString(16).padStart(12, '0');
}

/** The viewer the audit log records: the named key (EDITOR or ADMIN, live), or the "import" key. */
async function importViewer(
  prisma: PrismaClient,
  keyName?: string,
): Promise<Extract<Viewer, { kind: 'apiKey' }>> {
  const name = keyName ?? DEFAULT_IMPORT_KEY;
  let key = await prisma.apiKey.findUnique({ where: { name } });
  if (!key && name === DEFAULT_IMPORT_KEY) {
    // A key that exists only to sign the audit log: its secret is never shown, so it cannot call the API.
    await createApiKey(prisma, { name, role: 'EDITOR' });
    key = await prisma.apiKey.findUniqueOrThrow({ where: { name } });
  }
  if (!key)
    throw new ImportSetupError(`there is no API key named "${name}" (see npm run admin -- list-keys)`);
  if (key.revokedAt) throw new ImportSetupError(`the API key "${name}" is revoked`);
  if (key.expiresAt && key.expiresAt <= new Date())
    throw new ImportSetupError(`the API key "${name}" has expired`);
  if (key.role === 'READER')
    throw new ImportSetupError(`the API key "${name}" is a READER key; an import needs EDITOR or ADMIN`);
  return { kind: 'apiKey', keyId: key.id, name: key.name, role: key.role };
}
