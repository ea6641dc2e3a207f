// The compiled read path as an Apollo Server plugin. After validation and the operation checks, a query
// whose every selected field is compilable (compile-operation.ts) is answered by ONE SQL statement that
// returns the response's `data` as JSON text, sent through the request's own Prisma client (so the
// statement counter, read routing to replicas and consistency tokens apply as to any read). Anything
// else — mutations, subscriptions, fields or scopes the compiler does not know, a root `participant`
// that is not found — returns null here and runs through normal execution, unchanged.
//
// The JSON text is spliced into the response body as it is (`stringifyResult`), never parsed; the
// response cache, which stores `data` as JSON, reads it through RawJson.toJSON.
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { getVariableValues, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import { scopesFor } from '../../auth/access.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { RequestContext } from '../context.js';
import { compileOperation, fragmentsOf, type CompiledOperation } from './compile-operation.js';
import { DataModel, NotCompilable, type RuntimeDataModel } from './prisma-sql.js';
import { ROOT_FIELDS } from './root-fields.js';

/** A response's `data` as JSON text from PostgreSQL. */
export class RawJson {
  constructor(readonly text: string) {}
  /** For whoever serialises the result object itself (the response cache). */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** Apollo's own serialisation (compact JSON and a newline), with RawJson data spliced in as it is. */
export function stringifyResult(value: FormattedExecutionResult): string {
  if (!(value.data instanceof RawJson)) return `${JSON.stringify(value)}\n`;
  const parts: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${v instanceof RawJson ? v.text : JSON.stringify(v)}`);
  }
  return `{${parts.join(',')}}\n`;
}

export interface CompiledReadsOptions {
  schema: GraphQLSchema;
  prisma: PrismaClient;
  /** Called with the reason when an operation is not compiled (tests and debugging). */
  onFallback?: (reason: string) => void;
}

export function dataModelOf(prisma: PrismaClient): DataModel | undefined {
  const runtime = (prisma as unknown as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  return runtime?.models ? new DataModel(runtime) : undefined;
}

/** The compiled statement for a request, or the reason there is none. */
export function compileRequest(
  schema: GraphQLSchema,
  dm: DataModel,
  request: Pick<GraphQLRequestContext<RequestContext>, 'document' | 'operation' | 'request' | 'contextValue'>,
): CompiledOperation | string {
  const { document, operation, contextValue } = request;
  if (!document || !operation) return 'no operation';
  if (operation.operation !== 'query') return 'not a query';
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    request.request.variables ?? {},
  );
  if (coerced.errors) return 'variables';
  try {
    return compileOperation({
      schema,
      dm,
      roots: ROOT_FIELDS,
      fragments: fragmentsOf(document),
      operation,
      variables: coerced.coerced,
      scopes: { ...scopesFor(contextValue.viewer, contextValue.access) },
      context: contextValue,
    });
  } catch (error) {
    // Anything the compiler cannot do the same way, or an input the resolvers would refuse: normal
    // execution answers it, errors included.
    return error instanceof NotCompilable ? error.message : `error: ${(error as Error).message}`;
  }
}

export function compiledReadsPlugin(options: CompiledReadsOptions): ApolloServerPlugin<RequestContext> {
  const dm = dataModelOf(options.prisma);
  const { schema, onFallback } = options;
  return {
    async requestDidStart() {
      if (!dm) return {};
      return {
        async responseForOperation(requestContext) {
          const compiled = compileRequest(schema, dm, requestContext);
          if (typeof compiled === 'string') {
            onFallback?.(compiled);
            return null;
          }
          const rows = await requestContext.contextValue.prisma.$queryRawUnsafe<
            Record<string, string | null>[]
          >(compiled.sql, ...compiled.values);
          const row = rows[0] ?? {};
          const parts: string[] = [];
          for (const root of compiled.roots) {
            const text = row[root.column] ?? null;
            if (text === null && root.refetchIfNull) {
              onFallback?.('not found');
              return null;
            }
            parts.push(`${JSON.stringify(root.key)}:${text ?? 'null'}`);
          }
          const data = new RawJson(`{${parts.join(',')}}`) as unknown as Record<string, unknown>;
          return {
            http: { headers: new HeaderMap(), status: undefined },
            body: { kind: 'single', singleResult: { data } },
          };
        },
      };
    },
  };
}
