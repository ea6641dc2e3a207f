// The basis of every value a claim holds: how the log knows it. Declared once here (the values
// themselves, and how each is spelled, are claim-values.ts'), and used by the reads (every claim's `basis`
// field, the conflict view, the export), the writes (basis inputs) and the seed.
//
// A value is STATED unless a value_basis row says otherwise: by the claim's citations that pin its
// field with this value (claimField/claimValue), else by the claim's citations as a whole. A row makes
// it INFERRED (the note gives the reasoning; the citations it is inferred from are those pinning the
// field) or OUTSIDE_KNOWLEDGE (a note and, where one exists, a reference).
import { z } from 'zod';
import type { Basis } from '../../generated/prisma/enums.js';
import { Basis as BasisValues } from '../../generated/prisma/enums.js';
import { CLAIM_MODELS, MODELS, type ClaimModel, type ClaimOf } from '../../core/db/models.js';
import { apiError, ErrorCode } from '../../core/errors.js';
import { optionalText } from '../../core/write/validation.js';
import type { Tx } from '../../core/write/write-transaction.js';
import { BASIS_FIELDS, type BasisClaimType } from './claim-values.js';

export { BASIS_FIELDS, dayValue, heldValues, positionValues, type BasisClaimType } from './claim-values.js';

/** The value_basis (and citation) column that points at each kind of claim. */
export const BASIS_TARGET = Object.fromEntries(CLAIM_MODELS.map((m) => [m, MODELS[m].claim.field])) as {
  readonly [M in ClaimModel]: ClaimOf<M>['field'];
};
export type BasisTarget = Partial<Record<(typeof BASIS_TARGET)[BasisClaimType], string>>;

/** The rows a claim's basis is computed from. */
export interface BasisRow {
  field: string;
  value: string | null;
  basis: Basis;
  note: string | null;
  reference: string | null;
}
export interface PinnedCitation {
  id: string;
  claimField: string | null;
  claimValue: string | null;
}

/** The basis of one value, as the API serves it. */
export interface ValueBasisView {
  field: string;
  /** The value, spelled as claimValue spells it (dates YYYY-MM-DD, records by slug). */
  value: string;
  basis: Basis;
  note: string | null;
  reference: string | null;
  /** The citations that state it, or that it is inferred from; none for outside knowledge alone. */
  citationIds: string[];
}

/** The basis of each value `values` holds (fields with no value are left out). */
export function basesOf(
  values: Record<string, string | null>,
  rows: readonly BasisRow[],
  citations: readonly PinnedCitation[],
): ValueBasisView[] {
  const out: ValueBasisView[] = [];
  for (const [field, value] of Object.entries(values)) {
    if (value === null) continue;
    const row = rows.find((r) => r.field === field && (r.value === null || r.value === value));
    out.push(basisOfValue(field, value, row, citations));
  }
  return out;
}

function basisOfValue(
  field: string,
  value: string,
  row: BasisRow | undefined,
  citations: readonly PinnedCitation[],
): ValueBasisView {
  const pinned = citations.filter((c) => c.claimField === field && c.claimValue === value);
  const pinnedField = citations.filter((c) => c.claimField === field);
  // The claim's citations as a whole: those that pin no field, else (every citation pins one) all of them.
  const unpinned = citations.filter((c) => c.claimField === null);
  const whole = unpinned.length > 0 ? unpinned : [...citations];
  const basis = row?.basis ?? 'STATED';
  const cited =
    pinned.length > 0
      ? pinned
      : basis === 'STATED'
        ? whole
        : basis === 'INFERRED'
          ? pinnedField.length > 0
            ? pinnedField
            : whole
          : pinnedField;
  return {
    field,
    value,
    basis,
    note: row?.note ?? null,
    reference: row?.reference ?? null,
    citationIds: cited.map((c) => c.id),
  };
}

/** The basis of a conflict side: the row for that value, else the claim's row when it is the held value. */
export function basisOfSide(
  field: string,
  value: string,
  heldValue: string | null,
  rows: readonly BasisRow[],
  citations: readonly PinnedCitation[],
): ValueBasisView {
  const row =
    rows.find((r) => r.field === field && r.value === value) ??
    (value === heldValue ? rows.find((r) => r.field === field && r.value === null) : undefined);
  return basisOfValue(field, value, row, citations);
}

