// Statements sent straight to the driver adapter Prisma itself uses, without Prisma's client runtime.
// The compiled read path (src/graphql/compile/) sends one finished SQL statement per request and reads
// one text column back: Prisma's raw-query path would only add work (parameter serialisation, its query
// interpreter, result mapping). Going through the same adapter keeps what every statement gets: the
// statement counter, routing to read replicas, PGlite's list-argument fix, one pool.
//
// A statement may carry a name: the PostgreSQL adapter then sends it as a named prepared statement, so
// each pooled connection parses and plans it once (see `statementNames`); PGlite ignores names.
import { createHash } from 'node:crypto';
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
} from '@prisma/driver-adapter-utils';

/** A statement with the name it is prepared under on each connection, if any. */
export type NamedSqlQuery = SqlQuery & { statementName?: string };

/** For @prisma/adapter-pg's `statementNameGenerator`: unnamed unless the query carries a name. */
export const statementNameOf = (query: SqlQuery): string => (query as NamedSqlQuery).statementName!;

export type DirectRead = (
  sql: string,
  args: readonly unknown[],
  statementName?: string,
) => Promise<SqlResultSet>;

/**
 * One connection of `factory` shared by Prisma and by direct reads: `factory` is what Prisma is given,
 * `read` runs a statement on the adapter Prisma connected (connecting it first if Prisma has not yet).
 */
export function sharedAdapter<F extends SqlDriverAdapterFactory>(inner: F): { factory: F; read: DirectRead } {
  let connected: Promise<SqlDriverAdapter> | undefined;
  const connect = (): Promise<SqlDriverAdapter> =>
    (connected ??= inner.connect().then(
      (adapter) => forgetOnDispose(adapter, () => (connected = undefined)),
      (error: unknown) => {
        connected = undefined;
        throw error;
      },
    ));
  const factory = new Proxy(inner, {
    get(obj, prop, receiver) {
      if (prop === 'connect') return connect;
      const value = Reflect.get(obj, prop, receiver);
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
  const read: DirectRead = async (sql, args, statementName) => {
    const query: NamedSqlQuery = {
      sql,
      args: [...args],
      // As Prisma types raw-query arguments: values pass as they are, lists element by element.
      argTypes: args.map((arg) => ({
        scalarType:
          typeof arg === 'string' || (Array.isArray(arg) && typeof arg[0] === 'string')
            ? 'string'
            : 'unknown',
        arity: Array.isArray(arg) ? 'list' : 'scalar',
      })),
      ...(statementName ? { statementName } : {}),
    };
    return (await connect()).queryRaw(query);
  };
  return { factory, read };
}

function forgetOnDispose(adapter: SqlDriverAdapter, forget: () => void): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(obj, prop, receiver) {
      if (prop === 'dispose') {
        return () => {
          forget();
          return obj.dispose();
        };
      }
      const value = Reflect.get(obj, prop, receiver);
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}

/**
 * Names for prepared statements, derived from the SQL text (so the same text always has the same name on
 * every connection), for at most `limit` distinct texts over the process's life. A prepared statement
 * stays in each connection's memory until the connection closes (a few hundred kB for a compiled page),
 * and nothing tells pg to deallocate it, so the number of names is bounded rather than evicted: texts
 * beyond the limit run unnamed, planned per execution, as before.
 */
export class StatementNames {
  readonly #names = new Map<string, string>();

  constructor(readonly limit: number) {}

  nameFor(sql: string): string | undefined {
    const known = this.#names.get(sql);
    if (known !== undefined || this.#names.size >= this.limit) return known;
    const name = `jv_${createHash('sha256').update(sql).digest('base64url').slice(0, 32)}`;
    this.#names.set(sql, name);
    return name;
  }
}
