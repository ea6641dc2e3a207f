// Prisma's `where` and `orderBy` arguments as SQL, for the subset this schema's read fields use. The
// compiled read path (compile-operation.ts) takes the very objects the Pothos fields and root resolvers
// hand to Prisma and translates them here, so a field's filter and order are declared once. Anything
// outside the subset throws NotCompilable and the operation runs through normal execution instead.
import { getDatamodel } from '../../../generated/pothos-types.js';

export class NotCompilable extends Error {}

export const refuse = (why: string): never => {
  throw new NotCompilable(why);
};

interface DmmfField {
  name: string;
  kind: 'scalar' | 'object' | 'enum' | string;
  type: string;
  isList: boolean;
  isRequired: boolean;
  isId?: boolean;
  relationName?: string;
  relationFromFields?: string[];
}

export interface FieldInfo extends DmmfField {
  /** The column (scalars and enums). */
  column: string;
}

export interface ModelInfo {
  name: string;
  table: string;
  fields: Map<string, FieldInfo>;
  id: FieldInfo;
}

/** What Prisma's generated client knows of table and column names (`@@map`, `@map`). */
export interface RuntimeDataModel {
  models: Record<string, { dbName?: string | null; fields: { name: string; dbName?: string | null }[] }>;
}

export class DataModel {
  readonly models = new Map<string, ModelInfo>();

  constructor(runtime: RuntimeDataModel) {
    const dmmf = getDatamodel().datamodel.models as unknown as Record<string, { fields: DmmfField[] }>;
    for (const [name, model] of Object.entries(dmmf)) {
      const rt = runtime.models[name];
      if (!rt) continue;
      const dbNames = new Map(rt.fields.map((f) => [f.name, f.dbName ?? f.name]));
      const fields = new Map<string, FieldInfo>();
      for (const f of model.fields) fields.set(f.name, { ...f, column: dbNames.get(f.name) ?? f.name });
      const id = [...fields.values()].find((f) => f.isId);
      if (!id) continue;
      this.models.set(name, { name, table: rt.dbName ?? name, fields, id });
    }
  }

  model(name: string): ModelInfo {
    return this.models.get(name) ?? refuse(`no model ${name}`);
  }

  field(model: ModelInfo, name: string): FieldInfo {
    return model.fields.get(name) ?? refuse(`no field ${model.name}.${name}`);
  }

  /** The join of a relation field: the child's column equal to the parent's (both sides). */
  relationJoin(model: ModelInfo, relation: FieldInfo): { target: ModelInfo; here: string; there: string } {
    const target = this.model(relation.type);
    if (relation.relationFromFields?.length) {
      if (relation.relationFromFields.length !== 1) refuse('compound foreign key');
      const fk = this.field(model, relation.relationFromFields[0]!);
      return { target, here: fk.column, there: target.id.column };
    }
    // The other side holds the foreign key: the relation with the same name on the target.
    const back = [...target.fields.values()].find(
      (f) => f.kind === 'object' && f.relationName === relation.relationName && f !== relation,
    );
    if (!back?.relationFromFields || back.relationFromFields.length !== 1) refuse('no back relation');
    const fk = this.field(target, back!.relationFromFields![0]!);
    return { target, here: model.id.column, there: fk.column };
  }
}

/** Bound parameters of one statement ($1, $2…), never values spliced into the text. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ''}`;
  }
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Table aliases unique within one statement. */
export class Aliases {
  #n = 0;
  next(hint: string): string {
    this.#n += 1;
    return `${
      hint
        .replace(/[^a-z]/gi, '')
        .slice(0, 3)
        .toLowerCase() || 't'
    }${this.#n}`;
  }
}

/**
 * To-one relations of one FROM item joined rather than looked up per use: the order of a page by its
 * event's date then reads the event once per row, and the planner can join it (as a hand-written
 * statement would). Each relation is joined once, however many conditions and terms use it.
 */
export class Joins {
  readonly sql: string[] = [];
  readonly #aliases = new Map<string, string>();
  alias(scope: SqlScope, from: string, target: ModelInfo, here: string, there: string): string {
    const key = `${from}.${here}->${target.table}.${there}`;
    let r = this.#aliases.get(key);
    if (!r) {
      r = scope.aliases.next(target.table);
      this.#aliases.set(key, r);
      this.sql.push(`LEFT JOIN ${ident(target.table)} ${r} ON ${r}.${ident(there)} = ${from}.${ident(here)}`);
    }
    return r;
  }
  toString() {
    return this.sql.length ? ` ${this.sql.join(' ')}` : '';
  }
}

