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
import { getVariableValues, Kind, type FormattedExecutionResult, type GraphQLSchema } from 'graphql';
import { scopesFor } from '../../auth/access.js';
import type { PrismaClient } from '../../../generated/prisma/client.js';
import type { RequestContext } from '../context.js';
import {
  compileOperation,
  fragmentsOf,
  type CompiledOperation,
  type RootCompiler,
} from './compile-operation.js';
import { DataModel, NotCompilable, type RuntimeDataModel } from './prisma-sql.js';

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

/** The root fields a compiled read may start from, by name (the composition root's src/compiled-roots.ts). */
export type CompiledRoots = Record<string, RootCompiler>;

export interface CompiledReadsOptions {
  schema: GraphQLSchema;
  prisma: PrismaClient;
  roots: CompiledRoots;
  /** Called with the reason when an operation is not compiled (tests and debugging). */
  onFallback?: (reason: string) => void;
}

export function dataModelOf(prisma: PrismaClient): DataModel | undefined {
  const runtime = (prisma as unknown as { _runtimeDataModel?: RuntimeDataModel })._runtimeDataModel;
  return runtime?.models ? new DataModel(runtime) : undefined;
}

type Request = Pick<
  GraphQLRequestContext<RequestContext>,
  'document' | 'operation' | 'request' | 'contextValue'
>;

function compileWith(
  roots: CompiledRoots,
  schema: GraphQLSchema,
  dm: DataModel,
  request: Request,
  variables: Record<string, unknown>,
  scopes: Record<string, boolean>,
): CompiledOperation | string {
  try {
    return compileOperation({
      schema,
      dm,
      roots,
      fragments: fragmentsOf(request.document!),
      operation: request.operation!,
      variables,
      scopes,
      context: request.contextValue,
    });
  } catch (error) {
    // Anything the compiler cannot do the same way, or an input the resolvers would refuse: normal
    // execution answers it, errors included.
    return error instanceof NotCompilable ? error.message : `error: ${(error as Error).message}`;
  }
}

/** Top-level variables of these types only ever become bound parameters, so one plan serves any value. */
const OPAQUE_VARIABLE_TYPES = new Set(['String', 'ID']);
const sentinel = (i: number) => `\u0000jv-compiled-variable-${i}\u0000`;

/**
 * Compiled statements by operation: the document (Apollo keeps one parsed document per query text), the
 * caller's scopes and the variables, where string and id variables are left out of the key. Those are
 * compiled as sentinels and bound per request; a plan in which a sentinel shows up anywhere but as a
 * whole parameter (or that fails with sentinels) is not cached.
 */
/** The longest cache key kept (document id, operation name, scopes and the keyed variables). */
const MAX_PLAN_KEY_CHARS = 2048;

export class PlanCache {
  readonly #plans = new Map<string, { plan: CompiledOperation | string; slots: (number | null)[] }>();
  readonly #ids = new WeakMap<object, number>();
  #nextId = 0;

  constructor(
    readonly roots: CompiledRoots,
    readonly size = 500,
  ) {}

