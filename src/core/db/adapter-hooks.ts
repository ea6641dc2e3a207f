// Wraps a Prisma driver adapter factory so that a hook sees (and may rewrite) every statement, in or out
// of transactions. The driver adapter is the one place every SQL statement passes through.
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';

export type QueryHook = (query: SqlQuery) => SqlQuery;

function hooked<T extends SqlDriverAdapter | Transaction>(target: T, hook: QueryHook): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'queryRaw' || prop === 'executeRaw') {
        return (query: SqlQuery) => value.call(obj, hook(query));
      }
      if (prop === 'startTransaction') {
        return async (...args: unknown[]) => hooked((await value.apply(obj, args)) as Transaction, hook);
      }
      return value.bind(obj);
    },
  });
}

export function withQueryHook<F extends SqlDriverAdapterFactory>(factory: F, hook: QueryHook): F {
  return new Proxy(factory, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (prop === 'connect' && typeof value === 'function') {
        return async () => hooked((await value.apply(obj)) as SqlDriverAdapter, hook);
      }
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}