export interface SqlScope {
  dm: DataModel;
  params: Params;
  aliases: Aliases;
}

function castOf(field: FieldInfo): string | undefined {
  if (field.kind === 'enum') return ident(field.type);
  switch (field.type) {
    case 'Int':
      return 'int';
    case 'Boolean':
      return 'boolean';
    case 'DateTime':
      return undefined; // date and timestamptz columns: the type comes from the column
    default:
      return undefined;
  }
}

function param(scope: SqlScope, field: FieldInfo, value: unknown): string {
  if (value instanceof Date) {
    // A Date is a calendar day (db.Date) or a moment; both read as ISO text in UTC.
    return scope.params.add(value.toISOString(), undefined);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return scope.params.add(value, castOf(field));
  return refuse(`value of ${field.name}`);
}

const list = (scope: SqlScope, field: FieldInfo, values: unknown): string => {
  if (!Array.isArray(values) || values.length === 0) refuse('empty list');
  return (values as unknown[]).map((v) => param(scope, field, v)).join(', ');
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function scalarCondition(scope: SqlScope, col: string, field: FieldInfo, filter: unknown): string {
  if (filter === null) return `${col} IS NULL`;
  if (typeof filter !== 'object' || filter instanceof Date) {
    if (field.isList) refuse('list equality');
    return `${col} = ${param(scope, field, filter)}`;
  }
  const parts: string[] = [];
  for (const [op, value] of Object.entries(filter as Record<string, unknown>)) {
    if (value === undefined) continue;
    switch (op) {
      case 'equals':
        parts.push(value === null ? `${col} IS NULL` : `${col} = ${param(scope, field, value)}`);
        break;
      case 'not':
        parts.push(
          value === null
            ? `${col} IS NOT NULL`
            : typeof value === 'object' && !(value instanceof Date)
              ? `NOT (${scalarCondition(scope, col, field, value)})`
              : `${col} <> ${param(scope, field, value)}`,
        );
        break;
      case 'in':
        parts.push(`${col} IN (${list(scope, field, value)})`);
        break;
      case 'notIn':
        parts.push(`${col} NOT IN (${list(scope, field, value)})`);
        break;
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        const sym = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[op];
        parts.push(`${col} ${sym} ${param(scope, field, value)}`);
        break;
      }
      case 'startsWith':
        if (typeof value !== 'string') refuse('startsWith');
        parts.push(`${col} LIKE ${scope.params.add(`${escapeLike(value as string)}%`)}`);
        break;
      case 'has':
        if (!field.isList) refuse('has on a scalar');
        parts.push(`${param(scope, field, value)} = ANY (${col})`);
        break;
      case 'hasSome': {
        if (!field.isList) refuse('hasSome on a scalar');
        const cast = field.kind === 'enum' ? `${ident(field.type)}[]` : undefined;
        // `&&` written as its function: PostgreSQL estimates an operator from the values (the statement
        // is then planned again for every execution, as a prepared plan for unknown values would guess
        // 1% of the rows and sort a scan), but a function call at a third of the rows whatever the values,
        // so one plan serves them all: the table's index in the list's order, walked until the page is full.
        // A GIN index on the column would need the operator; no list column filtered here has one.
        parts.push(`arrayoverlap(${col}, ARRAY[${list(scope, field, value)}]${cast ? `::${cast}` : ''})`);
        break;
      }
      default:
        refuse(`operator ${op}`);
    }
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** A Prisma `where` for a row of `model` aliased `alias`, as an SQL condition. */
export function whereSql(
  scope: SqlScope,
  model: ModelInfo,
  alias: string,
  where: unknown,
  joins?: Joins,
): string {
  if (where === undefined || where === null) return 'TRUE';
  if (typeof where !== 'object' || Array.isArray(where)) return refuse('where shape');
  const parts: string[] = [];
  for (const [key, value] of Object.entries(where as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (key === 'AND' || key === 'OR' || key === 'NOT') {
      const items = (Array.isArray(value) ? value : [value]).map(
        (w) => `(${whereSql(scope, model, alias, w, key === 'AND' ? joins : undefined)})`,
      );
      if (key === 'AND') parts.push(items.length ? items.join(' AND ') : 'TRUE');
      else if (key === 'OR') parts.push(items.length ? `(${items.join(' OR ')})` : 'FALSE');
      else parts.push(items.length ? `NOT (${items.join(' OR ')})` : 'TRUE');
      continue;
    }
    const field = scope.dm.field(model, key);
    if (field.kind !== 'object') {
      parts.push(scalarCondition(scope, `${alias}.${ident(field.column)}`, field, value));
      continue;
    }
    const { target, here, there } = scope.dm.relationJoin(model, field);
    const r = scope.aliases.next(target.table);
    const from = `FROM ${ident(target.table)} ${r} WHERE ${r}.${ident(there)} = ${alias}.${ident(here)}`;
    if (field.isList) {
      if (value === null || typeof value !== 'object') refuse('list relation filter');
      for (const [op, sub] of Object.entries(value as Record<string, unknown>)) {
        if (sub === undefined) continue;
        const cond = whereSql(scope, target, r, sub);
        if (op === 'some') parts.push(`EXISTS (SELECT 1 ${from} AND ${cond})`);
        else if (op === 'none') parts.push(`NOT EXISTS (SELECT 1 ${from} AND ${cond})`);
        else if (op === 'every') parts.push(`NOT EXISTS (SELECT 1 ${from} AND NOT (${cond}))`);
        else refuse(`list relation operator ${op}`);
      }
      continue;
    }
    if (value === null) {
      parts.push(`NOT EXISTS (SELECT 1 ${from})`);
      continue;
    }
    const v = value as Record<string, unknown>;
    if ('is' in v || 'isNot' in v) {
      if (v.is !== undefined)
        parts.push(
          v.is === null
            ? `NOT EXISTS (SELECT 1 ${from})`
            : `EXISTS (SELECT 1 ${from} AND ${whereSql(scope, target, r, v.is)})`,
        );
      if (v.isNot !== undefined)
        parts.push(
          v.isNot === null
            ? `EXISTS (SELECT 1 ${from})`
            : `NOT EXISTS (SELECT 1 ${from} AND ${whereSql(scope, target, r, v.isNot)})`,
        );
      continue;
    }
    if (joins && !field.isList) {
      // A plain to-one filter on a joined relation: the related row exists and matches.
      const j = joins.alias(scope, alias, target, here, there);
      parts.push(`(${j}.${ident(there)} IS NOT NULL AND ${whereSql(scope, target, j, v)})`);
      continue;
    }
    parts.push(`EXISTS (SELECT 1 ${from} AND ${whereSql(scope, target, r, v)})`);
  }
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/** One ORDER BY term: the expression (a column or a to-one relation's column) and its direction. */
export interface OrderTerm {
  expr: string;
  direction: 'ASC' | 'DESC';
  nulls?: 'FIRST' | 'LAST';
}

export const orderSql = (terms: OrderTerm[], expr = (t: OrderTerm) => t.expr) =>
  terms.map((t) => `${expr(t)} ${t.direction}${t.nulls ? ` NULLS ${t.nulls}` : ''}`).join(', ');

/** A Prisma `orderBy` for a row of `model` aliased `alias`. */
export function orderTerms(
  scope: SqlScope,
  model: ModelInfo,
  alias: string,
  orderBy: unknown,
  joins?: Joins,
): OrderTerm[] {
  if (orderBy === undefined || orderBy === null) return [];
  const items = Array.isArray(orderBy) ? orderBy : [orderBy];
  const terms: OrderTerm[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') refuse('orderBy shape');
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      if (value === undefined) continue;
      const field = scope.dm.field(model, key);
      if (field.kind === 'object') {
        if (field.isList) refuse('order by a list relation');
        const { target, here, there } = scope.dm.relationJoin(model, field);
        if (joins) {
          terms.push(
            ...orderTerms(scope, target, joins.alias(scope, alias, target, here, there), value, joins),
          );
          continue;
        }
        const r = scope.aliases.next(target.table);
        for (const sub of orderTerms(scope, target, r, value)) {
          terms.push({
            ...sub,
            expr: `(SELECT ${sub.expr} FROM ${ident(target.table)} ${r} WHERE ${r}.${ident(there)} = ${alias}.${ident(here)})`,
          });
        }
        continue;
      }
      const expr = `${alias}.${ident(field.column)}`;
      if (value === 'asc' || value === 'desc') {
        terms.push({ expr, direction: value === 'asc' ? 'ASC' : 'DESC' });
      } else if (typeof value === 'object' && value) {
        const { sort, nulls } = value as { sort?: string; nulls?: string };
        if (sort !== 'asc' && sort !== 'desc') refuse('orderBy sort');
        if (nulls !== undefined && nulls !== 'first' && nulls !== 'last') refuse('orderBy nulls');
        terms.push({
          expr,
          direction: sort === 'asc' ? 'ASC' : 'DESC',
          ...(nulls ? { nulls: nulls === 'first' ? ('FIRST' as const) : ('LAST' as const) } : {}),
        });
      } else refuse('orderBy value');
    }
  }
  return terms;
}
