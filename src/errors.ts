// Every error code a client can see, in one place, with its HTTP status and meaning (docs/errors.md is
// printed from here and checked by tests/docs.test.ts). Clients switch on `extensions.code`; these
// strings are part of the API and never change meaning.
import { GraphQLError } from 'graphql';

/** How a code reaches the client: its HTTP status, and what it means. docs/errors.md is printed from this. */
export interface ErrorCodeInfo {
  /** The HTTP status of a response carrying it ("200" when it sits in `errors` beside partial `data`). */
  readonly status: string;
  readonly meaning: string;
}

/** The codes this API raises. */
export const API_ERROR_CODES = {
  BAD_USER_INPUT: {
    status: '200 (400 when a variable has the wrong type)',
    meaning: 'An argument or input field is invalid; `extensions.field` names it.',
  },
  NOT_FOUND: {
    status: '200 (404 for an unknown URL)',
    meaning: 'The requested id or slug does not exist; the field is null.',
  },
  UNAUTHENTICATED: {
    status: '401 for a bad key (the whole request fails); 200 for a field that needs a key',
    meaning: 'The operation needs an API key and none (or an unknown, revoked or expired one) was given.',
  },
  FORBIDDEN: { status: '200', meaning: 'The API key’s role may not do this.' },
  CONFLICT: {
    status: '200',
    meaning:
      'The write clashes with existing data (a duplicate slug or URL, a stale version, a reused idempotency key).',
  },
  QUERY_TOO_LARGE: {
    status: '400 (over WebSocket: an error for that operation)',
    meaning: 'The document is over the token limit, or a WebSocket message over the size limit.',
  },
  QUERY_TOO_DEEP: { status: '400', meaning: 'The query nests deeper than the server allows.' },
  QUERY_TOO_COMPLEX: {
    status: '400',
    meaning:
      'The query’s estimated cost, aliases or directives exceed the server’s limits (`extensions.limit`; see limits.md).',
  },
  TOO_MANY_SUBSCRIPTIONS: {
    status: 'WebSocket only: an error for that subscription',
    meaning: 'A WebSocket (or the server) already runs as many operations as it allows; complete one first.',
  },
  SERVICE_UNAVAILABLE: {
    status: '503, with Retry-After',
    meaning: 'The database is unreachable or overloaded; retry later.',
  },
  BAD_REQUEST: {
    status: '400',
    meaning:
      'The HTTP request itself is malformed (not JSON, a batch of operations, a form or text/plain POST).',
  },
  PAYLOAD_TOO_LARGE: { status: '413', meaning: 'The request body is over the size limit.' },
  INTERNAL_SERVER_ERROR: {
    status: '200 beside partial data, 500 outside GraphQL',
    meaning: 'Anything unexpected. Details are logged, never sent in production.',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** Codes Apollo Server raises itself before any resolver runs; clients see them too. */
export const PROTOCOL_ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: { status: '400', meaning: 'The query is not valid GraphQL syntax.' },
  GRAPHQL_VALIDATION_FAILED: {
    status: '400',
    meaning: 'The query does not match the schema (an unknown field, a missing argument).',
  },
  OPERATION_RESOLUTION_FAILURE: {
    status: '400',
    meaning: 'The document has several operations and `operationName` names none of them.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    status: '200',
    meaning:
      'Automatic persisted queries: the server does not know this hash yet; send the query text with it once (Apollo Client’s persisted-queries link does this by itself).',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

type ApiErrorCodeName = keyof typeof API_ERROR_CODES;
export const ErrorCode = Object.fromEntries(Object.keys(API_ERROR_CODES).map((code) => [code, code])) as {
  readonly [Code in ApiErrorCodeName]: Code;
};
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
