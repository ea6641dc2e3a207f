// A driver adapter over the primary and its read replicas: the one place that decides where a statement
// runs, under Prisma (one client, one query compiler) rather than beside it. Transactions, executeRaw
// and scripts always run on the primary; a queryRaw outside a transaction runs on a replica only while
// the request is routed to replicas (read-routing.ts) and a replica qualifies (replica-set.ts). A read
// that fails on a replica is retried once on the primary — reads are safe to repeat — unless it failed
// for its own sake (cancelled by statement_timeout), so a replica going away fails no request. A read
// still waiting on a replica when the monitor declares it down moves to the primary at once (behind
// PgBouncer, a stopped server makes queries wait rather than fail).
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import { currentReadRoute, type ReadRoute } from './read-routing.js';
import type { ReplicaSet } from './replica-set.js';

const QUERY_CANCELED = '57014';

function worthRetrying(error: unknown): boolean {
  if (error instanceof DriverAdapterError) {
    const cause = error.cause as { originalCode?: string; code?: string };
    return cause.originalCode !== QUERY_CANCELED && cause.code !== QUERY_CANCELED;
  }
  return true;
}

class RoutingAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter['provider'];
  readonly adapterName: string;

  constructor(
    private readonly primary: SqlDriverAdapter,
    private readonly replicas: SqlDriverAdapter[],
    private readonly set: ReplicaSet,
  ) {
    this.provider = primary.provider;
    this.adapterName = primary.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    const route = currentReadRoute();
    if (route?.target !== 'replica' || route.stick === 'primary') {
      route?.servedBy.add('primary');
      return this.primary.queryRaw(query);
    }
    const index = this.set.pick(route.minLsn, route.stick);
    if (index === undefined) return this.#onPrimary(route, query);
    route.stick = index;
    let stopWatching = () => {};
    try {
      const read = this.replicas[index]!.queryRaw(query);
      const gone = new Promise<never>((_, reject) => {
        stopWatching = this.set.whileUp(index, () => {
          read.catch(() => {});
          reject(new Error(`${this.set.nameOf(index)} was declared down`));
        });
      });
      const result = await Promise.race([read, gone]);
      route.servedBy.add(this.set.nameOf(index));
      return result;
    } catch (error) {
      if (!worthRetrying(error)) throw error;
      this.set.markFailed(index, error);
      return this.#onPrimary(route, query);
    } finally {
      stopWatching();
    }
  }

  #onPrimary(route: ReadRoute, query: SqlQuery): Promise<SqlResultSet> {
    route.stick = 'primary';
    route.servedBy.add('primary');
    return this.primary.queryRaw(query);
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.primary.executeRaw(query);
  }

  executeScript(script: string): Promise<void> {
    return this.primary.executeScript(script);
  }

  startTransaction(...args: Parameters<SqlDriverAdapter['startTransaction']>) {
    return this.primary.startTransaction(...args);
  }

  getConnectionInfo() {
    return this.primary.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }

  async dispose(): Promise<void> {
    await Promise.all([this.primary, ...this.replicas].map((adapter) => adapter.dispose()));
  }
}

export function routingAdapter(
  primary: SqlDriverAdapterFactory,
  replicas: SqlDriverAdapterFactory[],
  set: ReplicaSet,
): SqlDriverAdapterFactory {
  return {
    provider: primary.provider,
    adapterName: primary.adapterName,
    async connect() {
      const [main, ...copies] = await Promise.all([primary, ...replicas].map((f) => f.connect()));
      return new RoutingAdapter(main!, copies, set);
    },
  };
}
