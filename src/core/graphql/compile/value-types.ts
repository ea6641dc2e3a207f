// Value objects built by a resolver from a few columns of their parent row (a FuzzyDate from a date and
// its precision). Their resolvers are code, so the compiler needs each one's SQL once, here; the columns
// still come from the field’s own `select`. tests/compiled-reads.test.ts compares the SQL with the
// resolvers on the seed’s dates (it has DAY, MONTH, YEAR and ON_OR_BEFORE precisions).
import type { FieldInfo } from './prisma-sql.js';
import { refuse } from './prisma-sql.js';

export interface ValueColumn {
  field: FieldInfo;
  expr: string;
}

export type ValueCompiler = (
  columns: ValueColumn[],
  /** (response key, field name) of the value's selection, in order. */
  selection: [string, string][],
  options: { nullable: boolean; typename: string },
) => string;

const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * formatFuzzyDate (src/core/graphql/fuzzy-date.ts) in SQL: "23 November 2021", "April 2021", "2021", "on or
 * before 24 November 2021". One to_char per row (`FM` drops the padding; month names are English unless
 * `TM` asks for the locale's), on a timestamp rather than the date, which to_char would otherwise take as a
 * timestamptz through the session's time zone. The label holds letters, digits and spaces only: a JSON
 * string without escaping.
 */
function labelSql(date: string, precision: string): string {
  const format = (pattern: string) => `to_char(${date}::timestamp, '${pattern}')`;
  const day = format('FMDD FMMonth FMYYYY');
  return (
    `'"' || CASE ${precision} WHEN 'YEAR' THEN ${format('FMYYYY')} ` +
    `WHEN 'MONTH' THEN ${format('FMMonth FMYYYY')} ` +
    `WHEN 'ON_OR_BEFORE' THEN 'on or before ' || ${day} ELSE ${day} END || '"'`
  );
}

const fuzzyDate: ValueCompiler = (columns, selection, { nullable, typename }) => {
  const date = columns.find((c) => c.field.type === 'DateTime' && c.field.kind === 'scalar');
  const precision = columns.find((c) => c.field.kind === 'enum' && c.field.type === 'DatePrecision');
  if (columns.length !== 2 || !date || !precision) return refuse('FuzzyDate columns');
  const parts = selection.map(([key, name], i) => {
    const prefix = lit(`${i === 0 ? '{' : ','}${JSON.stringify(key)}:`);
    switch (name) {
      case 'date':
        return `${prefix} || '"' || to_char(${date!.expr}::timestamp, 'YYYY-MM-DD') || '"'`;
      case 'precision':
        return `${prefix} || '"' || ${precision!.expr}::text || '"'`;
      case 'label':
        return `${prefix} || ${labelSql(date!.expr, precision!.expr)}`;
      case '__typename':
        return `${prefix} || ${lit(JSON.stringify(typename))}`;
      default:
        return refuse(`FuzzyDate.${name}`);
    }
  });
  const object = parts.length ? `${parts.join(' || ')} || '}'` : `'{}'`;
  // fuzzy(): null unless both the date and its precision are set.
  return nullable
    ? `CASE WHEN ${date!.expr} IS NULL OR ${precision!.expr} IS NULL THEN 'null' ELSE ${object} END`
    : object;
};

/** By GraphQL type name. */
export const VALUE_TYPES: Record<string, ValueCompiler> = { FuzzyDate: fuzzyDate };
