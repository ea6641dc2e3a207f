// What clients see of an error. Known API errors pass through with their code. Database errors become
// stable codes (a conflict, an outage). Anything else is an internal error: logged in full, and sent
// without details or stack traces in production.
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { Prisma } from '../generated/prisma/client.js';
import { ErrorCode, PROTOCOL_ERROR_CODES } from '../errors.js';
import type { Logger } from '../logger.js';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
// Apollo's own codes for malformed requests are client errors too.
const APOLLO_CLIENT_CODES = new Set<string>([...Object.keys(PROTOCOL_ERROR_CODES), ErrorCode.BAD_REQUEST]);

/** A client's error needs no stack trace, in any mode: only unexpected errors keep theirs (outside production). */
function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

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
    if (['P1001', 'P1002', 'P1008', 'P1017', 'P2024'].includes(error.code))
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

export function createErrorFormatter(options: { production: boolean; logger: Logger }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? '');
    if (KNOWN_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR)
      return withoutStacktrace(formatted);
    if (APOLLO_CLIENT_CODES.has(code)) return withoutStacktrace(formatted);
    const original = unwrapResolverError(error);
    const dbCode = databaseErrorCode(original);
    if (dbCode === ErrorCode.SERVICE_UNAVAILABLE) {
      options.logger.warn({ err: original }, 'database unavailable');
      return {
        message: 'The database is unavailable; retry shortly',
        path: formatted.path,
        extensions: { code: dbCode },
      };
    }
    if (dbCode === ErrorCode.BAD_USER_INPUT) {
      return {
        message: 'The input contains text the database cannot store',
        path: formatted.path,
        extensions: { code: dbCode },
      };
    }
    // Pothos refuses malformed global ids and cursors this way: the client's input, not our bug. Its
    // message quotes the input, which may be huge.
    if (original instanceof PothosValidationError) {
      const message = original.message.length > 200 ? `${original.message.slice(0, 200)}…` : original.message;
      return { message, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    if (dbCode === ErrorCode.CONFLICT) {
      return {
        message: 'A record with the same unique value already exists',
        path: formatted.path,
        extensions: { code: dbCode },
      };
    }
    if (original instanceof GraphQLError && !code) return formatted;
    options.logger.error({ err: original, path: formatted.path }, 'unexpected error');
    if (options.production) {
      return {
        message: 'Internal server error',
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
    }
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
