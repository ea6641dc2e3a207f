// What clients see of an error, on every transport. Known API errors pass through with their code.
// Database errors become stable codes (a conflict, an outage). Client mistakes that graphql-js or Apollo
// report without one of our codes get the matching code and a 4xx. Anything else is an internal error:
// sent without details in production, and logged once, with its request id, by `reportErrors`.
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { Prisma } from '../generated/prisma/client.js';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
// Apollo's own codes for malformed requests are client errors too.
const APOLLO_CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** graphql-js's message when the parser stops at `maxTokens` (graphql 16 spells it "more that"). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/;

/**
 * SQLSTATEs of an outage rather than a bad query: connection exceptions (08…), the server shutting down,
 * restarting or refusing connections (57P01–57P03, 53300), and a statement cut off by
 * `statement_timeout` (57014), which is how an overloaded database shows.
 */
const OUTAGE_SQLSTATE = /^(08|57P0[1-3]$|53300$|57014$)/;
/** Text PostgreSQL cannot store (22021, e.g. a NUL byte) is the client's input, not our bug. */
const BAD_TEXT_SQLSTATE = /^(22021|22P05)$/;

/** The SQLSTATE the driver adapter saw, if the error came from PostgreSQL. */
function sqlState(error: Prisma.PrismaClientKnownRequestError): string | undefined {
  const cause = (error.meta?.driverAdapterError as { cause?: { originalCode?: unknown } } | undefined)?.cause;
  return typeof cause?.originalCode === 'string' ? cause.originalCode : undefined;
}

function databaseErrorCode(error: unknown): ErrorCode | undefined {
  if (error instanceof Prisma.PrismaClientInitializationError) return ErrorCode.SERVICE_UNAVAILABLE;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002') return ErrorCode.CONFLICT;
    // P2024 (no pool connection in time) and P2028 (a transaction that could not start in time, or whose
    // connection went away under it) are what a busy or crashing database looks like from inside a write.
    if (['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028'].includes(error.code))
      return ErrorCode.SERVICE_UNAVAILABLE;
    const state = sqlState(error);
    if (state && OUTAGE_SQLSTATE.test(state)) return ErrorCode.SERVICE_UNAVAILABLE;
    if (state && BAD_TEXT_SQLSTATE.test(state)) return ErrorCode.BAD_USER_INPUT;
  }
  const message = error instanceof Error ? error.message : '';
  if (
    /ECONNREFUSED|ECONNRESET|Connection terminated|connection timeout|the database system is (starting|shutting)|not queryable|terminating connection|timeout exceeded when trying to connect|Server has closed the connection/i.test(
      message,
    )
  ) {
    return ErrorCode.SERVICE_UNAVAILABLE;
  }
  return undefined;
}

/** Whether an error means the database is unreachable or overloaded (retrying later will help). */
export function isDatabaseOutage(error: unknown): boolean {
  return databaseErrorCode(error) === ErrorCode.SERVICE_UNAVAILABLE;
}

type Verdict =
  | { kind: 'pass' }
  | { kind: 'client'; code: string; message?: string }
  | { kind: 'outage' }
  | { kind: 'unexpected' };

/** How an error is answered; the one decision both the formatter and the error log follow. */
function judge(code: string, error: unknown): Verdict {
  if (KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { kind: 'pass' };
  if (code === 'GRAPHQL_PARSE_FAILED' && error instanceof GraphQLError) {
    const limit = TOKEN_LIMIT_MESSAGE.exec(error.message)?.[1];
    return limit
      ? {
          kind: 'client',
          code: ErrorCode.QUERY_TOO_LARGE,
          message: `The document has more than ${limit} tokens, the limit; send a smaller query`,
        }
      : { kind: 'pass' };
  }
  if (APOLLO_CLIENT_CODES.has(code)) return { kind: 'pass' };
  const original = unwrapResolverError(error);
  const dbCode = databaseErrorCode(original);
  if (dbCode === ErrorCode.SERVICE_UNAVAILABLE) return { kind: 'outage' };
  if (dbCode === ErrorCode.BAD_USER_INPUT) {
    return { kind: 'client', code: dbCode, message: 'The input contains text the database cannot store' };
  }
  if (dbCode === ErrorCode.CONFLICT) {
    return { kind: 'client', code: dbCode, message: 'A record with the same unique value already exists' };
  }
  // Pothos refuses malformed global ids and cursors this way: the client's input, not our bug. Its
  // message quotes the input, which may be huge.
  if (original instanceof PothosValidationError) {
    const message = original.message.length > 200 ? `${original.message.slice(0, 200)}…` : original.message;
    return { kind: 'client', code: ErrorCode.BAD_USER_INPUT, message };
  }
  if (original instanceof GraphQLError && !original.extensions.code) {
    // Apollo's refusals of a request (a persisted-query hash that does not match, an unsupported
    // version) carry a 4xx status and no code.
    const status = (original.extensions.http as { status?: number } | undefined)?.status;
    if (status && status >= 400 && status < 500) return { kind: 'client', code: ErrorCode.BAD_REQUEST };
    // graphql-js's request errors, outside any resolver: variables that do not fit their types (Apollo
    // codes those on HTTP; over WebSocket they arrive bare).
    if (!original.originalError && !original.path) return { kind: 'client', code: ErrorCode.BAD_USER_INPUT };
  }
  return { kind: 'unexpected' };
}

const OUTAGE_MESSAGE = 'The database is unavailable; retry shortly';

export function createErrorFormatter(options: { production: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? '');
    const verdict = judge(code, error);
    switch (verdict.kind) {
      case 'pass':
        // A client's error needs no stack trace in any mode; only unexpected errors keep theirs.
        return { ...formatted, extensions: withoutStacktrace(formatted.extensions) };
      case 'client':
        return {
          ...formatted,
          message: verdict.message ?? formatted.message,
          extensions: { ...withoutStacktrace(formatted.extensions), code: verdict.code },
        };
      case 'outage':
        return {
          message: OUTAGE_MESSAGE,
          path: formatted.path,
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
        };
      case 'unexpected':
        if (options.production) {
          return {
            message: 'Internal server error',
            path: formatted.path,
            extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
          };
        }
        return {
          ...formatted,
          extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR },
        };
    }
  };
}

function withoutStacktrace(extensions: Record<string, unknown> | undefined) {
  const { stacktrace: _stacktrace, ...rest } = extensions ?? {};
  return rest;
}

/**
 * Logs the errors of one operation that are not the client's doing: an unexpected error once, in full,
 * at error level; an outage at warn. Client mistakes are not errors of ours and are not logged here
 * (the request log line records the 4xx).
 */
export function reportErrors(
  logger: Logger,
  errors: readonly unknown[],
  requestId: string | undefined,
): void {
  for (const error of errors) {
    const code = error instanceof GraphQLError ? String(error.extensions?.code ?? '') : '';
    const verdict = judge(code, error);
    const path = error instanceof GraphQLError ? error.path : undefined;
    if (verdict.kind === 'outage') {
      logger.warn({ err: unwrapResolverError(error), requestId }, 'database unavailable');
    } else if (verdict.kind === 'unexpected') {
      logger.error({ err: unwrapResolverError(error), path, requestId }, 'unexpected error');
    }
  }
}
