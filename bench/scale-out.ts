// `npm run bench -- --processes 1,2`: throughput of N API processes over a primary, a streaming replica
// and PgBouncer (transaction mode), all started here on ports of their own (tests/helpers/
// replica-topology.ts), with a generated dataset (10k events unless --events). For each process count,
// two passes of the same read load: reads on the primary only (no replica configured), then reads
// routed to the replica. The response cache is off: every request reaches the database.
//
// On one machine this measures the software path (routing, pooling, several Node processes), not the
// capacity of more machines: every process and both PostgreSQL servers share the same cores.
import os from 'node:os';
import pg from 'pg';
import { freeLowPort, startReplicaTopology } from '../tests/helpers/replica-topology.js';
import { numberArg, sizeLabel, stringArg, parseCount } from './config.js';
import { loadDataset } from './data/load.js';
import { errorCount, runHttp, waitForQuiet, type LoadResult } from './load-test.js';
import { OPERATIONS, type Operation } from './operations.js';
import { collectSamples } from './samples.js';
import { startServer, type RunningServer } from './server.js';

const log = (line: string) => console.error(line);

export async function benchScaleOut(args: Map<string, string | true>): Promise<void> {
  const counts = (stringArg(args, 'processes') ?? '1,2').split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--processes takes e.g. 1,2,4');
  const events = parseCount(stringArg(args, 'events') ?? '10k');
  const connections = numberArg(args, 'connections', 16);
  const seconds = numberArg(args, 'duration', 10);
  const warmup = numberArg(args, 'warmup', 3);
  const keys = stringArg(args, 'only')?.split(',') ?? ['a', 'b'];
  const operations = OPERATIONS.filter((op) => !op.write && keys.includes(op.key));

  const topology = await startReplicaTopology();
  const { primary, bouncer } = topology;
  const pool = new pg.Pool({ connectionString: primary.url, max: 4 });
  const rows: string[] = [];
  try {
    log(`generating ${sizeLabel(events)} events into the scratch primary (port ${primary.port})`);
    await loadDataset({ url: primary.url, events, seed: 1, create: false, reset: true, log });
    const base = {
      NODE_ENV: 'production',
      SEED: 'never',
      RESPONSE_CACHE_TTL_SECONDS: '0',
      DATABASE_URL: bouncer.url('primary'),
      DATABASE_DIRECT_URL: primary.url,
      DATABASE_PGBOUNCER: 'true',
      LOG_LEVEL: 'warn',
    };
    for (const n of counts) {
      for (const mode of ['primary only', 'replica'] as const) {
        const env = mode === 'replica' ? { ...base, DATABASE_REPLICA_URLS: bouncer.url('replica') } : base;
        const servers: RunningServer[] = [];
        try {
          for (let i = 0; i < n; i++) servers.push(await startServer(env, { port: await freeLowPort() }));
          const samples = await collectSamples(pool, servers[0]!.url);
          for (const op of operations) {
            const result = await measureAcross(servers, op, samples, connections, warmup, seconds, pool);
            const line =
              `${n} process${n > 1 ? 'es' : ''}, reads on ${mode.padEnd(12)} (${op.key}) ${op.name}: ` +
              `${result.rps.toFixed(1)} req/s (${result.perProcess.map((r) => r.toFixed(1)).join(' + ')}), ` +
              `p50 ${result.p50.toFixed(1)} ms, ${result.errors} errors`;
            log(`  ${line}`);
            rows.push(line);
          }
        } finally {
          await Promise.all(servers.map((s) => s.stop()));
        }
      }
    }
  } finally {
    await pool.end();
    await topology.dispose();
  }
  console.log(
    `\nscale-out (${sizeLabel(events)} events, ${connections} connections in all, ${seconds} s per run, ` +
      `${os.cpus().length} cores shared by every process and both PostgreSQL servers):`,
  );
  for (const row of rows) console.log(`  ${row}`);
}

/** One read workload on every server at once, the connections split evenly; the sum of their rates. */
async function measureAcross(
  servers: RunningServer[],
  op: Operation,
  samples: Parameters<Operation['variables']>[1],
  connections: number,
  warmup: number,
  seconds: number,
  pool: pg.Pool,
) {
  const each = Math.max(1, Math.round(connections / servers.length));
  const body = (rng: Parameters<Operation['variables']>[0]) =>
    JSON.stringify({ query: op.query, variables: op.variables(rng, samples) });
  const run = (s: number, pid?: number) =>
    Promise.all(
      servers.map((server) =>
        runHttp({
          url: server.url,
          connections: each,
          seconds: s,
          body,
          ...(pid ? { serverPid: server.pid } : {}),
        }),
      ),
    );
  await run(warmup);
  await waitForQuiet(pool);
  const results: LoadResult[] = await run(seconds, 1);
  await waitForQuiet(pool);
  const perProcess = results.map((r) => r.requestsPerSecond);
  return {
    rps: perProcess.reduce((a, b) => a + b, 0),
    perProcess,
    p50: Math.max(...results.map((r) => r.latencyMs.p50)),
    errors: results.reduce((sum, r) => sum + errorCount(r), 0),
  };
}
