// Every error code a client can see, in one place. Clients switch on `extensions.code`; these strings
// are part of the API and never change meaning.
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  /** An argument or input field is invalid; `extensions.field` names it. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The requested id or slug does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** The operation needs an API key and none (or an invalid one) was given. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The API key's role may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  /** The write clashes with existing data (a duplicate slug or URL, a stale version). */
  CONFLICT: 'CONFLICT',
  /** The document is over the token limit, or a WebSocket message over the size limit. */
  QUERY_TOO_LARGE: 'QUERY_TOO_LARGE',
  /** The query nests deeper than the server allows. */
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  /** The query's estimated cost, aliases or directives exceed the server's limits (`extensions.limit`). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A WebSocket (or the server) already runs as many operations as it allows; complete one first. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** The database is unreachable; retry later. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The HTTP request itself is malformed (not JSON, a batch of operations, …). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The request body is over the size limit (HTTP 413). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** Anything unexpected. Details are logged, never sent in production. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function apiError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** Bad input, naming the argument or input field at fault (dotted path, e.g. `filter.from`). */
export const badInput = (field: string, message: string) =>
  apiError(ErrorCode.BAD_USER_INPUT, message, { field });

export const notFound = (what: string, key: string) =>
  apiError(ErrorCode.NOT_FOUND, `${what} ${JSON.stringify(key)} does not exist`);
