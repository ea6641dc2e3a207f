// Slugs for records created without one: readable, from the title, made unique with a numeric suffix.
import type { Tx } from './write-transaction.js';

type SlugTable = 'event' | 'participant' | 'source' | 'agreement' | 'remark';

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

/** `base`, or `base-2`, `base-3`… whichever is free in `table` (including soft-deleted rows). */
export async function freeSlug(tx: Tx, table: SlugTable, base: string): Promise<string> {
  const taken = await tx.$queryRawUnsafe<{ slug: string }[]>(
    `SELECT slug FROM "${table}" WHERE slug = $1 OR slug LIKE $2`,
    base,
    `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`,
  );
  const used = new Set(taken.map((r) => r.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}
