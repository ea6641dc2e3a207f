// Which database may serve a request's statements. A request is routed to the primary unless it has been
// classified as a read (a GraphQL query, see src/core/server/read-consistency.ts): then its statements outside
// transactions may go to a replica. Carried through AsyncLocalStorage, like the statement tally, because
// the decision is made where the operation is known and used where the SQL is sent (the driver adapter).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface ReadRoute {
  /** 'replica': the request's non-transactional statements may go to a replica. */
  target: 'primary' | 'replica';
  /** A replica serves the request only once it has replayed the WAL this far (its consistency token). */
  minLsn: bigint;
  /** Where the request's statements were served ('primary', 'replica 1', …), for `extensions`. */
  servedBy: Set<string>;
  /**
   * Where its next reads go once one has been served: the same replica, or the primary for good after a
   * fallback. So a request never reads an older state after a newer one (replicas replay at their own
   * pace, and the primary is ahead of them all).
   */
  stick?: number | 'primary';
}

const currentRoute = new AsyncLocalStorage<ReadRoute>();

export function withReadRoute<T>(route: ReadRoute, fn: () => T): T {
  return currentRoute.run(route, fn);
}

export function currentReadRoute(): ReadRoute | undefined {
  return currentRoute.getStore();
}

/** PostgreSQL's text form of a WAL position ("16/B374D848") as a number; undefined if malformed. */
export function parseLsn(text: string): bigint | undefined {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text.trim());
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}
