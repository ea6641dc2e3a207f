// Checks every input of an operation before any resolver runs: the arguments written in the document and
// the raw request variables, walked together against the schema's input types. Refused, as BAD_USER_INPUT
// (HTTP 400) naming the input as a dotted path (`filter.countries`, `input.participants.3.role`):
// - a list longer than its bound, a text longer than its bound (src/core/graphql/input-limits.ts);
// - a NUL character in any text (PostgreSQL can neither store nor compare one);
// - an ID that is not a well-formed global id (or, where declared, a UUID);
// - an `after`/`before` cursor its connection could not have issued (src/core/graphql/cursors.ts).
// Time is linear in the size of the document plus the variables: each fragment is walked once (under its
// type condition, not once per spread), each variable once per schema coordinate it is used at, and the
// walk is iterative, following the schema's input types, so hostile nesting neither recurses nor repeats.
import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { apiError, ErrorCode } from '../errors.js';
import { CURSOR_ARGS, cursorFormatOf, type CursorFormat } from '../graphql/cursors.js';
import { decodeGlobalId, isUuid } from '../graphql/global-id.js';
import { boundOf } from '../graphql/input-limits.js';

interface Work {
  /** A literal from the document (`ast`) or a value from the request's variables. */
  ast: boolean;
  value: unknown;
  type: GraphQLInputType;
  path: string;
  /** Schema coordinate of the argument or input field the value is for. */
  coordinate: string;
  cursor?: CursorFormat | undefined;
}

const refuse = (field: string, message: string) =>
  apiError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field, http: { status: 400 } });

/** The arguments one field of the document writes, as the walk's first items (see `argumentsOf`). */
type FieldArguments = readonly Work[];

/**
 * The arguments of every field of a document with a definition in the schema, field by field in the
 * order the walk meets them (the operation, then each fragment definition once), per schema and
 * operation. They depend on the document alone, and a document is sent again and again (Apollo keeps one
 * parsed document per query text), so the schema walk runs once per document, not once per request.
 */
const argumentsByDocument = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, WeakMap<OperationDefinitionNode, readonly FieldArguments[]>>
>();

function argumentsOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): readonly FieldArguments[] {
  let documents = argumentsByDocument.get(schema);
  if (!documents) argumentsByDocument.set(schema, (documents = new WeakMap()));
  let operations = documents.get(document);
  if (!operations) documents.set(document, (operations = new WeakMap()));
  const known = operations.get(operation);
  if (known) return known;
  const fields: FieldArguments[] = [];
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (!parent || !field || !node.arguments?.length) return;
      const works: Work[] = [];
      for (const argument of node.arguments) {
        const definition = field.args.find((a) => a.name === argument.name.value);
        if (!definition) continue;
        const isCursor = CURSOR_ARGS.has(definition.name);
        works.push({
          ast: true,
          value: argument.value,
          type: definition.type,
          path: definition.name,
          coordinate: `${parent.name}.${field.name}(${definition.name})`,
          cursor: isCursor ? cursorFormatOf(field) : undefined,
        });
      }
      fields.push(works);
    },
  });
  for (const definition of document.definitions) {
    if (definition === operation || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition, visitor);
  }
  operations.set(operation, fields);
  return fields;
}

/** The first input of `operation` that breaks a bound, or undefined when all are within them. */
export function checkOperationInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): GraphQLError | undefined {
  const vars = variables ?? {};
  const defaults = new Map<string, ValueNode>();
  for (const definition of operation.variableDefinitions ?? [])
    if (definition.defaultValue) defaults.set(definition.variable.name.value, definition.defaultValue);
  // A variable used several times at the same place of the schema is checked once.
  const checkedVariables = new Set<string>();
  const pending: Work[] = [];
  for (const works of argumentsOf(schema, document, operation)) {
    pending.push(...works);
    const found = drain(pending, vars, defaults, checkedVariables);
    if (found) return found;
  }
  return undefined;
}

