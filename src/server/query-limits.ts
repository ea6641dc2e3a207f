// Protects the server from queries that are too deep or too expensive, and tells every client what its
// query cost: `extensions.cost` = { requested, maximum }. Depth is measured by graphql-depth-limit and
// cost estimated by graphql-query-complexity, with connections weighted by the page size they ask for.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, validate, type GraphQLSchema } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { apiError, badInput, ErrorCode } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../graphql/builder.js';
import type { RequestContext } from '../graphql/context.js';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/**
 * A connection costs its children times the page size asked for (or the default page size). Page sizes
 * over the maximum are refused here, for every connection at once, rather than silently clamped.
 */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const typeName = String(field.type).replace(/[[\]!]/g, '');
  if (!typeName.endsWith('Connection')) return undefined;
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value !== undefined && value !== null && (value < 0 || value > MAX_PAGE_SIZE)) {
      throw badInput(
        name,
        `\`${name}\` on ${field.name} must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`,
      );
    }
  }
  const size = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
  return 1 + Math.max(1, size) * Math.max(1, childComplexity);
};

export function queryLimitsPlugin(
  schema: GraphQLSchema,
  limits: QueryLimits,
): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ document, request }) {
          const depthErrors = validate(schema, document, [depthLimit(limits.maxDepth)]);
          if (depthErrors.length > 0) {
            throw apiError(
              ErrorCode.QUERY_TOO_DEEP,
              `Query is nested deeper than the limit of ${limits.maxDepth}`,
              {
                maximum: limits.maxDepth,
                http: { status: 400 },
              },
            );
          }
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (error) {
            // Client errors, answered with HTTP 400: the estimator's page-size errors (with their code),
            // the library's cap on selections (10,000, reached by fragment spreads repeated by the
            // thousand) and variables that do not fit their types (graphql-js's own message, no code).
            if (error instanceof GraphQLError) {
              const code =
                error.extensions.code ??
                (/maximum allowed number of nodes/.test(error.message)
                  ? ErrorCode.QUERY_TOO_COMPLEX
                  : ErrorCode.BAD_USER_INPUT);
              throw new GraphQLError(error.message, {
                extensions: { ...error.extensions, code, http: { status: 400 } },
              });
            }
            throw error;
          }
          if (cost > limits.maxCost) {
            throw apiError(
              ErrorCode.QUERY_TOO_COMPLEX,
              `Query cost ${cost} exceeds the limit of ${limits.maxCost}; ask for smaller pages or fewer nested lists`,
              { cost, maximum: limits.maxCost, http: { status: 400 } },
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            ...(cost !== undefined ? { cost: { requested: cost, maximum: limits.maxCost } } : {}),
            sql: { statements: contextValue.tally.statements },
          };
        },
      };
    },
  };
}
