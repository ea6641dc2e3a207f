// Every error code a client can see, in one place, with its HTTP status and meaning (docs/errors.md is
// printed from here and checked by tests/docs.test.ts), and the translation of the database's errors into
// them (refusals and outages), for GraphQL and plain HTTP alike. Clients switch on `extensions.code`;
// these strings are part of the API and never change meaning.
import { GraphQLError } from 'graphql';
import { DriverAdapterError } from '@prisma/driver-adapter-utils';
import { Prisma } from '../generated/prisma/client.js';

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
  PERSISTED_QUERY_NOT_SUPPORTED: {
    status: '400',
    meaning: 'Automatic persisted queries are turned off on this server; send the query text.',
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

// ---------------------------------------------------------------------------------------------------
// The database's errors, translated (the error formatter, the write pipeline and the export use these)
// ---------------------------------------------------------------------------------------------------

/**
 * SQLSTATEs of an outage rather than a bad query: connection exceptions (08…), the server shutting down,
 * restarting or refusing connections (57P01–57P03, 53300), and a statement cut off by
 * `statement_timeout` (57014), which is how an overloaded database shows.
 */
const OUTAGE_SQLSTATE = /^(08|57P0[1-3]$|53300$|57014$)/;
/** Text PostgreSQL cannot store (22021, e.g. a NUL byte) is the client's input, not our bug. */
const BAD_TEXT_SQLSTATE = /^(22021|22P05)$/;

/**
 * What the driver adapter reported: the `cause` of its error, thrown as it is by a direct read
 * (db/direct-reads.ts) and carried in `meta` when it comes through Prisma.
 */
interface AdapterCause {
  kind?: string;
  originalCode?: string;
  originalMessage?: string;
  table?: string;
  constraint?: { fields?: string[]; index?: string };
}
function adapterCause(error: unknown): AdapterCause | undefined {
  if (error instanceof DriverAdapterError) return error.cause as AdapterCause;
  if (error instanceof Prisma.PrismaClientKnownRequestError)
    return (error.meta?.driverAdapterError as { cause?: AdapterCause } | undefined)?.cause;
  return undefined;
}

/** The SQLSTATE the driver adapter saw, if the error came from PostgreSQL. */
function sqlState(error: unknown): string | undefined {
  const code = adapterCause(error)?.originalCode;
  return typeof code === 'string' ? code : undefined;
}

/** The adapter's kinds for a database it cannot reach or that went away (the rest are per statement). */
const OUTAGE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
]);

/** Whether an error means the database is unreachable or overloaded (retrying later will help). */
export function isDatabaseOutage(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  // P2024 (no pool connection in time) and P2028 (a transaction that could not start in time, or whose
  // connection went away under it) are what a busy or crashing database looks like from inside a write.
  if (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    ['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028'].includes(error.code)
  )
    return true;
  const kind = adapterCause(error)?.kind;
  if (kind && OUTAGE_KINDS.has(kind)) return true;
  const state = sqlState(error);
  if (state && OUTAGE_SQLSTATE.test(state)) return true;
  const message = error instanceof Error ? error.message : '';
  return /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|the database system is (starting|shutting)|not queryable|terminating connection|timeout exceeded when trying to connect|Server has closed the connection/i.test(
    message,
  );
}

/** What clients are told during an outage, on every transport (GraphQL, the export). */
export const OUTAGE_MESSAGE = 'The database is unavailable; retry shortly';

/** An error answered outside GraphQL (the export, Express's handlers) with an HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The body of an error answered outside GraphQL: shaped as GraphQL's, so clients read one format. */
export function httpErrorBody(code: ErrorCode, message: string, field?: string) {
  return { errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }] };
}

const COLUMN_TO_FIELD: Record<string, string> = {
  slug: 'slug',
  url: 'url',
  iso_code: 'isoCode',
  name: 'name',
};

/** The columns of a unique violation, wherever this Prisma version puts them. */
function uniqueFields(error: Prisma.PrismaClientKnownRequestError): string[] {
  const cause = adapterCause(error);
  // A raw statement's violation may name only the index: Prisma's `<table>_<columns>_key`.
  const index = cause?.constraint?.index;
  const fromIndex =
    index && cause?.table && index.startsWith(`${cause.table}_`) && index.endsWith('_key')
      ? [index.slice(cause.table.length + 1, -'_key'.length)]
      : undefined;
  const fields =
    cause?.constraint?.fields ?? (error.meta as { target?: string[] | string })?.target ?? fromIndex ?? [];
  return (Array.isArray(fields) ? fields : [fields]).map((f) => f.replaceAll('"', ''));
}

/** The Prisma code of a refusal, also for raw statements (P2010), whose adapter error names its kind. */
function codeOf(error: Prisma.PrismaClientKnownRequestError): string {
  if (error.code !== 'P2010') return error.code;
  const kind = adapterCause(error)?.kind;
  if (kind === 'UniqueConstraintViolation') return 'P2002';
  if (kind === 'ForeignKeyConstraintViolation') return 'P2003';
  if (kind === 'TransactionWriteConflict') return 'P2034';
  return error.code;
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return '';
  return `${error.message} ${adapterCause(error)?.originalMessage ?? ''}`;
}

/**
 * A database refusal as an API error: the database's own guarantees (unique keys, foreign keys, checks,
 * the provenance triggers, text it cannot store) surfacing with a stable code instead of an internal
 * error. Undefined for anything else (outages included: see isDatabaseOutage).
 */
export function databaseRefusal(error: unknown): GraphQLError | undefined {
  if (error instanceof GraphQLError) return undefined;
  const message = messageOf(error);
  if (/has no citation|would leave .* (uncited|without a citation)|_requires_citation/.test(message))
    return apiError(
      ErrorCode.BAD_USER_INPUT,
      'Every claim needs at least one citation (a source and a verbatim quote)',
      {
        field: 'citations',
      },
    );
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const code = codeOf(error);
    if (code === 'P2002') {
      const columns = uniqueFields(error);
      const field = columns.map((c) => COLUMN_TO_FIELD[c] ?? c).join(', ') || undefined;
      return apiError(
        ErrorCode.CONFLICT,
        field
          ? `Another record already has this ${field}`
          : 'A record with the same unique values already exists',
        field ? { field } : {},
      );
    }
    if (code === 'P2003')
      return apiError(
        ErrorCode.CONFLICT,
        'The write refers to a record that does not exist, or removes one still in use',
      );
    if (code === 'P2034')
      return apiError(ErrorCode.CONFLICT, 'The write clashed with a concurrent write; retry it');
  }
  const state = sqlState(error);
  if (state && BAD_TEXT_SQLSTATE.test(state))
    return apiError(ErrorCode.BAD_USER_INPUT, 'The input contains text the database cannot store');
  const check = /violates check constraint "([a-z_]+)"/.exec(message);
  if (check)
    return apiError(ErrorCode.BAD_USER_INPUT, `The database refused the values (${check[1]})`, {
      field: check[1],
    });
  return undefined;
}
