// Turning export rows into CSV (RFC 4180, with a header, written by csv-stringify) or JSON Lines (one
// object per line). Both carry the same columns; the import (src/features/import/) reads either back.
//
// CSV cells are made safe to open in a spreadsheet (OWASP "CSV injection"): a text cell that a
// spreadsheet would evaluate as a formula gets a leading apostrophe, which spreadsheets read as "this
// is text". JSON Lines carries every value as stored. See `neutraliseCell` for the exact rule and
// `restoreCell` for its inverse, which the import applies.
import { stringify, type Options as CsvOptions } from 'csv-stringify/sync';
import { COLUMN_NAMES, type ExportColumn, type ExportSqlRow } from './export-query.js';

export type ExportFormat = 'csv' | 'jsonl';

export type ExportRecord = Record<ExportColumn, unknown>;

const NUMERIC: ReadonlySet<ExportColumn> = new Set(['quad_class', 'goldstein', 'citation_index']);

/** The exported record of a row: numbers as numbers, participants and contexts as arrays. */
export function toRecord(row: ExportSqlRow, citationIndex: number): ExportRecord {
  const record = {} as ExportRecord;
  for (const name of COLUMN_NAMES) {
    if (name === 'citation_index') record[name] = citationIndex;
    else if (name === 'participants' || name === 'plover_contexts')
      record[name] = JSON.parse(String(row[name] ?? '[]')) as unknown;
    else if (NUMERIC.has(name)) record[name] = row[name] == null ? null : Number(row[name]);
    else record[name] = row[name] ?? null;
  }
  return record;
}

/**
 * What makes a spreadsheet evaluate a cell: `=`, `+`, `-`, `@`, tab, CR or LF first (OWASP's list plus
 * LF), and the full-width forms of the first four (U+FF1D, U+FF0B, U+FF0D, U+FF20), which some
 * spreadsheets (Apple Numbers, Excel with East Asian input) normalise to the ASCII ones.
 */
const TRIGGER = '[=+\\-@\\t\\r\\n\\uFF1D\\uFF0B\\uFF0D\\uFF20]';
/** A segment that must be prefixed: a trigger, possibly behind apostrophes (so that the rule inverts). */
const NEEDS_PREFIX = new RegExp(`^'*${TRIGGER}`);
/** A segment the exporter prefixed: one or more apostrophes, then a trigger. */
const PREFIXED = new RegExp(`^'+${TRIGGER}`);

/**
 * Neutralises one CSV text cell. The cell is cut at every `;` (spreadsheets in locales whose list
 * separator is `;` split a comma-separated line there, so each piece can become a cell of its own); each
 * piece that starts with a trigger, or with apostrophes followed by a trigger, gets one more apostrophe
 * in front. Numbers are never passed here: a negative Goldstein weight stays `-2`.
 *
 * Prefixing the apostrophe-led pieces too makes the rule exactly invertible (`restoreCell`): a stored
 * `'=x` is exported as `''=x` and imported back as `'=x`, never as `=x`.
 */
export function neutraliseCell(text: string): string {
  if (!text.includes(';')) return NEEDS_PREFIX.test(text) ? `'${text}` : text;
  return text
    .split(';')
    .map((piece) => (NEEDS_PREFIX.test(piece) ? `'${piece}` : piece))
    .join(';');
}

/** The inverse of `neutraliseCell`: the value as stored, from the cell as exported. */
export function restoreCell(text: string): string {
  if (!text.includes(';')) return PREFIXED.test(text) ? text.slice(1) : text;
  return text
    .split(';')
    .map((piece) => (PREFIXED.test(piece) ? piece.slice(1) : piece))
    .join(';');
}

/** csv-stringify quotes what needs quoting (comma, quote, CR, LF); every text cell is neutralised. */
const CSV_OPTIONS: CsvOptions = {
  record_delimiter: '\r\n',
  cast: { string: (value) => neutraliseCell(value) },
};

export const csvHeader = (): string =>
  stringify([COLUMN_NAMES as ExportColumn[]], { record_delimiter: '\r\n' });

/** The CSV lines of a batch of records (each ends with CRLF). */
export function csvLines(records: readonly ExportRecord[]): string {
  return stringify(
    records.map((record) =>
      COLUMN_NAMES.map((name) => {
        const value = record[name];
        if (name === 'participants') return JSON.stringify(value);
        if (name === 'plover_contexts') return (value as string[]).join(';');
        return value;
      }),
    ),
    CSV_OPTIONS,
  );
}

export const jsonLine = (record: ExportRecord): string => `${JSON.stringify(record)}\n`;
