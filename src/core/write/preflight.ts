// What a write must know before it writes, asked in one statement: that every id its input names
// exists (and is not deleted), and which slugs are taken. One round trip instead of one per table.
import { Prisma } from '../../generated/prisma/client.js';
import { existingIdsQuery, refuseMissing, type ReferenceChecks } from './references.js';
import { takenSlugsQuery, type SlugTable } from './slugs.js';
import type { Tx } from './write-transaction.js';

export interface Preflight {
  /** Refused with BAD_USER_INPUT (naming the field) if any is missing. */
  references?: ReferenceChecks;
  /** Slugs to look up: `base` and `base-…`, or only `base` when `exact` (a slug the input gives). */
  slug?: { table: SlugTable; base: string; exact?: boolean };
  /** More lookups asked in the same statement (a module's, e.g. the cited sources' full texts). */
  also?: readonly (PreflightLookup | undefined)[];
}

/** A lookup that rides on the preflight's statement: rows of (kind, value), read back by `read`. */
export interface PreflightLookup {
  query: Prisma.Sql;
  read: (rows: readonly { kind: string; value: string }[]) => void;
}

/** Checks the references and returns the taken slugs. */
export async function preflight(tx: Tx, p: Preflight): Promise<Set<string>> {
  const references = Object.fromEntries(
    Object.entries(p.references ?? {}).filter(([, refs]) => refs && refs.length > 0),
  ) as ReferenceChecks;
  const parts = Object.entries(references).map(([table, refs]) =>
    existingIdsQuery(table as keyof ReferenceChecks, refs!),
  );
  const also = (p.also ?? []).filter((lookup): lookup is PreflightLookup => lookup !== undefined);
  for (const lookup of also) parts.push(lookup.query);
  if (p.slug) parts.push(takenSlugsQuery(p.slug.table, p.slug.base, p.slug.exact));
  if (parts.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ kind: string; value: string }[]>(
    Prisma.join(
      parts.map((part) => Prisma.sql`(${part})`),
      ' UNION ALL ',
      '',
      '',
    ),
  );
  refuseMissing(references, rows);
  for (const lookup of also) lookup.read(rows);
  return new Set(rows.filter((r) => r.kind === 'slug').map((r) => r.value));
}
