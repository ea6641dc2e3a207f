// One declaration per filter field. A list's filter is declared once, field by field: its GraphQL type
// and description, what the type cannot say (`check`), its Prisma `where` and its SQL condition, and how
// a query-string parameter spells it (the export). From that come the GraphQL input type, the check,
// both translations (each starting from the model's live rule, src/db/models.ts) and the query-string
// schema, so a new filter is one entry. tests/event-codes.test.ts checks that the translations select the
// same rows for every declared field.
import type { InputFieldBuilder, InputFieldRef, InputTypeParam, SchemaTypes } from '@pothos/core';
import { z } from 'zod';
import { liveFragment, liveWhere, type ModelName } from '../db/models.js';
import { Prisma } from '../../generated/prisma/client.js';
import { builder } from './builder.js';
import { boundOf } from './input-limits.js';
import { namedEnum } from './enums.js';

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : SchemaTypes;
type WhereOf<M extends ModelName> = (typeof liveWhere)[M] extends infer W ? W | Prisma.JsonObject : never;

/** A query-string parameter's parser for one value (one item of a list), given the field's coordinate. */
export type ParamParser = (coordinate: string) => z.ZodType;

/**
 * One field of a filter. `V` is the value resolvers see (after GraphQL has parsed it); the other
 * fields of the filter are passed along for fields that read a companion (`countriesMatch`).
 */
export interface FilterField<V> {
  /** The GraphQL input type, or the field itself when it needs a builder method of its own. */
  type?: InputTypeParam<BuilderTypes>;
  input?: (
    t: InputFieldBuilder<BuilderTypes, 'InputObject'>,
    description: string,
  ) => InputFieldRef<BuilderTypes, unknown>;
  description: string;
  /** What the type cannot say; throws BAD_USER_INPUT (`badInput`) naming `field`. */
  check?: (value: V, field: string) => void;
  /** The Prisma condition, when the value is given (a non-empty list, a true flag, any other value). */
  where?: (value: V, filter: Record<string, unknown>) => object;
  /** The same condition in SQL on the filter's table alias. */
  sql?: (value: V, filter: Record<string, unknown>) => Prisma.Sql;
  /** How a query-string value parses (items of a list, given comma-separated or repeated). */
  param?: ParamParser;
  /** Whether the parameter is a list (default: when the GraphQL type is a list). */
  list?: boolean;
}

/** Declares one filter field, keeping its value's type for the filter's input type. */
export const filterField = <V>(declaration: FilterField<V>) =>
  declaration as FilterField<V> & { __value?: V };

// The declarations are held as functions of `never`, so that fields of every value type fit one record.
type AnyFilterField = Omit<FilterField<never>, 'where' | 'sql' | 'check'> & {
  check?: (value: never, field: string) => void;
  where?: (value: never, filter: Record<string, unknown>) => object;
  sql?: (value: never, filter: Record<string, unknown>) => Prisma.Sql;
  __value?: unknown;
};
type ValueOf<D> = D extends { __value?: infer V } ? V : never;
export type FilterInput<F extends Record<string, AnyFilterField>> = { [K in keyof F]?: ValueOf<F[K]> | null };

export type MatchMode = 'ANY' | 'ALL';
export const MatchModeEnum = namedEnum<MatchMode>('MatchMode', 'How a list filter combines its values.', {
  ANY: 'At least one of them.',
  ALL: 'All of them.',
});

/** Whether a filter value asks for anything: null, an empty list and `false` do not. */
const given = (value: unknown) =>
  value !== undefined && value !== null && value !== false && !(Array.isArray(value) && value.length === 0);

const any = (parts: Prisma.Sql[]) => Prisma.sql`(${Prisma.join(parts, ' OR ')})`;
const all = (parts: Prisma.Sql[]) => Prisma.sql`(${Prisma.join(parts, ' AND ')})`;
export const sqlAny = any;
export const sqlAll = all;
/** A list spelled out as `$1, $2…`, so that no driver has to serialise an array. */
export const sqlList = (values: readonly (string | number)[]) =>
  Prisma.join(values.map((v) => Prisma.sql`${v}`));

/** A filter field on an enum column: rows whose value is one of those given (as GraphQL, Prisma, SQL, parameter). */
export const enumFilter = <E extends Record<string, string>>(options: {
  /** The GraphQL enum and its values. */
  type: InputTypeParam<BuilderTypes>;
  values: E;
  description: string;
  /** The Prisma field, and its column as the filter's SQL names it (with the table alias). */
  field: string;
  column: string;
}) =>
  filterField<E[keyof E][]>({
    type: [options.type] as InputTypeParam<BuilderTypes>,
    description: options.description,
    where: (values) => ({ [options.field]: { in: values } }),
    sql: (values) => Prisma.sql`${Prisma.raw(options.column)}::text IN (${sqlList(values)})`,
    param: params.oneOf(options.values),
  });

