// Turning export rows into CSV (RFC 4180, with a header) or JSON Lines (one object per line). Both carry
// the same columns; the import (src/import/) reads either back.
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

/** One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvHeader = (): string => `${COLUMN_NAMES.join(',')}\r\n`;

export function csvLine(record: ExportRecord): string {
  return (
    COLUMN_NAMES.map((name) => {
      const value = record[name];
      if (name === 'participants') return csvField(JSON.stringify(value));
      if (name === 'plover_contexts') return csvField((value as string[]).join(';'));
      return csvField(value);
    }).join(',') + '\r\n'
  );
}

export const jsonLine = (record: ExportRecord): string => `${JSON.stringify(record)}\n`;
