// Counts the SQL statements each request sends, so that N+1 regressions are visible (the response's
// `extensions.sql.statements`) and testable. Statements are attributed to the request through
// AsyncLocalStorage.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { withQueryHook } from './adapter-hooks.js';

export interface StatementTally {
  statements: number;
}

const currentTally = new AsyncLocalStorage<StatementTally>();

/** Who is shown the SQL text of each statement a request sends (tests snapshot the hot pages' statements). */
const observers = new Set<(sql: string) => void>();

/**
 * Shows `observer` the SQL text of every statement counted for a request from now on (the request's own
 * statements only: nothing sent outside a tally, such as the change feed's or a migration's). Returns the
 * function that stops it.
 */
export function observeStatements(observer: (sql: string) => void): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

/** Runs `fn` with a tally; every statement sent while it runs (and in what it awaits) is counted. */
export function withStatementTally<T>(tally: StatementTally, fn: () => T): T {
  return currentTally.run(tally, fn);
}

/** Wraps a driver adapter factory so that every statement it runs is counted. */
export function countingAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  return withQueryHook(factory, (query) => {
    const tally = currentTally.getStore();
    if (tally) {
      tally.statements += 1;
      for (const observe of observers) observe(query.sql);
    }
    return query;
  });
}