export function defineFilter<M extends ModelName, F extends Record<string, AnyFilterField>>(
  name: string,
  options: {
    model: M;
    /** The table alias the SQL conditions use. */
    alias?: string;
    description: string;
    fields: F;
    /** Rules across fields, after each field's own check. */
    check?: (filter: FilterInput<F>, prefix: string) => void;
  },
) {
  type Input = FilterInput<F>;
  const entries = Object.entries(options.fields);
  const ref = builder.inputType(name, {
    description: options.description,
    fields: (t) =>
      Object.fromEntries(
        entries.map(([field, d]) => [
          field,
          d.input
            ? d.input(t, d.description)
            : t.field({ type: d.type!, required: false, description: d.description }),
        ]),
      ),
  });
  const present = (filter: Input) =>
    entries.filter(([field]) => given((filter as Record<string, unknown>)[field])) as [
      string,
      AnyFilterField,
    ][];

  function check(filter: Input, prefix = 'filter'): void {
    for (const [field, d] of present(filter))
      d.check?.((filter as Record<string, never>)[field]!, `${prefix}.${field}`);
    options.check?.(filter, prefix);
  }

  /** The Prisma `where`: the live rule and every given condition. */
  function where(filter: Input | null | undefined): WhereOf<M> {
    const and: object[] = [liveWhere[options.model]];
    if (filter) {
      check(filter);
      for (const [field, d] of present(filter))
        if (d.where)
          and.push(d.where((filter as Record<string, never>)[field]!, filter as Record<string, unknown>));
    }
    return { AND: and } as WhereOf<M>;
  }

  /** The same as an SQL condition on the table aliased `alias`, with bound parameters only. */
  function sql(filter: Input | null | undefined): Prisma.Sql {
    const and: Prisma.Sql[] = [liveFragment(options.model, options.alias ?? 't')];
    if (filter) {
      check(filter);
      for (const [field, d] of present(filter)) {
        // A field without either translation is a companion another field reads (`countriesMatch`).
        if (!d.sql) {
          if (d.where) throw new Error(`${name}.${field} has no SQL translation`);
          continue;
        }
        and.push(d.sql((filter as Record<string, never>)[field]!, filter as Record<string, unknown>));
      }
    }
    return all(and);
  }

  /** The fields as query-string parameters: a strict zod object over the raw values, and which are lists. */
  const params = entries.filter(([, d]) => d.param);
  const lists = new Set(params.filter(([, d]) => d.list ?? Array.isArray(d.type)).map(([field]) => field));
  const querySchema = z
    .object(
      Object.fromEntries(
        params.map(([field, d]) => {
          const coordinate = `${name}.${field}`;
          const item = d.param!(coordinate);
          if (!lists.has(field)) return [field, item.optional()];
          const { maxItems = 0 } = boundOf(coordinate, undefined, true);
          return [field, z.array(item).max(maxItems, `must have at most ${maxItems} items`).optional()];
        }),
      ),
    )
    .strict();

  return {
    name,
    ref,
    fields: options.fields,
    check,
    where,
    sql,
    query: { schema: querySchema, lists },
    /** The filter's value type, as resolvers see it (for `typeof filter.$input`). */
    $input: undefined as unknown as Input,
  };
}

/** Query-string parsers for the common shapes. */
export const params = {
  /** A calendar date, YYYY-MM-DD. */
  date: (() =>
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
      .transform((s, ctx) => {
        const d = new Date(`${s}T00:00:00Z`);
        if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
          ctx.addIssue({ code: 'custom', message: 'is not a calendar date' });
          return z.NEVER;
        }
        return d;
      })) satisfies ParamParser,
  /** Text within the field's bound (src/graphql/input-limits.ts). */
  text:
    (scalar = 'String'): ParamParser =>
    (coordinate) => {
      const { maxChars = 0 } = boundOf(coordinate, scalar, true);
      return z.string().max(maxChars, `must be at most ${maxChars} characters`);
    },
  /** One of an enum's values. */
  oneOf:
    <E extends Record<string, string>>(values: E): ParamParser =>
    () =>
      z.enum(values),
  /** `true` or `false`. */
  flag: (() =>
    z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true')) satisfies ParamParser,
};
