// Refuses text PostgreSQL cannot store or compare: a NUL character anywhere in a string argument or
// variable. Left alone, it reaches the database as an "invalid byte sequence" error and comes back as an
// internal error; no legitimate slug, name or search contains one.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode } from 'graphql';
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

export function inputGuardsPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          if (hasNul(request.variables) || documentHasNul(document)) {
            throw apiError(
              ErrorCode.BAD_USER_INPUT,
              'Text arguments must not contain NUL (U+0000) characters',
              { http: { status: 400 } },
            );
          }
        },
      };
    },
  };
}
