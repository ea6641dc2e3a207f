// Walks the schema for every place a client can put text: each String, ID or custom-scalar argument of
// a root field, including fields of input objects and items of lists. Tests build one request per place,
// so a field added to the schema is covered without anyone editing the test.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isUnionType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from 'graphql';

/** Scalars whose values are not text; everything else (String, ID, Date, URL, …) takes a string. */
const NON_TEXT_SCALARS = new Set(['Int', 'Float', 'Boolean']);

/** A valid value of each scalar, for the arguments a request needs but does not attack. */
const SAMPLE: Record<string, unknown> = {
  Int: 1,
  Float: 1,
  Boolean: true,
  Date: '2021-11-23',
  DateTime: '2021-11-23T00:00:00Z',
  URL: 'https://example.org/',
  CountryCode: 'JP',
};

export interface TextInput {
  field: string;
  /** Argument name, then input field names. */
  path: string[];
  /** GraphQL type of the leaf (e.g. `String`, `[CountryCode!]`), for test names. */
  leafType: string;
}

export interface HostileRequest {
  query: string;
  variables: Record<string, unknown>;
}

function textLeaves(type: GraphQLInputType, path: string[], seen: Set<string>): TextInput['path'][] {
  const named = getNamedType(type);
  if (isScalarType(named)) return NON_TEXT_SCALARS.has(named.name) ? [] : [path];
  if (!isInputObjectType(named) || seen.has(named.name)) return [];
  const inner = new Set(seen).add(named.name);
  return Object.values(named.getFields()).flatMap((f) => textLeaves(f.type, [...path, f.name], inner));
}

/** Every text input of every field of `root` (normally the Query type). */
export function textInputs(root: GraphQLObjectType): TextInput[] {
  return Object.values(root.getFields()).flatMap((field) =>
    field.args.flatMap((arg) =>
      textLeaves(arg.type, [arg.name], new Set()).map((path) => ({
        field: field.name,
        path,
        leafType: String(leafTypeAt(arg.type, path.slice(1))),
      })),
    ),
  );
}

function leafTypeAt(type: GraphQLInputType, rest: string[]): GraphQLInputType {
  if (!rest.length) return type;
  const named = getNamedType(type);
  if (!isInputObjectType(named)) throw new Error(`no input object at ${rest.join('.')}`);
  return leafTypeAt(named.getFields()[rest[0]!]!.type, rest.slice(1));
}

/** The smallest valid value: required input fields only, empty lists. */
function minimal(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return minimal(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(required.map((f) => [f.name, minimal(f.type)]));
  }
  return type.name in SAMPLE ? SAMPLE[type.name] : 'x';
}

/** A valid value of `type` except for `value` placed at `rest` (and in a one-item list where a list is). */
function placing(type: GraphQLInputType, rest: string[], value: string): unknown {
  if (isNonNullType(type)) return placing(type.ofType, rest, value);
  if (isListType(type)) return [placing(type.ofType, rest, value)];
  if (!rest.length) return value;
  if (!isInputObjectType(type)) throw new Error(`no input object at ${rest.join('.')}`);
  const [name, ...deeper] = rest as [string, ...string[]];
  return { ...(minimal(type) as object), [name]: placing(type.getFields()[name]!.type, deeper, value) };
}

/**
 * Every field without required arguments, `depth` levels down: the text must reach the resolvers that
 * use it (a connection's `totalCount` runs its own SQL), not just the root field.
 */
function selectionFor(type: GraphQLNamedType, depth: number): string {
  if (!isObjectType(type) && !isInterfaceType(type)) return isUnionType(type) ? '{ __typename }' : '';
  const fields = Object.values(type.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type)));
  const selected = fields.flatMap((f) => {
    const named = getNamedType(f.type);
    if (isScalarType(named) || isEnumType(named)) return [f.name];
    return depth > 1 ? [`${f.name} ${selectionFor(named, depth - 1)}`] : [];
  });
  return `{ __typename ${selected.join(' ')} }`;
}

/** A request for `input.field` with `value` at the input's place and valid values in its other required arguments. */
export function requestPlacing(root: GraphQLObjectType, input: TextInput, value: string): HostileRequest {
  const field: GraphQLField<unknown, unknown> = root.getFields()[input.field]!;
  const args = field.args.filter((a) => a.name === input.path[0] || isNonNullType(a.type));
  const variables = Object.fromEntries(
    args.map((a) => [
      a.name,
      a.name === input.path[0] ? placing(a.type, input.path.slice(1), value) : minimal(a.type),
    ]),
  );
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = selectionFor(getNamedType(field.type), 2);
  const header = declared ? `query Hostile(${declared})` : 'query Hostile';
  return { query: `${header} { ${field.name}${passed ? `(${passed})` : ''} ${selection} }`, variables };
}