  compile(schema: GraphQLSchema, dm: DataModel, request: Request): CompiledOperation | string {
    const { document, operation, contextValue } = request;
    if (!document || !operation) return 'no operation';
    if (operation.operation !== 'query') return 'not a query';
    const coerced = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      request.request.variables ?? {},
    );
    if (coerced.errors) return 'variables';
    const scopes = { ...scopesFor(contextValue.viewer, contextValue.access) };
    const opaque: string[] = [];
    const keyed: Record<string, unknown> = {};
    const withSentinels: Record<string, unknown> = { ...coerced.coerced };
    for (const definition of operation.variableDefinitions ?? []) {
      const name = definition.variable.name.value;
      const value = coerced.coerced[name];
      const type = definition.type.kind === Kind.NON_NULL_TYPE ? definition.type.type : definition.type;
      if (
        typeof value === 'string' &&
        value !== '' &&
        type.kind === Kind.NAMED_TYPE &&
        OPAQUE_VARIABLE_TYPES.has(type.name.value)
      ) {
        withSentinels[name] = sentinel(opaque.length);
        keyed[name] = '\u0000opaque';
        opaque.push(value);
      } else keyed[name] = value === undefined ? '\u0000absent' : value;
    }
    let id = this.#ids.get(document);
    if (id === undefined) this.#ids.set(document, (id = this.#nextId++));
    const key = `${id}\n${operation.name?.value ?? ''}\n${JSON.stringify(scopes)}\n${safeJson(keyed)}`;
    let entry = this.#plans.get(key);
    if (!entry) {
      const plan = compileWith(this.roots, schema, dm, request, withSentinels, scopes);
      const slots = typeof plan === 'string' ? [] : slotsOf(plan, opaque.length);
      if (slots === undefined || (typeof plan === 'string' && opaque.length > 0)) {
        // The sentinels may have changed what was compiled: compile the request as it is. Keep only a
        // refusal both agree on (a field the compiler does not know is one whatever the values).
        const real = compileWith(this.roots, schema, dm, request, coerced.coerced, scopes);
        if (typeof real !== 'string' || real !== plan) return real;
      }
      entry = { plan, slots: slots ?? [] };
      // Large keys (long variable values that are not bound per request) are compiled but not kept: the
      // cache must stay small whatever variables clients send.
      if (this.size > 0 && key.length <= MAX_PLAN_KEY_CHARS) {
        if (this.#plans.size >= this.size) this.#plans.delete(this.#plans.keys().next().value!);
        this.#plans.set(key, entry);
      }
    }
    const { plan, slots } = entry;
    if (typeof plan === 'string' || opaque.length === 0) return plan;
    return { ...plan, values: plan.values.map((v, i) => (slots[i] === null ? v : opaque[slots[i]!])) };
  }
}

const safeJson = (value: unknown) =>
  JSON.stringify(value, (_k, v: unknown) => (v instanceof Date ? `date:${v.toISOString()}` : v));

/** For each parameter, the opaque variable it is (or null); undefined when a sentinel leaked elsewhere. */
function slotsOf(plan: CompiledOperation, count: number): (number | null)[] | undefined {
  if (count === 0) return plan.values.map(() => null);
  if (plan.sql.includes('\u0000')) return undefined;
  const slots: (number | null)[] = [];
  for (const value of plan.values) {
    if (typeof value === 'string' && value.includes('\u0000')) {
      const i = Array.from({ length: count }, (_, k) => k).find((k) => value === sentinel(k));
      if (i === undefined) return undefined;
      slots.push(i);
    } else slots.push(null);
  }
  return slots;
}

/** The compiled statement for a request, or the reason there is none (uncached). */
export function compileRequest(
  roots: CompiledRoots,
  schema: GraphQLSchema,
  dm: DataModel,
  request: Request,
): CompiledOperation | string {
  return new PlanCache(roots, 0).compile(schema, dm, request);
}

export function compiledReadsPlugin(options: CompiledReadsOptions): ApolloServerPlugin<RequestContext> {
  const dm = dataModelOf(options.prisma);
  const { schema, onFallback } = options;
  const plans = new PlanCache(options.roots);
  return {
    async requestDidStart() {
      if (!dm) return {};
      return {
        async responseForOperation(requestContext) {
          const compiled = plans.compile(schema, dm, requestContext);
          if (typeof compiled === 'string') {
            onFallback?.(compiled);
            return null;
          }
          let rows: Record<string, string | null>[];
          try {
            rows = await requestContext.contextValue.prisma.$queryRawUnsafe(compiled.sql, ...compiled.values);
          } catch (error) {
            // Normal execution answers instead, with its own error if the database is the problem.
            onFallback?.(`statement failed: ${(error as Error).message}`);
            return null;
          }
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