// ---------------------------------------------------------------------------------------------------
// Writes
// ---------------------------------------------------------------------------------------------------

export const basisInputSchema = z
  .object({
    field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,62}$/, 'must be a field name such as startDate'),
    basis: z.enum(BasisValues),
    note: optionalText(2000),
    reference: optionalText(1000),
    value: optionalText(1000),
  })
  .superRefine((b, ctx) => {
    if (b.basis !== 'STATED' && !b.note)
      ctx.addIssue({
        code: 'custom',
        message:
          b.basis === 'INFERRED'
            ? 'an inferred value needs a note that says how it was inferred'
            : 'a value from outside knowledge needs a note that says what is known',
        path: ['note'],
      });
  });
export type BasisIn = z.output<typeof basisInputSchema>;

export const basesInputSchema = z
  .array(basisInputSchema)
  .max(20)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((b, i) => {
      const key = `${b.field}\u0000${b.value ?? ''}`;
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', message: 'gives this value’s basis twice', path: [i, 'field'] });
      seen.add(key);
    });
  });

/**
 * Checks a claim's basis inputs against the claim: the field must be one of its kind's, must hold a value
 * (unless the basis is for another value a source gives, `value`), and a stated or inferred value needs
 * a citation of the claim that pins the field. BAD_USER_INPUT naming the entry at fault.
 */
export function checkBases(
  type: BasisClaimType,
  bases: readonly BasisIn[],
  values: Record<string, string | null>,
  citations: readonly { claimField?: string | null }[],
  field: string,
): void {
  const fields: readonly string[] = BASIS_FIELDS[type];
  bases.forEach((b, i) => {
    const at = `${field}.${i}`;
    if (!fields.includes(b.field))
      throw apiError(
        ErrorCode.BAD_USER_INPUT,
        `${at}.field: ${type} values with a basis are ${fields.join(', ')}`,
        { field: `${at}.field` },
      );
    if (!b.value && (values[b.field] ?? null) === null)
      throw apiError(ErrorCode.BAD_USER_INPUT, `${at}.field: this ${type.toLowerCase()} has no ${b.field}`, {
        field: `${at}.field`,
      });
    if (b.basis !== 'OUTSIDE_KNOWLEDGE' && !citations.some((c) => c.claimField === b.field))
      throw apiError(
        ErrorCode.BAD_USER_INPUT,
        `${at}.basis: a ${b.basis.toLowerCase()} ${b.field} needs a citation that pins it ` +
          `(claimField: "${b.field}"): the quote it is ${b.basis === 'STATED' ? 'stated' : 'inferred'} from`,
        { field: `${at}.basis` },
      );
  });
}

/**
 * The values that need a basis of their own: when and where, and which event an agreement was signed at.
 * A quote about a claim does not by itself state these (the text that reports a meeting may not say the
 * day), and they are where inference creeps in, so the write path refuses one that is neither pinned by
 * a citation (claimField = the field, claimValue = this value: the quote states it) nor given an INFERRED
 * or OUTSIDE_KNOWLEDGE basis with its note. The other values (kind, role, party, status, speaker, content,
 * title) are what the claim is, and are stated by the claim's citations, without which no claim is
 * written. Each maps to the input field that holds it (named by the error).
 */
export const PINNED_FIELDS: {
  [T in BasisClaimType]: Partial<Record<(typeof BASIS_FIELDS)[T][number], string>>;
} = {
  Event: { startDate: 'start', endDate: 'end', placeName: 'placeName', placeCountry: 'placeCountryId' },
  Participation: {},
  Agreement: { signedDate: 'signed', signingEvent: 'signingEventId' },
  AgreementParty: {},
  Remark: { saidDate: 'said' },
  Position: { startDate: 'start', endDate: 'end' },
};

/** A value a write gives: spelled as claimValue spells it, or a record, whose slug a pin names. */
export type WrittenValue = string | null | { table: 'participant' | 'event'; id: string };

