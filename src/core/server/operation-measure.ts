// Measures an operation before it runs: depth, cost, aliases, directives and `__schema` fields, in one
// walk whose time is linear in the document's size whatever its fragments. Each fragment is measured
// once and its measure reused at every spread, so `fragment F2 { ...F1 ...F1 }` chains (which expand
// exponentially) cost one visit per fragment; the numbers themselves may grow huge, which is the point:
// they are compared with the limits, never iterated.
//
// Why not a library: graphql-depth-limit re-walks every spread (a 1.3 kB document blocked the process
// for minutes), graphql-query-complexity expands fragments per use, and graphql-armor's cost rule cannot
// weight a connection by the page size it asks for, which is what makes our cost meaningful.
import {
  getNamedType,
  isCompositeType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  valueFromASTUntyped,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { badInput } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql/builder.js';

export interface OperationMeasure {
  /** Nested selections below the root, graphql-depth-limit's way (a leaf adds nothing; `__` fields are not counted). */
  depth: number;
  /** Estimated cost: 1 per field plus its children, a connection's children times its page size. */
  cost: number;
  aliases: number;
  directives: number;
  /** `__schema` fields, fragments expanded. */
  schemaFields: number;
}

type SetMeasure = OperationMeasure;

const ZERO: SetMeasure = {
  depth: 0,
  cost: 0,
  aliases: 0,
  directives: 0,
  schemaFields: 0,
};

type Variables = Record<string, unknown>;

/**
 * Measures an operation. `reads`, when given, receives the name of every variable the measure looked at
 * (page sizes, `@skip`/`@include` conditions): the measure depends on the document and on those values
 * only (see `OperationMeasures`).
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  given: Variables = {},
  reads?: Set<string>,
): OperationMeasure {
  // A variable left out takes its declared default, as it will when the operation runs.
  const withDefaults: Variables = { ...given };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (withDefaults[name] === undefined && definition.defaultValue) {
      withDefaults[name] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  const variables = reads ? recordingReads(withDefaults, reads) : withDefaults;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // `null` while a fragment is being measured: a spread back into it is a cycle, which validation
  // refuses; here it simply adds nothing.
  const measured = new Map<string, SetMeasure | null>();

  const fragmentMeasure = (name: string): SetMeasure => {
    const known = measured.get(name);
    if (known !== undefined) return known ?? ZERO;
    const fragment = fragments.get(name);
    const type = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !isCompositeType(type)) return ZERO;
    measured.set(name, null);
    const measure = selectionSetMeasure(fragment.selectionSet, type);
    measured.set(name, measure);
    return measure;
  };

  const selectionSetMeasure = (set: SelectionSetNode, parent: GraphQLCompositeType): SetMeasure => {
    // Selections on the parent type itself all run; branches on other types (`... on Event` under a
    // `Node`) are alternatives, of which only the most expensive counts.
    let base = { ...ZERO };
    const branches = new Map<string, SetMeasure>();
    const add = (typeName: string | undefined, measure: SetMeasure) => {
      if (!typeName || typeName === parent.name) {
        base = sum(base, measure);
      } else {
        branches.set(typeName, sum(branches.get(typeName) ?? ZERO, measure));
      }
    };
    for (const selection of set.selections) {
      if (isSkipped(selection.directives, variables)) continue;
      const directives = selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        add(undefined, { ...fieldMeasure(selection, parent), directives: 0 });
        base.directives += directives;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        if (!isCompositeType(type)) continue;
        add(typeName, selectionSetMeasure(selection.selectionSet, type));
        base.directives += directives;
      } else {
        const fragment = fragments.get(selection.name.value);
        add(fragment?.typeCondition.name.value, fragmentMeasure(selection.name.value));
        base.directives += directives;
      }
    }
    let result = base;
    for (const branch of branches.values()) result = alternative(result, branch, base);
    return result;
  };

  const fieldMeasure = (node: FieldNode, parent: GraphQLCompositeType): SetMeasure => {
    const name = node.name.value;
    const alias = node.alias ? 1 : 0;
    if (name === '__typename') return { ...ZERO, cost: 1, aliases: alias };
    const field = fieldOf(schema, parent, name);
    if (!field) return { ...ZERO, aliases: alias }; // validation reports it
    const returnType = getNamedType(field.type);
    const child =
      node.selectionSet && isCompositeType(returnType)
        ? selectionSetMeasure(node.selectionSet, returnType)
        : ZERO;
    const introspection = name.startsWith('__') || parent.name.startsWith('__');
    return {
      depth: introspection || !node.selectionSet ? 0 : 1 + child.depth,
      cost: fieldCost(node, field, child.cost, variables),
      aliases: alias + child.aliases,
      directives: child.directives,
      schemaFields: child.schemaFields + (name === '__schema' ? 1 : 0),
    };
  };

  const root = schema.getRootType(operation.operation);
  if (!root) return ZERO;
  const measure = selectionSetMeasure(operation.selectionSet, root);
  measure.directives += operation.directives?.length ?? 0;
  return measure;
}

/** `variables`, noting the name of every variable read from it into `reads`. */
function recordingReads(variables: Variables, reads: Set<string>): Variables {
  return new Proxy(variables, {
    get(target, name, receiver) {
      if (typeof name === 'string') reads.add(name);
      return Reflect.get(target, name, receiver) as unknown;
    },
  });
}

type Scalar = string | number | boolean | null | undefined;

/**
 * The measures of the operations a server is sent, each kept with the values of the variables it read,
 * and reused while a request of the same operation (the same parsed document: Apollo keeps one per query
 * text) has the same values for those: most pages read none (their page sizes are written in the
 * document), so their measure is computed once, not once per request.
 */
export class OperationMeasures {
  readonly #known = new WeakMap<
    OperationDefinitionNode,
    { reads: readonly string[]; values: readonly Scalar[]; measure: OperationMeasure }
  >();

  constructor(readonly schema: GraphQLSchema) {}

  measure(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    given: Variables = {},
  ): OperationMeasure {
    const known = this.#known.get(operation);
    if (known && known.reads.every((name, i) => Object.is(given[name], known.values[i]))) {
      return known.measure;
    }
    const reads = new Set<string>();
    const measure = measureOperation(this.schema, document, operation, given, reads);
    const values = [...reads].map((name) => given[name]);
    // Only scalar values are compared: a list or an object where a page size belongs is the client's
    // mistake, measured afresh each time.
    if (values.every((v) => v === null || typeof v !== 'object')) {
      this.#known.set(operation, { reads: [...reads], values: values as Scalar[], measure });
    }
    return measure;
  }
}

function sum(a: SetMeasure, b: SetMeasure): SetMeasure {
  return {
    depth: Math.max(a.depth, b.depth),
    cost: a.cost + b.cost,
    aliases: a.aliases + b.aliases,
    directives: a.directives + b.directives,
    schemaFields: a.schemaFields + b.schemaFields,
  };
}

/** The costlier of two alternatives on top of what always runs; counts take the larger, depths the deeper. */
function alternative(current: SetMeasure, branch: SetMeasure, base: SetMeasure): SetMeasure {
  const withBranch = sum(base, branch);
  return {
    depth: Math.max(current.depth, withBranch.depth),
    cost: Math.max(current.cost, withBranch.cost),
    aliases: Math.max(current.aliases, withBranch.aliases),
    directives: Math.max(current.directives, withBranch.directives),
    schemaFields: Math.max(current.schemaFields, withBranch.schemaFields),
  };
}

function fieldOf(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === '__schema' || name === '__type') {
    if (parent !== schema.getQueryType()) return undefined;
    return name === '__schema' ? SchemaMetaFieldDef : TypeMetaFieldDef;
  }
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

/**
 * A connection's children run once per item of the page it asks for (`first`/`last`, else the default
 * page size); page sizes outside 0…MAX_PAGE_SIZE are refused here, for every connection of the operation,
 * before anything runs.
 */
function fieldCost(
  node: FieldNode,
  field: GraphQLField<unknown, unknown>,
  childCost: number,
  variables: Variables,
): number {
  if (!getNamedType(field.type).name.endsWith('Connection')) return 1 + childCost;
  let size = DEFAULT_PAGE_SIZE;
  for (const name of ['first', 'last'] as const) {
    const argument = node.arguments?.find((a) => a.name.value === name);
    if (!argument) continue;
    const value = valueOf(argument.value, variables);
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE) {
      throw badInput(
        name,
        `\`${name}\` on ${field.name} must be between 0 and ${MAX_PAGE_SIZE}, got ${JSON.stringify(value)}`,
      );
    }
    size = value;
  }
  return 1 + Math.max(1, size) * Math.max(1, childCost);
}

function valueOf(value: ValueNode, variables: Variables): unknown {
  if (value.kind === Kind.VARIABLE) return variables[value.name.value];
  // Only scalars matter here (page sizes, @skip/@include conditions); lists and objects are not read.
  return value.kind === Kind.LIST || value.kind === Kind.OBJECT ? undefined : valueFromASTUntyped(value);
}

/** `@skip(if: true)` or `@include(if: false)`, with literal or variable conditions. */
function isSkipped(directives: readonly DirectiveNode[] | undefined, variables: Variables): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = directive.arguments?.find((a) => a.name.value === 'if');
    const value = condition ? valueOf(condition.value, variables) : undefined;
    if (typeof value !== 'boolean') continue;
    if ((name === 'skip' && value) || (name === 'include' && !value)) return true;
  }
  return false;
}
