// Refuses text PostgreSQL cannot store or compare: a NUL character anywhere in a string argument or
// variable. Left alone, it reaches the database as an "invalid byte sequence" error and comes back as an
// internal error; no legitimate slug, name or search contains one.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { apiError, ErrorCode } from '../errors.js';

/** Iterative, not recursive: variables nested 20,000 deep must not overflow the stack. */
function hasNul(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\0')) return true;
    } else if (value && typeof value === 'object') {
      for (const item of Object.values(value)) pending.push(item);
    }
  }
  return false;
}

function documentHasNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.STRING]: (node) => {
      if (node.value.includes('\0')) found = true;
    },
  });
  return found;
}

/** The first input of an operation the API refuses, or undefined; run before anything executes. */
export function checkOperationInputs(
  _schema: GraphQLSchema,
  document: DocumentNode,
  _operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): GraphQLError | undefined {
  if (hasNul(variables) || documentHasNul(document)) {
    return apiError(ErrorCode.BAD_USER_INPUT, 'Text arguments must not contain NUL (U+0000) characters', {
      http: { status: 400 },
    });
  }
  return undefined;
}
