// `npx tsx bench/node-cpu.ts`: the server's own CPU per request (utime + stime of its process, from
// /proc/<pid>/stat, before and after a fixed load, divided by the requests served), for one or more
// server bundles side by side, interleaved round after round so that they share the machine's load. It
// answers "what does Node cost per request", which requests/s on a shared machine cannot.
//
//   npx tsx bench/node-cpu.ts --bundles dist/server-main.mjs,dist/server.mjs --only a,b,c --rounds 3
//   (a bundle may carry extra Node flags: dist/server.mjs@--max-semi-space-size=16)
//   options: --rate 60 (requests/s, open loop; default: closed loop) --events 100k (the jvbench_* database) --duration 8 --warmup 2 --connections 16
//            --profile (the last bundle runs with --cpu-prof; profiles go to /tmp/node-cpu-profiles)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { checkFlags, databaseFor, numberArg, parseArgs, parseCount, stringArg } from './config.js';
import { Prng } from './data/prng.js';
import { errorCount, runHttp } from './load-test.js';
import { OPERATIONS, type Samples } from './operations.js';
import { freePort, REPO_ROOT } from './server.js';

const args = parseArgs(process.argv.slice(2));
checkFlags(args, [
  'bundles',
  'only',
  'rounds',
  'duration',
  'warmup',
  'connections',
  'events',
  'profile',
  'rate',
]);
const bundles = (stringArg(args, 'bundles') ?? 'dist/server.mjs').split(',');
const keys = (stringArg(args, 'only') ?? 'a,b,c').split(',');
const rounds = numberArg(args, 'rounds', 2);
const seconds = numberArg(args, 'duration', 8);
const warmup = numberArg(args, 'warmup', 2);
const connections = numberArg(args, 'connections', 16);
// A fixed request rate compares bundles at the same load: closed-loop CPU per request falls as throughput
// rises (more requests per turn of the event loop), which confounds an A/B on a busy machine.
const rate = numberArg(args, 'rate', 0) || undefined;
const target = databaseFor(parseCount(stringArg(args, 'events') ?? '100k'));
const TICKS_PER_SECOND = 100;

interface Server {
  bundle: string;
  url: string;
  pid: number;
  child: ChildProcess;
}

function cpuTicks(pid: number): number {
  // Fields after the command name (which may hold spaces) start at the 3rd: utime is the 14th, stime the 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/**
 * The PostgreSQL backends serving `pid`'s connections (from `ss`: the server's client ports, then the
 * postgres processes on the other end of them), so that the database's share is counted per server too.
 */
function backendsOf(pid: number): number[] {
  const lines = execFileSync('ss', ['-tnpH', 'state', 'established'], { encoding: 'utf8' }).split('\n');
  const sockets = lines.map((line) => {
    const [local = '', peer = '', users = ''] = line.trim().split(/\s+/).slice(2);
    return { local, peer, pid: Number(/pid=(\d+)/.exec(users)?.[1]) };
  });
  const ports = new Set(
    sockets.filter((s) => s.pid === pid && s.peer.endsWith(':5432')).map((s) => s.local.split(':').pop()),
  );
  return sockets
    .filter((s) => s.local.endsWith(':5432') && ports.has(s.peer.split(':').pop()))
    .map((s) => s.pid);
}

const ticksOf = (pids: number[]) =>
  pids.reduce((sum, p) => {
    try {
      return sum + cpuTicks(p);
    } catch {
      return sum; // a backend that ended during the run
    }
  }, 0);

async function start(bundle: string, profile: boolean): Promise<Server> {
  const port = await freePort();
  const flags = [
    '--max-old-space-size=384',
    ...(profile ? ['--cpu-prof', '--cpu-prof-dir=/tmp/node-cpu-profiles'] : []),
  ];
  // `bundle@--flag@--flag`: extra Node flags for this bundle (e.g. GC settings).
  const [file, ...extra] = bundle.split('@');
  const child = spawn(process.execPath, [...flags, ...extra, file!], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: target.url,
      SEED: 'never',
      RESPONSE_CACHE_TTL_SECONDS: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    // Log lines go to a file, as the bench's do (a file write per request is part of the cost).
    stdio: ['ignore', openSync(`/tmp/node-cpu-${port}.log`, 'w'), 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (child.exitCode !== null) throw new Error(`${bundle} exited with ${child.exitCode}`);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { bundle, url, pid: child.pid!, child };
  }
  throw new Error(`${bundle} was not ready in 60 s`);
}

const pool = new pg.Pool({ connectionString: target.url, max: 1 });
const { rows } = await pool.query<{ slug: string }>(
  `SELECT slug FROM participant WHERE kind = 'PERSON' AND deleted_at IS NULL ORDER BY md5(slug) LIMIT 2000`,
);
await pool.end();
const samples: Samples = {
  personSlugs: rows.map((r) => r.slug),
  japanesePeople: [],
  vietnamesePeople: [],
  china: '',
  sources: [],
};
const ops = OPERATIONS.filter((o) => keys.includes(o.key));
const servers: Server[] = [];
for (const [i, bundle] of bundles.entries()) {
  servers.push(await start(bundle, args.has('profile') && i === bundles.length - 1));
}
const results = new Map<string, number[]>();
try {
  for (let round = 0; round < rounds; round++) {
    for (const op of ops) {
      const order = servers.map((_, i) => servers[(i + round) % servers.length]!);
      for (const server of order) {
        const rng = new Prng(round + 1);
        const body = () => JSON.stringify({ query: op.query, variables: op.variables(rng, samples) });
        await runHttp({ url: server.url, connections, seconds: warmup, body });
        const backends = backendsOf(server.pid);
        const before = cpuTicks(server.pid);
        const dbBefore = ticksOf(backends);
        const load = await runHttp({ url: server.url, connections, seconds, body, rate });
        const ms = ((cpuTicks(server.pid) - before) * 1000) / TICKS_PER_SECOND / load.requests;
        const dbMs = ((ticksOf(backends) - dbBefore) * 1000) / TICKS_PER_SECOND / load.requests;
        const key = `(${op.key}) ${server.bundle}`;
        results.set(key, [...(results.get(key) ?? []), ms]);
        console.log(
          `round ${round + 1} (${op.key}) ${server.bundle}: ${ms.toFixed(2)} ms CPU/request, ` +
            `PostgreSQL ${dbMs.toFixed(2)} ms (${backends.length} backends), ` +
            `${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.latencyMs.p50.toFixed(0)} / p99 ` +
            `${load.latencyMs.p99.toFixed(0)} ms, ${errorCount(load)} errors, ` +
            `load ${os
              .loadavg()
              .map((l) => l.toFixed(1))
              .join(' ')}`,
        );
        if (errorCount(load) > 0) console.log(`  first error: ${load.errors.first}`);
      }
    }
  }
} finally {
  for (const server of servers) {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
  }
}
for (const [key, values] of results) {
  const sorted = [...values].sort((a, b) => a - b);
  console.log(
    `${key}: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} ms [${values.map((v) => v.toFixed(2)).join(', ')}]`,
  );
}
