// Loads every domain's types into the builder and returns the executable schema.
import './core/graphql/scalars.js';
import './core/graphql/enums.js';
import './modules/event/event.schema.js';
import './modules/event/codes/event-codes.schema.js';
import './modules/dyad/dyad.schema.js';
import './modules/participant/participant.schema.js';
import './modules/participant/remark.schema.js';
import './modules/agreement/agreement.schema.js';
import './modules/source/source.schema.js';
import './modules/source/conflict.schema.js';
import './modules/source/basis.schema.js';
import './modules/relationship/relationship.schema.js';
import './modules/search/search.schema.js';
import './core/write/mutation-support.js';
import './modules/event/event.mutations.js';
import './modules/participant/participant.mutations.js';
import './modules/participant/position.mutations.js';
import './modules/participant/remark.mutations.js';
import './modules/source/source.mutations.js';
import './modules/agreement/agreement.mutations.js';
import './core/auth/auth.schema.js';
import './modules/audit/audit.schema.js';
import './core/live/live.schema.js';
import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import type { GraphQLArgument, GraphQLInputField, GraphQLInputType } from 'graphql';
import { rootFieldsWithoutAccessRule } from './core/auth/access.js';
import { builder } from './core/graphql/builder.js';
import { CURSOR_ARGS, cursorFormatOf } from './core/graphql/cursors.js';
import { boundOf, boundSentence } from './core/graphql/input-limits.js';

export const schema = builder.toSchema({ sortSchema: true });

// The Prisma plugin adds `totalCount` to connections without a way to describe it; describe it here so
// that every field in the schema is documented.
for (const type of Object.values(schema.getTypeMap())) {
  if (isObjectType(type) && type.name.endsWith('Connection')) {
    const totalCount = type.getFields().totalCount;
    if (totalCount && !totalCount.description)
      totalCount.description = 'How many results there are across all pages.';
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

// Secure by default: a root field that does not say who may call it is a bug, caught before serving.
const undeclared = rootFieldsWithoutAccessRule(schema);
if (undeclared.length > 0)
  throw new Error(`These root fields declare no authScopes (who may call them): ${undeclared.join(', ')}`);
