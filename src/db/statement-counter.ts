// Counts the SQL statements each request sends, so that N+1 regressions are visible (the response's
// `extensions.sql.statements`) and testable. It wraps the Prisma driver adapter — the one place every
// statement passes — and attributes statements to the request through AsyncLocalStorage.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';

export interface StatementTally {
  statements: number;
}

const currentTally = new AsyncLocalStorage<StatementTally>();

/** Runs `fn` with a fresh tally; every statement sent while it runs (and in what it awaits) is counted. */
export function withStatementTally<T>(tally: StatementTally, fn: () => T): T {
  return currentTally.run(tally, fn);
}

function counted<T extends SqlDriverAdapter | Transaction>(target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'queryRaw' || prop === 'executeRaw') {
        return (...args: unknown[]) => {
          const tally = currentTally.getStore();
          if (tally) tally.statements += 1;
          return value.apply(obj, args);
        };
      }
      if (prop === 'startTransaction') {
        return async (...args: unknown[]) => counted((await value.apply(obj, args)) as Transaction);
      }
      return value.bind(obj);
    },
  });
}

/** Wraps a driver adapter factory so that every statement it runs is counted. */
export function countingAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  return new Proxy(factory, {
    get(obj, prop, receiver) {
      const value = Reflect.get(obj, prop, receiver);
      if (prop === 'connect' && typeof value === 'function') {
        return async () => counted((await value.apply(obj)) as SqlDriverAdapter);
      }
      return typeof value === 'function' ? value.bind(obj) : value;
    },
  });
}
