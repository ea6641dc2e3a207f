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
 * before 24 November 2021".
 */
function labelSql(date: string, precision: string): string {
  const year = `extract(year FROM ${date})::int::text`;
  const month = `trim(to_char(${date}, 'Month'))`;
  const day = `extract(day FROM ${date})::int::text || ' ' || ${month} || ' ' || ${year}`;
  return (
    `CASE ${precision}::text WHEN 'YEAR' THEN ${year} ` +
    `WHEN 'MONTH' THEN ${month} || ' ' || ${year} ` +
    `WHEN 'ON_OR_BEFORE' THEN 'on or before ' || ${day} ELSE ${day} END`
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
        return `${prefix} || '"' || to_char(${date!.expr}, 'YYYY-MM-DD') || '"'`;
      case 'precision':
        return `${prefix} || '"' || ${precision!.expr}::text || '"'`;
      case 'label':
        return `${prefix} || to_json(${labelSql(date!.expr, precision!.expr)})::text`;
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
