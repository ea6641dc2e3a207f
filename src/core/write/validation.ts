// Input validation for writes. GraphQL already checks types and enum values; zod checks what GraphQL
// cannot say (lengths, formats, date precision, cross-field rules, id types) and every failure names the
// input field at fault, as a path a client can map back to its form: `input.participants.1.role`.
import { z } from 'zod';
import { apiError, ErrorCode } from '../errors.js';
import { alignsWithPrecision, endsBeforeStart } from '../graphql/fuzzy-date.js';
import { decodeGlobalId, decodeGlobalIdOf } from '../graphql/global-id.js';
import { LIMITS } from '../graphql/input-limits.js';
import { DatePrecision } from '../../generated/prisma/enums.js';

/** `['input', 'participants', 1, 'role']` → `input.participants.1.role` (as the operation check names it). */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** Parses `value` (an argument named `argName`) or throws BAD_USER_INPUT naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, argName = 'input'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: fieldPath([argName, ...issue.path]),
    message: issue.message,
  }));
  const first = issues[0]!;
  throw apiError(ErrorCode.BAD_USER_INPUT, `${first.field}: ${first.message}`, {
    field: first.field,
    issues,
  });
}

/** A trimmed, non-blank string of at most `max` characters. */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');

export const optionalText = (max: number) => text(max).nullish();

export const slug = z
  .string()
  .max(LIMITS.slug.maxChars, `must be at most ${LIMITS.slug.maxChars} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. kishi-giang-2021');

/** A global id of one of `typenames`, decoded to the row's UUID (src/core/graphql/global-id.ts). */
export const globalId = (...typenames: string[]) =>
  z.string().transform((value, ctx) => {
    const id = decodeGlobalIdOf(value, typenames);
    if (id) return id;
    ctx.addIssue({ code: 'custom', message: `is not the id of a ${typenames.join(' or ')}` });
    return z.NEVER;
  });

/** A global id of any of `typenames`, decoded to `{ typename, id }`. */
export const anyGlobalId = (typenames: readonly string[]) =>
  z.string().transform((value, ctx) => {
    const decoded = decodeGlobalId(value);
    if (decoded && typenames.includes(decoded.typename)) return decoded;
    ctx.addIssue({ code: 'custom', message: `is not the id of a ${typenames.join(', ')}` });
    return z.NEVER;
  });

export const version = z.number().int().min(1, 'must be the version you read (1 or more)');

/** `{ id, version }` of a record of type `typename` (deletes and restores). */
export const recordVersion = (typename: string) => z.object({ id: globalId(typename), version });

const EARLIEST = new Date('1900-01-01T00:00:00Z');
const precisionEnum = z.enum(DatePrecision);

/** A date with its precision; MONTH/YEAR dates must be the first day of their period. */
export const fuzzyDate = z
  .object({
    date: z
      .date()
      .refine((d) => d >= EARLIEST && d.getUTCFullYear() <= 2999, 'must be between 1900 and 2999'),
    precision: precisionEnum.default('DAY'),
  })
  .refine((v) => alignsWithPrecision(v), {
    message: 'a MONTH date must be the 1st of the month, a YEAR date 1 January',
    path: ['date'],
  });
export type FuzzyDateIn = { date: Date; precision: DatePrecision };

/** A refinement for inputs with a `start` and an `end`: the end is not before the start (endsBeforeStart). */
export function endNotBeforeStart(
  v: { start?: FuzzyDateIn | null | undefined; end?: FuzzyDateIn | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.start && v.end && endsBeforeStart(v.start, v.end))
    ctx.addIssue({ code: 'custom', message: 'must not be before start', path: ['end', 'date'] });
}

export const httpUrl = z
  .instanceof(URL)
  .refine((u) => u.protocol === 'https:' || u.protocol === 'http:', 'must be an http(s) URL')
  .refine((u) => u.href.length <= 2048, 'must be at most 2048 characters')
  .transform((u) => u.href);

// Format only: the full CAMEO code list becomes reference data in the database with issue #7.
export const cameoCode = z.string().regex(/^\d{2,4}$/, 'must be a CAMEO code of 2 to 4 digits');

/** A list without duplicates by `key`; the issue points at the first repeat. */
export function noDuplicates<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
  ctx: z.RefinementCtx,
  what: string,
) {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const k = key(item);
    if (k === undefined) return;
    if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `repeats an earlier ${what}`, path: [index] });
    seen.add(k);
  });
}