function drain(
  pending: Work[],
  vars: Record<string, unknown>,
  defaults: Map<string, ValueNode>,
  checkedVariables: Set<string>,
): GraphQLError | undefined {
  while (pending.length) {
    const work = pending.pop()!;
    let { ast, value } = work;
    if (ast && (value as ValueNode).kind === Kind.VARIABLE) {
      const name = (value as { name: { value: string } }).name.value;
      const key = `${name}\u0000${work.coordinate}\u0000${String(work.type)}`;
      if (checkedVariables.has(key)) continue;
      checkedVariables.add(key);
      if (Object.hasOwn(vars, name)) {
        ast = false;
        value = vars[name];
      } else {
        value = defaults.get(name);
      }
    }
    if (value == null || (ast && (value as ValueNode).kind === Kind.NULL)) continue;
    const error = step({ ...work, ast, value }, pending);
    if (error) return error;
  }
  return undefined;
}

/** Checks one value; pushes its items or fields. */
function step(work: Work, pending: Work[]): GraphQLError | undefined {
  const { ast, value, path, coordinate } = work;
  const type = isNonNullType(work.type) ? work.type.ofType : work.type;
  const named = getNamedType(type);
  const scalar = isScalarType(named) ? named.name : undefined;

  if (isListType(type)) {
    const items: readonly unknown[] = ast
      ? (value as ValueNode).kind === Kind.LIST
        ? (value as { values: readonly ValueNode[] }).values
        : [value]
      : Array.isArray(value)
        ? value
        : [value];
    const { maxItems } = boundOf(coordinate, scalar, true);
    if (maxItems !== undefined && items.length > maxItems)
      return refuse(path, `must have at most ${maxItems} items (got ${items.length})`);
    for (let i = items.length - 1; i >= 0; i--)
      pending.push({ ...work, ast, value: items[i], type: type.ofType, path: `${path}.${i}` });
    return undefined;
  }

  if (isInputObjectType(type)) {
    const fields = type.getFields();
    const entries: [string, unknown][] = ast
      ? (value as ValueNode).kind === Kind.OBJECT
        ? (value as { fields: readonly { name: { value: string }; value: ValueNode }[] }).fields.map((f) => [
            f.name.value,
            f.value,
          ])
        : []
      : typeof value === 'object' && !Array.isArray(value)
        ? Object.entries(value as object)
        : [];
    for (let i = entries.length - 1; i >= 0; i--) {
      const [name, fieldValue] = entries[i]!;
      const field = Object.hasOwn(fields, name) ? fields[name] : undefined;
      if (!field) continue; // validation or coercion refuses it, without the database
      pending.push({
        ast,
        value: fieldValue,
        type: field.type,
        path: `${path}.${name}`,
        coordinate: `${type.name}.${name}`,
      });
    }
    return undefined;
  }

  const text = textOf(ast, value, scalar === 'ID');
  if (text === undefined || scalar === undefined) return undefined;
  if (text.includes('\0')) return refuse(path, 'must not contain NUL (U+0000) characters');
  const bound = boundOf(coordinate, scalar, false, work.cursor !== undefined);
  if (bound.maxChars !== undefined && text.length > bound.maxChars)
    return refuse(path, `must be at most ${bound.maxChars} characters (got ${text.length})`);
  if (work.cursor && CURSOR_ARGS.has(path) && !work.cursor.accepts(text))
    return refuse(path, `is not a cursor of this list (${work.cursor.name})`);
  if (bound.idFormat === 'globalId' && !decodeGlobalId(text))
    return refuse(path, 'is not a global id (pass an `id` as the API returned it)');
  if (bound.idFormat === 'uuid' && !isUuid(text)) return refuse(path, 'is not a UUID');
  return undefined;
}

/** The text a leaf value carries: a string, or for an ID also an integer (GraphQL accepts both). */
function textOf(ast: boolean, value: unknown, isId: boolean): string | undefined {
  if (!ast) {
    if (typeof value === 'string') return value;
    return isId && typeof value === 'number' ? String(value) : undefined;
  }
  const node = value as ValueNode;
  if (node.kind === Kind.STRING) return node.value;
  return isId && node.kind === Kind.INT ? node.value : undefined;
}
