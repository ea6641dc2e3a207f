// What clients see of an error, on every transport. Known API errors pass through with their code.
// Database errors become stable codes (a conflict, an outage). Client mistakes that graphql-js or Apollo
// report without one of our codes get the matching code and a 4xx. Anything else is an internal error:
// sent without details in production, and logged once, with its request id, by `reportErrors`.
import { unwrapResolverError } from '@apollo/server/errors';
import { PothosValidationError } from '@pothos/core';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import {
  databaseRefusal,
  ErrorCode,
  isDatabaseOutage,
  OUTAGE_MESSAGE,
  PROTOCOL_ERROR_CODES,
} from '../errors.js';
import type { Logger } from '../logger.js';

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
// Apollo's own codes for malformed requests are client errors too.
const APOLLO_CLIENT_CODES = new Set<string>(Object.keys(PROTOCOL_ERROR_CODES));

/** graphql-js's message when the parser stops at `maxTokens` (graphql 16 spells it "more that"). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:at|an) (\d+) tokens/;

type Verdict =
  | { kind: 'pass' }
  | { kind: 'client'; code: string; message?: string; extensions?: Record<string, unknown> }
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
  if (isDatabaseOutage(original)) return { kind: 'outage' };
  // A refusal the write pipeline did not translate already (a write outside it), translated the same way.
  const refusal = databaseRefusal(original);
  if (refusal) {
    const { code: refusalCode, ...extensions } = refusal.extensions;
    return { kind: 'client', code: String(refusalCode), message: refusal.message, extensions };
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
          extensions: {
            ...withoutStacktrace(formatted.extensions),
            ...verdict.extensions,
            code: verdict.code,
          },
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
