// Finishes the executable schema once the domains' types are loaded into the builder (see src/schema.ts).
import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { GraphQLArgument, GraphQLInputField, GraphQLInputType, GraphQLSchema } from 'graphql';
import { rootFieldsWithoutAccessRule } from '../auth/access.js';
import { builder } from './builder.js';
import { CURSOR_ARGS, cursorFormatOf } from './cursors.js';
import { boundOf, boundSentence } from './input-limits.js';

/**
 * The executable schema from whatever the composition root (src/schema.ts) has loaded into the builder,
 * finished the same way for every type: connections' totalCount described, each input's bound stated,
 * and every root field checked to declare who may call it.
 */
export function buildSchema(): GraphQLSchema {
  const schema = builder.toSchema({ sortSchema: true });
  describeTotalCounts(schema);
  describeBounds(schema);
  refuseUndeclaredRootFields(schema);
  return schema;
}

// The Prisma plugin adds `totalCount` to connections without a way to describe it; describe it here so
// that every field in the schema is documented.
function describeTotalCounts(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && type.name.endsWith('Connection')) {
      const totalCount = type.getFields().totalCount;
      if (totalCount && !totalCount.description)
        totalCount.description = 'How many results there are across all pages.';
    }
  }
}

// Every input states its bound (src/core/graphql/input-limits.ts), from the declaration the checks use.
function describeBound(input: GraphQLArgument | GraphQLInputField, coordinate: string, isCursor = false) {
  const type: GraphQLInputType = isNonNullType(input.type) ? input.type.ofType : input.type;
  const named = getNamedType(type);
  const bound = boundOf(coordinate, isScalarType(named) ? named.name : undefined, isListType(type), isCursor);
  const sentence = boundSentence(bound);
  if (sentence) input.description = input.description ? `${input.description} ${sentence}` : sentence;
}

function describeBounds(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isInputObjectType(type))
      for (const field of Object.values(type.getFields())) describeBound(field, `${type.name}.${field.name}`);
    if (isObjectType(type))
      for (const field of Object.values(type.getFields()))
        for (const arg of field.args)
          describeBound(
            arg,
            `${type.name}.${field.name}(${arg.name})`,
            CURSOR_ARGS.has(arg.name) && cursorFormatOf(field) !== undefined,
          );
  }
}

// Secure by default: a root field that does not say who may call it is a bug, caught before serving.
function refuseUndeclaredRootFields(schema: GraphQLSchema): void {
  const undeclared = rootFieldsWithoutAccessRule(schema);
  if (undeclared.length > 0)
    throw new Error(`These root fields declare no authScopes (who may call them): ${undeclared.join(', ')}`);
}