/** A value that needs a basis and has none: its field, the input field that holds it, its spelling. */
export interface UnbasedValue {
  field: string;
  inputField: string;
  /** As claimValue spells it; null for a record whose slug is not known. */
  value: string | null;
}

/**
 * The rule itself (see PINNED_FIELDS), on values spelled as claimValue spells them: the first value that
 * needs a basis and is neither pinned by one of `citations` with this value nor given an INFERRED or
 * OUTSIDE_KNOWLEDGE entry in `bases`; null when every value has one.
 */
export function unbasedValue(
  type: BasisClaimType,
  values: Record<string, string | null | undefined>,
  bases: readonly Pick<BasisIn, 'field' | 'basis' | 'value'>[],
  citations: readonly Pin[],
  written: (field: string) => boolean = (field) => values[field] != null,
): UnbasedValue | null {
  for (const [field, inputField] of Object.entries(PINNED_FIELDS[type] as Record<string, string>)) {
    if (!written(field)) continue;
    if (bases.some((b) => b.field === field && !b.value && b.basis !== 'STATED')) continue;
    const value = values[field] ?? null;
    if (value !== null && citations.some((c) => c.claimField === field && c.claimValue === value)) continue;
    return { field, inputField, value };
  }
  return null;
}

/** The refusal of an unbased value, in the words of the API (`at` is the input object's path). */
export function unbasedValueError(at: string, u: UnbasedValue) {
  return apiError(
    ErrorCode.BAD_USER_INPUT,
    `${at}.${u.inputField}: this ${u.field} has no basis: cite the quote that states it (claimField: ` +
      `"${u.field}", claimValue: "${u.value ?? '<its slug>'}"), or give basis { field: "${u.field}", ` +
      'basis: INFERRED or OUTSIDE_KNOWLEDGE, note }',
    { field: `${at}.${u.inputField}` },
  );
}

/**
 * The write path's rule for one claim: unbasedValue on the values the write gives (for an update, only
 * those it changes), records spelled by their slugs (read only when a citation pins the field). `at` is
 * the input object's path (`input`, `input.participants.0`). BAD_USER_INPUT naming the value's field.
 */
export async function requireBases(
  tx: Tx,
  type: BasisClaimType,
  values: Record<string, WrittenValue>,
  bases: readonly BasisIn[],
  citations: readonly Pin[],
  at: string,
): Promise<void> {
  const spelled: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(values))
    spelled[field] =
      value === null || typeof value === 'string'
        ? value
        : citations.some((c) => c.claimField === field)
          ? await slugOf(tx, value.table, value.id)
          : null;
  const unbased = unbasedValue(type, spelled, bases, citations, (field) => values[field] != null);
  if (unbased) throw unbasedValueError(at, unbased);
}

async function slugOf(tx: Tx, table: 'participant' | 'event', id: string): Promise<string | null> {
  const row =
    table === 'participant'
      ? await tx.participant.findUnique({ where: { id }, select: { slug: true } })
      : await tx.event.findUnique({ where: { id }, select: { slug: true } });
  return row?.slug ?? null;
}

type Pin = { claimField?: string | null; claimValue?: string | null };

/**
 * Checks a claim's basis inputs (checkBases) and requires a basis for each value that needs one
 * (requireBases): the one rule every write of a claim runs. `citations` may be a function that reads
 * them (an update's: the claim's as they are), called only when the rule needs them.
 */
export async function checkClaimBases(
  tx: Tx,
  type: BasisClaimType,
  claim: {
    /** The values the claim holds after the write (what basis entries may refer to). */
    held: Record<string, WrittenValue>;
    /** The values the write sets (all of them on create; those it changes on update). */
    written: Record<string, WrittenValue>;
    bases: readonly BasisIn[] | null | undefined;
    citations: readonly Pin[] | (() => Promise<readonly Pin[]>);
  },
  at: string,
): Promise<void> {
  const bases = claim.bases ?? [];
  const pinned = PINNED_FIELDS[type] as Record<string, string>;
  const needed =
    bases.some((b) => b.basis !== 'OUTSIDE_KNOWLEDGE') ||
    Object.entries(claim.written).some(
      ([field, v]) =>
        v !== null &&
        field in pinned &&
        !bases.some((b) => b.field === field && !b.value && b.basis !== 'STATED'),
    );
  if (!needed) return checkBases(type, bases, heldSpelling(claim.held), [], `${at}.basis`);
  const citations = typeof claim.citations === 'function' ? await claim.citations() : claim.citations;
  checkBases(type, bases, heldSpelling(claim.held), citations, `${at}.basis`);
  await requireBases(tx, type, claim.written, bases, citations, at);
}

