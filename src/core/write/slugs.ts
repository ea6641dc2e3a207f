// Slugs for records created without one: readable, from the title, made unique with a numeric suffix.
import { escapeLike } from '../db/like-pattern.js';
import type { SlugTable } from '../db/models.js';
import { Prisma } from '../../generated/prisma/client.js';
import { apiError, ErrorCode } from '../errors.js';
import type { Tx } from './write-transaction.js';

export type { SlugTable };

export function slugify(text: string, maxLength = 80): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
  return slug || 'untitled';
}

/**
 * A sub-select of the slugs (kind = 'slug') in `table` that `base` could clash with: `base` itself and,
 * unless `exact`, every `base-…` (including soft-deleted rows, which keep their slugs).
 */
export function takenSlugsQuery(table: SlugTable, base: string, exact = false): Prisma.Sql {
  const like = `${escapeLike(base)}-%`;
  return Prisma.sql`SELECT 'slug'::text AS kind, slug AS value FROM ${Prisma.raw(`"${table}"`)}
    WHERE slug = ${base}${exact ? Prisma.empty : Prisma.sql` OR slug LIKE ${like}`}`;
}

/** `base`, or `base-2`, `base-3`… whichever is not in `taken`. */
export function pickFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** `base`, or `base-2`, `base-3`… whichever is free in `table` (including soft-deleted rows). */
export async function freeSlug(tx: Tx, table: SlugTable, base: string): Promise<string> {
  const taken = await tx.$queryRaw<{ value: string }[]>(takenSlugsQuery(table, base));
  return pickFreeSlug(base, new Set(taken.map((r) => r.value)));
}

/**
 * The slug of a new record of `table`: the one `given` (refused with CONFLICT naming `field` when another
 * record has it), else the first free one made from `base`.
 */
export async function slugOfNew(
  tx: Tx,
  table: SlugTable,
  given: string | null | undefined,
  base: string,
  field = 'input.slug',
): Promise<string> {
  if (!given) return freeSlug(tx, table, base);
  await refuseTakenSlug(tx, table, given, undefined, field);
  return given;
}

/** Refuses `slug` with CONFLICT naming `field` when another record of `table` has it (deleted ones too). */
export async function refuseTakenSlug(
  tx: Tx,
  table: SlugTable,
  slug: string | null | undefined,
  current?: string,
  field = 'input.slug',
): Promise<void> {
  if (!slug || slug === current) return;
  const taken = await tx.$queryRaw<unknown[]>(takenSlugsQuery(table, slug, true));
  if (taken.length > 0)
    throw apiError(ErrorCode.CONFLICT, `${field}: another ${table} has this slug`, { field });
}
