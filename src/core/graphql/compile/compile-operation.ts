// Compiles a whole query operation into ONE SQL statement whose result is the response's `data` as JSON
// text, built by PostgreSQL: each object a concatenation of its fields (`'{"slug":' || … || '}'`), each
// list a `string_agg` over a correlated subquery on the relation's foreign key, each page's LIMIT
// applied to its rows before any nested JSON is built, and each to-one relation whose key the row holds
// a LEFT JOIN of the row's own FROM (an index lookup per row, as a subquery would do, without a subplan
// started per row). The text is the same, byte for byte, as JSON.stringify of what graphql-js would
// return (compact, in selection order).
//
// What each field reads comes from the schema itself, not from a list kept here:
// - plugin-prisma's field extensions: `pothosExposedField` (a column), `pothosPrismaRelationField` and
//   `pothosPrismaSelect` (a relation, with the `where`/`orderBy`/page its `query` gives Prisma);
// - Prisma's data model for tables, columns and foreign keys (prisma-sql.ts);
// - graphql-js's own field collection (fragments, type conditions, @skip/@include, aliases) and argument
//   coercion.
// What it cannot do the same way, it refuses (NotCompilable), and the operation runs normally.
import {
  getNamedType,
  getNullableType,
  GraphQLEnumType,
  GraphQLObjectType,
  GraphQLScalarType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
import { getArgumentValues } from 'graphql/execution/values.js';
import {
  Aliases,
  DataModel,
  ident,
  Joins,
  orderSql,
  orderTerms,
  Params,
  refuse,
  whereSql,
  type FieldInfo,
  type ModelInfo,
  type OrderTerm,
  type SqlScope,
} from './prisma-sql.js';
import { VALUE_TYPES } from './value-types.js';

type Field = GraphQLField<unknown, unknown>;
type Extensions = Record<string, unknown>;

/** A root field the compiler knows how to start from (the composition root's src/compiled-roots.ts). */
export interface RootCompiler {
  model: string;
  kind: 'connection' | 'one';
  /** For connections: the default and largest page size the field was declared with. */
  pageSize?: { default: number; max: number };
  /** The Prisma `where`/`orderBy` its resolver uses, from the field's arguments. */
  query(args: Record<string, unknown>): { where?: unknown; orderBy?: unknown };
}

export interface CompiledOperation {
  sql: string;
  values: unknown[];
  /** Response keys of the root fields, in the order of the statement's columns; `refetchIfNull` ones fall back when null (NOT_FOUND). */
  roots: { key: string; column: string; refetchIfNull: boolean }[];
  /** The prepared statement it runs as, if any (given by the plan cache). */
  statementName?: string;
}

export interface CompileInput {
  schema: GraphQLSchema;
  dm: DataModel;
  roots: Record<string, RootCompiler>;
  fragments: Record<string, FragmentDefinitionNode>;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  /** The caller's scopes, as scope-auth computes them (`{ read: true, … }`). */
  scopes: Record<string, boolean>;
  context: unknown;
}

const EXECUTABLE_DIRECTIVES = new Set(['skip', 'include']);
/** The page rows' position, a column the page subquery adds to the table's own. */
const ROW_NUMBER = 'jv_row_number';
/** Scalars whose serialisation is the column's text as it is (or a fixed SQL format below). */
const PASS_THROUGH_SCALARS = new Set(['String', 'ID', 'CountryCode']);

const lit = (text: string) => `'${text.replace(/'/g, "''")}'`;
/** JSON text of a non-null SQL text expression, or 'null'. */
const jsonString = (expr: string) => `coalesce(to_json(${expr})::text, 'null')`;
const b64 = (expr: string) => `replace(encode(convert_to(${expr}, 'UTF8'), 'base64'), E'\\n', '')`;

/** JSON object text from ordered (key, JSON text expression) pairs. */
function objectSql(parts: [string, string][]): string {
  if (parts.length === 0) return `'{}'`;
  return parts
    .map(([key, value], i) => `${lit(`${i === 0 ? '{' : ','}${JSON.stringify(key)}:`)} || ${value}`)
    .concat(`'}'`)
    .join(' || ');
}

class Compiler {
  readonly scope: SqlScope;

  constructor(readonly input: CompileInput) {
    this.scope = { dm: input.dm, params: new Params(), aliases: new Aliases() };
  }

  compile(): CompiledOperation {
    const { operation, schema } = this.input;
    if (operation.operation !== 'query') refuse('not a query');
    this.checkDirectives(operation.directives);
    const query = schema.getQueryType() ?? refuse('no query type');
    const fields = collectFields(
      schema,
      this.input.fragments,
      this.input.variables,
      query as GraphQLObjectType,
      operation.selectionSet,
    );
    const columns: string[] = [];
    const roots: CompiledOperation['roots'] = [];
    let i = 0;
    for (const [key, nodes] of fields) {
      const node = nodes[0]!;
      nodes.forEach((n) => this.checkDirectives(n.directives));
      const column = `r${i++}`;
      if (node.name.value === '__typename') {
        columns.push(`${lit(JSON.stringify(query.name))} AS ${column}`);
        roots.push({ key, column, refetchIfNull: false });
        continue;
      }
      const field = query.getFields()[node.name.value] ?? refuse('unknown root field');
      const root = this.input.roots[field.name] ?? refuse(`root field ${field.name}`);
      this.checkAccess(field);
      const args = this.args(field, node);
      const expr =
        root.kind === 'one'
          ? this.rootOne(field, root, args, nodes)
          : this.rootConnection(field, root, args, nodes);
      columns.push(`${expr} AS ${column}`);
      roots.push({ key, column, refetchIfNull: root.kind === 'one' });
    }
    return { sql: `SELECT ${columns.join(',\n  ')}`, values: this.scope.params.values, roots };
  }

  checkDirectives(directives: FieldNode['directives']) {
    for (const d of directives ?? [])
      if (!EXECUTABLE_DIRECTIVES.has(d.name.value)) refuse(`@${d.name.value}`);
  }

  /** Root fields declare who may call them; compiled only when the caller passes the same rule. */
  checkAccess(field: Field) {
    const scopes = (field.extensions.pothosOptions as { authScopes?: unknown } | undefined)?.authScopes;
    if (!scopes || typeof scopes !== 'object') refuse('root field without a plain scope map');
    // plugin-scope-auth: any one of the listed scopes grants access.
    const granted = Object.entries(scopes as Record<string, unknown>).some(
      ([scope, wanted]) => wanted === true && this.input.scopes[scope] === true,
    );
    if (!granted) refuse('scope not granted (normal execution reports it)');
  }

  /** Nested fields and types must carry no access rule of their own (none is compiled). */
  checkNoNestedAuth(type: GraphQLObjectType, field: Field) {
    const typeOptions = type.extensions.pothosOptions as Record<string, unknown> | undefined;
    const fieldOptions = field.extensions.pothosOptions as Record<string, unknown> | undefined;
    if (typeOptions?.authScopes || typeOptions?.grantScopes) refuse(`${type.name} has scopes`);
    if (fieldOptions?.authScopes || fieldOptions?.grantScopes)
      refuse(`${type.name}.${field.name} has scopes`);
  }

  args(field: Field, node: FieldNode): Record<string, unknown> {
    let args = getArgumentValues(field, node, this.input.variables) as Record<string, unknown>;
    // The same mapping Pothos applies before the resolver (global ids decoded by the relay plugin).
    type Mapper = (args: unknown, context: unknown, info: unknown) => unknown;
    for (const mapper of (field.extensions.pothosArgMappers as Mapper[] | undefined) ?? []) {
      const mapped = mapper(args, this.input.context, { fieldName: field.name });
      if (mapped && typeof (mapped as { then?: unknown }).then === 'function')
        refuse('async argument mapping');
      args = mapped as Record<string, unknown>;
    }
    return args;
  }

  subfields(type: GraphQLObjectType, nodes: readonly FieldNode[]) {
    const fields = collectSubfields(
      this.input.schema,
      this.input.fragments,
      this.input.variables,
      type,
      nodes,
    );
    for (const group of fields.values()) group.forEach((n) => this.checkDirectives(n.directives));
    return fields;
  }

  // ---- root fields ----

  rootOne(field: Field, root: RootCompiler, args: Record<string, unknown>, nodes: readonly FieldNode[]) {
    const type = getNullableType(field.type);
    if (!isObjectType(type)) return refuse('root type');
    const model = this.modelOf(type, root.model);
    const q = root.query(args);
    if (q.orderBy !== undefined) refuse('findFirst with an order');
    const r = this.scope.aliases.next(model.table);
    const where = whereSql(this.scope, model, r, q.where);
    const joins = new Joins();
    const object = this.object(type, model, r, nodes, joins);
    return `(SELECT ${object} FROM ${ident(model.table)} ${r}${joins} WHERE ${where} LIMIT 1)`;
  }

  rootConnection(
    field: Field,
    root: RootCompiler,
    args: Record<string, unknown>,
    nodes: readonly FieldNode[],
  ) {
    const { first, last, after, before } = args as Record<string, unknown>;
    if (after != null || before != null || last != null) refuse('paged by cursor or from the end');
    const limits = root.pageSize ?? refuse('page size');
    const size = first == null ? limits!.default : (first as number);
    if (!Number.isInteger(size) || size < 0 || size > limits!.max) refuse('page size out of range');
    const model = this.input.dm.model(root.model);
    const q = root.query(args);
    return this.connection(getNullableType(field.type), model, nodes, {
      where: q.where,
      orderBy: q.orderBy,
      size,
      link: undefined,
    });
  }

  // ---- objects ----

  modelOf(type: GraphQLObjectType, expected?: string): ModelInfo {
    const name = type.extensions.pothosPrismaModel as string | undefined;
    if (!name) return refuse(`${type.name} is not a Prisma object`);
    if (expected && name !== expected) refuse('model mismatch');
    return this.input.dm.model(name);
  }

  /**
   * JSON text of one row of `model` aliased `alias`, as GraphQL type `type` with this selection. `joins`
   * are the LEFT JOINs of the FROM item `alias` comes from: its to-one relations are joined there.
   */
  object(
    type: GraphQLObjectType,
    model: ModelInfo,
    alias: string,
    nodes: readonly FieldNode[],
    joins: Joins,
  ): string {
    if (type.getInterfaces().some((i) => i.name !== 'Node')) refuse('interfaces other than Node');
    return this.fieldsSql(type, nodes, (name, group) => {
      const field = type.getFields()[name] ?? refuse(`unknown field ${name}`);
      this.checkNoNestedAuth(type, field);
      return this.field(type, model, alias, field, group, joins);
    });
  }

  /**
   * The JSON object of the fields `nodes` select on `type`, under their response keys: `__typename` is
   * the type's name, any other field what `sql` compiles it to (or refuses).
   */
  fieldsSql(
    type: GraphQLObjectType,
    nodes: readonly FieldNode[],
    sql: (name: string, group: readonly FieldNode[]) => string,
  ): string {
    const parts: [string, string][] = [];
    for (const [key, group] of this.subfields(type, nodes)) {
      const name = group[0]!.name.value;
      parts.push([key, name === '__typename' ? lit(JSON.stringify(type.name)) : sql(name, group)]);
    }
    return objectSql(parts);
  }

  field(
    type: GraphQLObjectType,
    model: ModelInfo,
    alias: string,
    field: Field,
    nodes: readonly FieldNode[],
    joins: Joins,
  ) {
    const ext = field.extensions as Extensions;
    if (typeof ext.pothosExposedField === 'string') {
      if (field.args.length) refuse('exposed field with arguments');
      const column = this.input.dm.field(model, ext.pothosExposedField);
      return this.scalar(field.type, `${alias}.${ident(column.column)}`, column);
    }
    if (ext.pothosPrismaRelationField) {
      if (ext.pothosPrismaFallback) refuse('relation with its own resolver');
      return this.relation(model, alias, field, nodes, joins);
    }
    if (field.name === 'id' && this.isNodeId(type, field)) {
      const column = this.nodeIdColumn(type, model);
      return `'"' || ${b64(`${lit(`${type.name}:`)} || ${alias}.${ident(column.column)}::text`)} || '"'`;
    }
    const value = VALUE_TYPES[getNamedType(field.type).name];
    const select = ext.pothosPrismaSelect;
    if (value && select && typeof select === 'object' && !field.args.length) {
      const columns = Object.keys(select).map((k) => {
        const f = this.input.dm.field(model, k);
        return { field: f, expr: `${alias}.${ident(f.column)}` };
      });
      const valueType = getNamedType(field.type) as GraphQLObjectType;
      const fields = this.subfields(valueType, nodes);
      return value(
        columns,
        [...fields].map(([key, group]) => [key, group[0]!.name.value]),
        {
          nullable: !isNonNullType(field.type),
          typename: valueType.name,
        },
      );
    }
    return refuse(`field ${type.name}.${field.name}`);
  }

  /**
   * The column a prismaNode's global id encodes: its `id` option became a resolver, so ask it, with a
   * probe row whose every column holds its own name.
   */
  nodeIdColumn(type: GraphQLObjectType, model: ModelInfo): FieldInfo {
    const resolve = (type.extensions.pothosOptions as { id?: { resolve?: (row: unknown) => unknown } }).id
      ?.resolve;
    if (typeof resolve !== 'function') return refuse('node id');
    const probe = Object.fromEntries([...model.fields.keys()].map((name) => [name, `\u0000${name}`]));
    const value = resolve(probe);
    if (typeof value !== 'string' || !value.startsWith('\u0000')) return refuse('node id resolver');
    return this.input.dm.field(model, value.slice(1));
  }

  isNodeId(type: GraphQLObjectType, field: Field): boolean {
    return (
      type.getInterfaces().some((i) => i.name === 'Node') &&
      getNamedType(field.type).name === 'ID' &&
      !(field.extensions as Extensions).pothosExposedField
    );
  }

  scalar(type: GraphQLOutputType, expr: string, column: FieldInfo): string {
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const item = getNamedType(nullable);
      if (!column.isList || !isNonNullType(nullable.ofType)) refuse('list shape');
      if (isEnumType(item)) return (this.checkEnum(item), `coalesce(to_json(${expr}::text[])::text, 'null')`);
      if (isScalarType(item) && item.name === 'String') return `coalesce(to_json(${expr})::text, 'null')`;
      return refuse(`list of ${item.name}`);
    }
    if (column.isList) refuse('list column as a scalar');
    // An enum's values are GraphQL names (letters, digits, `_`), which JSON strings hold unescaped.
    if (isEnumType(nullable))
      return (this.checkEnum(nullable), `coalesce('"' || ${expr}::text || '"', 'null')`);
    if (!isScalarType(nullable)) return refuse('not a leaf');
    return scalarJson(nullable, expr);
  }

  checkEnum(type: GraphQLEnumType) {
    for (const v of type.getValues()) if (v.value !== v.name) refuse(`enum ${type.name} maps its values`);
  }

  // ---- relations ----

  relation(
    model: ModelInfo,
    alias: string,
    field: Field,
    nodes: readonly FieldNode[],
    rowJoins: Joins,
  ): string {
    const ext = field.extensions as Extensions;
    const relation = this.input.dm.field(model, (ext.pothosPrismaRelationField as { name: string }).name);
    const args = this.args(field, nodes[0]!);
    const query = this.relationQuery(field, args, nodes);
    const { target, here, there } = this.input.dm.relationJoin(model, relation);
    const type = getNullableType(field.type);
    const link = { there, outer: `${alias}.${ident(here)}` };
    if (isObjectType(type) && type.getFields().edges && type.getFields().pageInfo) {
      if (!relation.isList) refuse('connection over a to-one relation');
      if (query.cursor !== undefined || (query.skip !== undefined && query.skip !== 0)) refuse('cursor');
      if (typeof query.take !== 'number' || query.take < 1) refuse('page');
      return this.connection(type, target, nodes, {
        where: query.where,
        orderBy: query.orderBy,
        size: (query.take as number) - 1,
        link,
      });
    }
    if (query.take !== undefined || query.skip !== undefined || query.cursor !== undefined)
      refuse('paged list');
    if (!relation.isList) {
      if (query.where !== undefined || query.orderBy !== undefined) refuse('to-one relation with a query');
      if (!isObjectType(type)) return refuse('to-one type');
      if (relation.relationFromFields?.length) {
        // The row holds the key of a row by its id (at most one): joined to the row's FROM.
        const j = rowJoins.alias(this.scope, alias, target, here, there);
        const object = this.object(type, target, j, nodes, rowJoins);
        return `coalesce(CASE WHEN ${j}.${ident(there)} IS NOT NULL THEN ${object} END, 'null')`;
      }
    }
    const r = this.scope.aliases.next(target.table);
    const joins = new Joins();
    const where = whereSql(this.scope, target, r, query.where, joins);
    const terms = orderTerms(this.scope, target, r, query.orderBy, joins);
    const item = relation.isList
      ? getNullableType(isListType(type) ? type.ofType : refuse('list type'))
      : type;
    if (!isObjectType(item)) return refuse('list item type');
    const object = this.object(item, target, r, nodes, joins);
    const from = `FROM ${ident(target.table)} ${r}${joins} WHERE ${r}.${ident(there)} = ${link.outer} AND ${where}`;
    if (!relation.isList) return `coalesce((SELECT ${object} ${from}), 'null')`;
    const order = terms.length ? ` ORDER BY ${orderSql(terms)}` : '';
    return `(SELECT '[' || coalesce(string_agg(${object}, ','${order}), '') || ']' ${from})`;
  }

  /** The Prisma query plugin-prisma would nest for this relation (its `query` with these arguments). */
  relationQuery(field: Field, args: Record<string, unknown>, nodes: readonly FieldNode[]) {
    const select = (field.extensions as Extensions).pothosPrismaSelect;
    if (typeof select !== 'function') return refuse('relation select');
    let captured: Record<string, unknown> | undefined;
    const names = () => {
      const type = getNullableType(field.type);
      if (!isObjectType(type)) return new Set<string>();
      return new Set([...this.subfields(type, nodes).values()].map((g) => g[0]!.name.value));
    };
    const result = (select as (...a: unknown[]) => unknown)(
      args,
      this.input.context,
      (query: unknown) => {
        const q =
          typeof query === 'function'
            ? (query as (...a: unknown[]) => unknown)(args, this.input.context)
            : query;
        if (q && typeof (q as { then?: unknown }).then === 'function') refuse('async query');
        captured = (q ?? {}) as Record<string, unknown>;
        return { select: {} };
      },
      names,
    );
    if (result && typeof (result as { then?: unknown }).then === 'function') refuse('async select');
    if (!captured) return refuse('no query captured');
    for (const key of Object.keys(captured)) {
      if (!['where', 'orderBy', 'take', 'skip', 'cursor', 'select'].includes(key)) refuse(`query.${key}`);
    }
    return captured as { where?: unknown; orderBy?: unknown; take?: number; skip?: number; cursor?: unknown };
  }

  // ---- connections ----

  /**
   * A Relay connection page: the rows of the page (and one more, for hasNextPage) are chosen first, by
   * the index that gives the order, numbered by a window function; only those rows are then built into
   * JSON, read straight from the page (the planner keeps only the columns the JSON uses).
   */
  connection(
    type: GraphQLOutputType,
    model: ModelInfo,
    nodes: readonly FieldNode[],
    page: {
      where: unknown;
      orderBy: unknown;
      size: number;
      link: { there: string; outer: string } | undefined;
    },
  ): string {
    if (!isObjectType(type)) return refuse('connection type');
    const r = this.scope.aliases.next(model.table);
    const id = ident(model.id.column);
    const n = this.scope.aliases.next('node');
    const nodeJoins = new Joins();
    if (model.fields.has(ROW_NUMBER) || [...model.fields.values()].some((f) => f.column === ROW_NUMBER))
      refuse(`a column named ${ROW_NUMBER}`);
    const rowNumber = `${n}.${ident(ROW_NUMBER)}`;
    const linkSql = (a: string) =>
      page.link ? `${a}.${ident(page.link.there)} = ${page.link.outer} AND ` : '';
    const cursor = `'"' || ${b64(`'GPC:S:' || ${n}.${id}::text`)} || '"'`;
    const size = String(page.size);

    const aggregates: string[] = [];
    const agg = (expr: string) => {
      aggregates.push(expr);
      return `c.a${aggregates.length - 1}`;
    };
    const body = this.fieldsSql(type, nodes, (name, group) => {
      if (name === 'totalCount') {
        const t = this.scope.aliases.next(model.table);
        const countWhere = whereSql(this.scope, model, t, page.where);
        return `(SELECT count(*) FROM ${ident(model.table)} ${t} WHERE ${linkSql(t)}${countWhere})::text`;
      }
      if (name === 'edges') {
        const edgeType = getNamedType(type.getFields().edges!.type) as GraphQLObjectType;
        const edge = this.fieldsSql(edgeType, group, (edgeField, edgeGroup) => {
          if (edgeField === 'cursor') return cursor;
          if (edgeField !== 'node') return refuse(`edge field ${edgeField}`);
          const nodeType = getNamedType(edgeType.getFields().node!.type);
          if (!isObjectType(nodeType)) return refuse('node type');
          return this.object(nodeType, this.modelOf(nodeType, model.name), n, edgeGroup, nodeJoins);
        });
        const edges = agg(
          `string_agg(${edge}, ',' ORDER BY ${rowNumber}) FILTER (WHERE ${rowNumber} <= ${size})`,
        );
        return `'[' || coalesce(${edges}, '') || ']'`;
      }
      if (name === 'pageInfo') {
        const infoType = getNamedType(type.getFields().pageInfo!.type) as GraphQLObjectType;
        const firstCursor = (order: string) =>
          `coalesce(${agg(`(array_agg(${cursor} ORDER BY ${order}) FILTER (WHERE ${rowNumber} <= ${size}))[1]`)}, 'null')`;
        return this.fieldsSql(infoType, group, (infoField) => {
          if (infoField === 'hasNextPage') return `(${agg('count(*)')} > ${size})::text`;
          if (infoField === 'hasPreviousPage') return `'false'`;
          if (infoField === 'startCursor') return firstCursor(rowNumber);
          if (infoField === 'endCursor') return firstCursor(`${rowNumber} DESC`);
          return refuse(`pageInfo field ${infoField}`);
        });
      }
      return refuse(`connection field ${name}`);
    });
    if (aggregates.length === 0) return `(SELECT ${body})`;
    // Only now, so that a page nobody reads binds no parameters (PostgreSQL cannot type unused ones).
    const joins = new Joins();
    const where = whereSql(this.scope, model, r, page.where, joins);
    const terms: OrderTerm[] = orderTerms(this.scope, model, r, page.orderBy, joins);
    const order = terms.length ? `ORDER BY ${orderSql(terms)}` : '';
    const pageRows =
      `SELECT ${r}.*, row_number() OVER (${order}) AS ${ident(ROW_NUMBER)} FROM ${ident(model.table)} ${r}${joins} ` +
      `WHERE ${linkSql(r)}${where} ${order} LIMIT ${page.size + 1}`;
    const selected = aggregates.map((a, i) => `${a} AS a${i}`).join(', ');
    return `(SELECT ${body} FROM (SELECT ${selected} FROM (${pageRows}) ${n}${nodeJoins}) c)`;
  }
}

/** JSON text of a scalar column, as the schema's scalar serialises it. */
function scalarJson(type: GraphQLScalarType, expr: string): string {
  if (PASS_THROUGH_SCALARS.has(type.name)) return jsonString(`${expr}::text`);
  switch (type.name) {
    case 'Int':
    case 'Boolean':
      return `coalesce(${expr}::text, 'null')`;
    case 'Date':
      return `coalesce('"' || to_char(${expr}::timestamp, 'YYYY-MM-DD') || '"', 'null')`;
    case 'DateTime':
      return `coalesce('"' || to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')`;
    default:
      return refuse(`scalar ${type.name}`);
  }
}

export function compileOperation(input: CompileInput): CompiledOperation {
  return new Compiler(input).compile();
}

export function fragmentsOf(document: { definitions: readonly { kind: string }[] }) {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) {
      const f = d as FragmentDefinitionNode;
      fragments[f.name.value] = f;
    }
  return fragments;
}