/** The values of `after` that differ from `before` (an update's written values). */
export function changedValues(
  after: Record<string, WrittenValue>,
  before: Record<string, WrittenValue>,
): Record<string, WrittenValue> {
  const key = (v: WrittenValue | undefined) =>
    v === null || v === undefined || typeof v === 'string' ? v : v.id;
  return Object.fromEntries(Object.entries(after).filter(([field, v]) => key(v) !== key(before[field])));
}

const heldSpelling = (held: Record<string, WrittenValue>) =>
  Object.fromEntries(
    Object.entries(held).map(([k, v]) => [k, v === null || typeof v === 'string' ? v : 'set']),
  );

/**
 * The entries a write records: a STATED value has no row (it is the default: stated by the claim's
 * citations), so a STATED entry only clears what was recorded — on create and on update alike.
 */
export const recordedBases = <B extends Pick<BasisIn, 'basis'>>(bases: readonly B[] | null | undefined) =>
  (bases ?? []).filter((b) => b.basis !== 'STATED');

/** value_basis rows for a claim (snake_case, for insertRows), or Prisma data (camelCase). */
export function basisRows(target: BasisTarget, bases: readonly BasisIn[]) {
  return recordedBases(bases).map((b) => ({
    ...target,
    field: b.field,
    value: b.value ?? null,
    basis: b.basis,
    note: b.note ?? null,
    reference: b.reference ?? null,
  }));
}

export async function writeBases(tx: Tx, target: BasisTarget, bases: readonly BasisIn[] | null | undefined) {
  const rows = basisRows(target, bases ?? []);
  if (rows.length) await tx.valueBasis.createMany({ data: rows });
}

/**
 * An update's bases: the basis recorded for a value it changed no longer applies (the new value has the
 * basis the update gives, checked by checkClaimBases), and an entry it gives replaces the one recorded
 * for the same field and value.
 */
export async function replaceBases(
  tx: Tx,
  target: BasisTarget,
  changed: readonly string[],
  bases: readonly BasisIn[] | null | undefined,
) {
  const given = bases ?? [];
  const held = [...new Set([...changed, ...given.filter((b) => !b.value).map((b) => b.field)])];
  const others = given.filter((b) => b.value);
  if (held.length > 0 || others.length > 0)
    await tx.valueBasis.deleteMany({
      where: {
        ...target,
        OR: [
          ...(held.length > 0 ? [{ value: null, field: { in: held } }] : []),
          ...others.map((b) => ({ field: b.field, value: b.value! })),
        ],
      },
    });
  await writeBases(tx, target, given);
}

/**
 * An update's basis rule, in one place: the values it changed (`after` against `before`) need a basis of
 * their own, pinned by the claim's citations as they are now or given in `bases`, and the basis recorded
 * for a replaced value does not carry over.
 */
export async function rebaseUpdatedValues(
  tx: Tx,
  type: BasisClaimType,
  target: BasisTarget,
  after: Record<string, WrittenValue>,
  before: Record<string, WrittenValue>,
  bases: readonly BasisIn[] | null | undefined,
): Promise<void> {
  const written = changedValues(after, before);
  await checkClaimBases(
    tx,
    type,
    { held: after, written, bases, citations: () => claimCitations(tx, target) },
    'input',
  );
  await replaceBases(tx, target, Object.keys(written), bases);
}

/** The citations a live claim has now (an update's values are pinned by these). */
export async function claimCitations(tx: Tx, target: BasisTarget) {
  return tx.citation.findMany({ where: target, select: { claimField: true, claimValue: true } });
}
