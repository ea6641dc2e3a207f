// The values each kind of claim holds that can have a basis, and how each is spelled (as citations'
// claimValue spells it: dates YYYY-MM-DD, records by slug). Declared once here; the Prisma selection that
// reads them, every claim's `basis` field, the held values a basis is checked against and the conflict
// view's held side all derive from this table.
import { CLAIM_MODELS, liveWhere, type ClaimModel } from '../../core/db/models.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { Tx } from '../../core/write/write-transaction.js';

/** How a value is read from its column: as it is, as a day, or as the slug of the record it points at. */
interface ValueSpelling {
  spelling: 'text' | 'day' | 'slug';
  /** The Prisma field or relation it is read from, when it is not named like the value. */
  from?: string;
}
const text = (): ValueSpelling => ({ spelling: 'text' });
const day = (): ValueSpelling => ({ spelling: 'day' });
const slug = (from?: string): ValueSpelling => ({ spelling: 'slug', from });

/** Each claim kind's values, in the order the API lists them. */
export const CLAIM_VALUES = {
  Event: { kind: text(), startDate: day(), endDate: day(), placeName: text(), placeCountry: slug() },
  Participation: { role: text() },
  Agreement: { status: text(), signedDate: day(), signingEvent: slug() },
  AgreementParty: { party: slug('participant') },
  Remark: { speaker: slug(), content: text(), saidDate: day() },
  Position: { title: text(), startDate: day(), endDate: day() },
} satisfies Record<ClaimModel, Record<string, ValueSpelling>>;

export type BasisClaimType = ClaimModel;
/** The values of one kind of claim that can have a basis. */
export type ValueField<T extends BasisClaimType> = keyof (typeof CLAIM_VALUES)[T] & string;

/** Each claim kind's fields with a basis, in order. */
export const BASIS_FIELDS = Object.fromEntries(
  CLAIM_MODELS.map((type) => [type, Object.keys(CLAIM_VALUES[type])]),
) as unknown as { readonly [T in BasisClaimType]: readonly ValueField<T>[] };

const spellings = (type: BasisClaimType): [string, ValueSpelling][] => Object.entries(CLAIM_VALUES[type]);

/** A date as citations' claimValue spells it. */
export const dayValue = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

/** The Prisma `select` that reads a claim's values (spread into a read of the claim). */
export const valuesSelect = (type: BasisClaimType): Record<string, true | { select: { slug: true } }> =>
  Object.fromEntries(
    spellings(type).map(([field, s]) => [
      s.from ?? field,
      s.spelling === 'slug' ? { select: { slug: true } } : true,
    ]),
  );

/** A claim's values, spelled as claimValue spells them, from a row read with `valuesSelect`. */
export function valuesOf(type: BasisClaimType, row: object): Record<string, string | null> {
  const columns = row as Record<string, unknown>;
  return Object.fromEntries(
    spellings(type).map(([field, s]) => {
      const column = columns[s.from ?? field];
      const value =
        s.spelling === 'day'
          ? dayValue(column as Date | null)
          : s.spelling === 'slug'
            ? ((column as { slug: string } | null)?.slug ?? null)
            : ((column as string | null) ?? null);
      return [field, value];
    }),
  );
}

/** A position's values with a basis: its title, and the dates it was held from and to. */
export const positionValues = (p: { title: string; startDate: Date | null; endDate: Date | null }) =>
  valuesOf('Position', p);

/** The part of a Prisma client that reads claims of any kind (each model's delegate is its lowerCamel name). */
type ClaimReader = Record<string, { findMany(args: object): Promise<({ id: string } & object)[]> }>;

/** The values live claims of one kind hold, by id (a claim that is not live is left out): one statement. */
export async function heldValuesById(
  prisma: Tx | PrismaClient,
  type: BasisClaimType,
  ids: readonly string[],
): Promise<Map<string, Record<string, string | null>>> {
  const delegate = (prisma as unknown as ClaimReader)[type[0]!.toLowerCase() + type.slice(1)]!;
  const rows = await delegate.findMany({
    where: { id: { in: [...ids] }, ...liveWhere[type] },
    select: { id: true, ...valuesSelect(type) },
  });
  return new Map(rows.map((row) => [row.id, valuesOf(type, row)]));
}

/** The values a live claim holds (for checking a basis against them), or null when there is no such claim. */
export async function heldValues(
  prisma: Tx | PrismaClient,
  type: BasisClaimType,
  id: string,
): Promise<Record<string, string | null> | null> {
  return (await heldValuesById(prisma, type, [id])).get(id) ?? null;
}
