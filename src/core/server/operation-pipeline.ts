// One pipeline for every GraphQL operation, whichever transport brings it: parse with a token limit,
// validate with graphql-js's rules, resolve the operation, then check it against the limits and its inputs
// against their bounds, all before anything executes. Apollo runs the first three steps for HTTP with
// the same parse options (plus `check` in a plugin); `prepare` runs all of them for WebSocket.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
} from 'graphql';
import { ErrorCode } from '../errors.js';
import type { RequestContext } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { reportErrors } from './format-error.js';
import { checkOperationInputs } from './input-guards.js';
import { LIMITS, type LimitName, type LimitValues } from './limits.js';
import { OperationMeasures } from './operation-measure.js';

export type Transport = 'http' | 'websocket';

/** What a client sends, on either transport. */
export interface OperationRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

export interface PreparedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  cost: number;
}

const refuse = (code: string, message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions, http: { status: 400 } } });

export class OperationPipeline {
  readonly parseOptions: ParseOptions;
  readonly #measures: OperationMeasures;

  constructor(
    private readonly schema: GraphQLSchema,
    readonly limits: LimitValues,
  ) {
    this.parseOptions = { maxTokens: limits.tokens };
    this.#measures = new OperationMeasures(schema);
  }

  /**
   * The checks after validation, before execution: the operation exists, may run on this transport, is
   * within every limit, and its inputs are within their bounds. Time linear in the document's size.
   */
  check(
    document: DocumentNode,
    operation: OperationDefinitionNode | undefined | null,
    operationName: string | undefined,
    variables: Record<string, unknown> | undefined,
    transport: Transport,
  ): { error: GraphQLError } | { cost: number } {
    if (!operation) {
      return {
        error: refuse(
          'OPERATION_RESOLUTION_FAILURE',
          operationName
            ? `The document has no operation named ${JSON.stringify(operationName.slice(0, 100))}`
            : 'The document has several operations: say which to run in `operationName`',
        ),
      };
    }
    if (operation.operation === 'subscription' && transport === 'http') {
      return {
        error: refuse(
          ErrorCode.BAD_REQUEST,
          'Subscriptions are served over WebSocket (graphql-ws protocol) at /graphql, not over HTTP',
        ),
      };
    }
    let measure;
    try {
      measure = this.#measures.measure(document, operation, variables);
    } catch (error) {
      if (error instanceof GraphQLError) return { error: withStatus(error) };
      throw error;
    }
    const over = (name: LimitName, actual: number): GraphQLError | undefined =>
      actual > this.limits[name]
        ? refuse(
            LIMITS[name].code,
            `${LIMITS[name].label} ${actual > 1e15 ? 'is astronomically' : `is ${actual},`} over the limit of ${this.limits[name]}`,
            { limit: name, maximum: this.limits[name], ...(name === 'cost' ? { cost: actual } : {}) },
          )
        : undefined;
    const error =
      over('depth', measure.depth) ??
      over('aliases', measure.aliases) ??
      over('directives', measure.directives) ??
      over('schemaFields', measure.schemaFields) ??
      over('cost', measure.cost) ??
      checkOperationInputs(this.schema, document, operation, variables);
    return error ? { error: withStatus(error) } : { cost: measure.cost };
  }

  /** The whole pipeline, for a transport that brings its own request (WebSocket). */
  prepare(request: OperationRequest, transport: Transport): PreparedOperation | { errors: GraphQLError[] } {
    if (typeof request.query !== 'string' || request.query === '') {
      return { errors: [refuse(ErrorCode.BAD_REQUEST, 'The request must carry a non-empty `query`')] };
    }
    if (request.operationName != null && typeof request.operationName !== 'string') {
      return { errors: [refuse(ErrorCode.BAD_REQUEST, '`operationName` must be a string')] };
    }
    const variables = request.variables ?? undefined;
    if (variables !== undefined && (typeof variables !== 'object' || Array.isArray(variables))) {
      return { errors: [refuse(ErrorCode.BAD_REQUEST, '`variables` must be an object')] };
    }
    let document: DocumentNode;
    try {
      document = parse(request.query, this.parseOptions);
    } catch (error) {
      // The formatter tells the token limit (QUERY_TOO_LARGE) from other syntax errors, as for HTTP.
      return {
        errors: [refuse('GRAPHQL_PARSE_FAILED', error instanceof Error ? error.message : String(error))],
      };
    }
    const invalid = validate(this.schema, document, specifiedRules);
    if (invalid.length > 0) {
      return {
        errors: invalid.map(
          (e) =>
            new GraphQLError(e.message, {
              nodes: e.nodes,
              extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
            }),
        ),
      };
    }
    const operationName = request.operationName ?? undefined;
    const operation = getOperationAST(document, operationName);
    const checked = this.check(
      document,
      operation,
      operationName,
      variables as Record<string, unknown> | undefined,
      transport,
    );
    if ('error' in checked) return { errors: [checked.error] };
    // Variables that do not fit their types are the client's mistake, as Apollo answers them on HTTP;
    // left to execute, they would come back as errors with no code.
    const coerced = getVariableValues(
      this.schema,
      operation!.variableDefinitions ?? [],
      (variables as Record<string, unknown> | undefined) ?? {},
      { maxErrors: 10 },
    );
    if (coerced.errors) {
      return {
        errors: coerced.errors.map((e) => refuse(ErrorCode.BAD_USER_INPUT, e.message.slice(0, 500))),
      };
    }
    return {
      document,
      operation: operation!,
      operationName,
      variables: variables as Record<string, unknown> | undefined,
      cost: checked.cost,
    };
  }

  /** The same checks for Apollo's HTTP pipeline, plus `extensions.cost`/`sql` and the error log. */
  apolloPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
    const pipeline = this;
    return {
      async requestDidStart() {
        let cost: number | undefined;
        return {
          async didResolveOperation({ document, operation, request }) {
            const checked = pipeline.check(
              document,
              operation,
              request.operationName ?? undefined,
              request.variables ?? undefined,
              'http',
            );
            if ('error' in checked) throw checked.error;
            cost = checked.cost;
          },
          async didEncounterErrors({ errors, contextValue }) {
            reportErrors(logger, errors, contextValue.requestId);
          },
          async willSendResponse({ response, contextValue }) {
            if (response.body.kind !== 'single') return;
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              ...(cost !== undefined ? { cost: { requested: cost, maximum: pipeline.limits.cost } } : {}),
              sql: { statements: contextValue.tally.statements },
            };
          },
        };
      },
    };
  }
}

function withStatus(error: GraphQLError): GraphQLError {
  if (error.extensions.http) return error;
  return new GraphQLError(error.message, {
    extensions: { ...error.extensions, http: { status: 400 } },
  });
}
