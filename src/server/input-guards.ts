// Refuses text PostgreSQL cannot store or compare: a NUL character anywhere in a string argument or
// variable. Left alone, it reaches the database as an "invalid byte sequence" error and comes back as an
// internal error; no legitimate slug, name or search contains one.
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode } from 'graphql';
import { apiError, ErrorCode } from '../errors.js';

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.values(value).some(hasNul);
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
