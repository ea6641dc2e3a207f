// `npm run bench`: the server under load, operation by operation, against the floor.
//
//   npm run bench                                   10k and 100k events (the databases bench:data made)
//   npm run bench -- --events 1m --generate         one level, generating its data first if missing
//   npm run bench -- --compare bench/results/2026-11-22-100k.json
//   npm run bench -- --smoke                        CI: 10k events, short runs, fails on any error
//   npm run bench -- --events 1m --only a,b,c,page  some operations only (keys a–f, and page)
//   other options: --duration 10 --warmup 3 --connections 16 --page 1000 --no-save
//   npm run bench -- --processes 1,2                N API processes over a primary, a replica and
//                                                   PgBouncer of the bench's own (bench/scale-out.ts)
//   npm run bench -- --events 100k --peers          (a)–(c) against PostGraphile too, in --rounds rounds
//                                                   (default 3), ours/PostGraphile/floor alternating
//                                                   (bench/peers/postgraphile/, installed on demand)
//
// Per level: start the server (production mode, its own process), check every operation once (no errors,
// statement count reported, floor JSON equal to the server's data), then for each operation a warm-up and
// a measured run at --connections for --duration seconds; the floor statements the same way; page 1,000
// against page 1; the write last (it changes the data, then its events are deleted). Every floor's plan
// is EXPLAINed first and must use the indexes a hand-tuned plan would (plan.ts). With --rounds N (or
// --peers), the operations that have a floor or a peer are measured N times, round after round, the sides
// of a round in a rotating order, and each ratio is the median of the rounds' ratios: the machine's speed
// drifts over minutes, and only measurements taken side by side compare.
import os from 'node:os';
import pg from 'pg';
import postgres from 'postgres';
import {
  checkFlags,
  databaseFor,
  numberArg,
  parseArgs,
  parseCount,
  sizeLabel,
  stringArg,
  type Target,
} from './config.js';
import { Prng } from './data/prng.js';
import { dropDatabase, ensureDatabase, loadDataset, readDatasetMarker } from './data/load.js';
import { FLOORS } from './floor.js';
import { errorCount, runFloor, runHttp, waitForQuiet, type LoadResult } from './load-test.js';
import { OPERATIONS, timeline, TIMELINE_PAGE_SIZE, type Operation } from './operations.js';
import { deepPage } from './pagination.js';
import { PEER_DOCUMENTS } from './peers/postgraphile/documents.js';
import {
  comparePeer,
  installPeer,
  PEER_NAME,
  prepareHelpers,
  startPeer,
  type RunningPeer,
} from './peers/postgraphile/peer.js';
import { checkFloorPlans, formatPlan } from './plan.js';
import {
  formatComparison,
  formatLevel,
  loadResult,
  saveResult,
  type LevelResult,
  type OperationResult,
} from './report.js';
import { checkOperations, collectSamples, writeSupport } from './samples.js';
import { rssOf, startServer, type RunningServer } from './server.js';
import { prepareWrites } from './writes.js';

const args = parseArgs(process.argv.slice(2));
checkFlags(args, [
  'events',
  'duration',
  'warmup',
  'connections',
  'smoke',
  'compare',
  'only',
  'generate',
  'no-save',
  'page',
  'processes',
  'peers',
  'rounds',
]);
if (args.has('processes')) {
  const { benchScaleOut } = await import('./scale-out.js');
  await benchScaleOut(args);
  process.exit(0);
}
const smoke = args.has('smoke');
const peers = args.has('peers');
const settings = {
  // Smoke runs only need every operation to finish some requests, even the slow ones (the relationship
  // view takes about a second at 10k events): few connections, a few seconds each.
  connections: numberArg(args, 'connections', smoke ? 2 : 16),
  durationSeconds: numberArg(args, 'duration', smoke ? 3 : 10),
  warmupSeconds: numberArg(args, 'warmup', smoke ? 1 : 3),
  rounds: Math.max(1, numberArg(args, 'rounds', peers && !smoke ? 3 : 1)),
};
const only = stringArg(args, 'only')?.split(',');
const wantedPage = numberArg(args, 'page', 1000);
const log = (line: string) => console.error(line);

const defaultLevels = smoke ? '10k' : peers ? '100k' : '10k,100k';
const levels = (stringArg(args, 'events') ?? defaultLevels).split(',').map(parseCount);
if (process.env.DATABASE_URL && levels.length > 1) {
  throw new Error('with DATABASE_URL set, give one --events level (the size of that database)');
}

const results: LevelResult[] = [];
for (const events of levels) {
  results.push(await benchLevel(events, databaseFor(events)));
}
for (const result of results) {
  console.log(`\n${formatLevel(result)}`);
  if (!smoke && !args.has('no-save')) {
    console.log(`saved ${await saveResult(result, peers ? '-peers' : '')}`);
  }
}
if (results.length > 1) console.log(`\n${growth(results)}`);
const compareWith = stringArg(args, 'compare');
if (compareWith) {
  const before = await loadResult(compareWith);
  const after = results.find((r) => r.events === before.events) ?? results[results.length - 1]!;
  console.log(`\n${formatComparison(before, after)}`);
}
if (smoke) {
  const failed = results.flatMap((r) => [
    ...r.checkProblems.map((p) => `${r.label}: ${p}`),
    ...r.operations.flatMap((o) =>
      [o.server, ...(o.floor ? [o.floor] : []), ...(o.peer ? [o.peer] : []), ...(o.cached ? [o.cached] : [])]
        .filter((run) => run.requests === 0 || errorCount(run) > 0)
        .map(
          (run) =>
            `${r.label} (${o.key}): ${run.requests} requests, ${errorCount(run)} errors ${run.errors.first ?? ''}`,
        ),
    ),
    ...paginationRuns(r)
      .filter((run) => run.requests === 0 || errorCount(run) > 0)
      .map((run) => `${r.label} pagination: ${run.requests} requests, ${errorCount(run)} errors`),
  ]);
  if (failed.length) {
    console.error(`\nsmoke FAILED:\n${failed.join('\n')}`);
    process.exit(1);
  }
  console.log('\nsmoke passed: every operation ran without errors');
}

function paginationRuns(r: LevelResult): LoadResult[] {
  return r.pagination ? [r.pagination.first, r.pagination.deep] : [];
}

/** Makes sure the database holds the dataset of `events` events, generating it when allowed. */
async function prepareData(
  events: number,
  target: Target,
): Promise<{ created: boolean; generation?: unknown }> {
  const created = target.throwaway ? await ensureDatabase(target.url) : false;
  const sql = postgres(target.url, { max: 1, onnotice: () => {} });
  let marker: Awaited<ReturnType<typeof readDatasetMarker>>;
  let holdsData = false;
  try {
    marker = await readDatasetMarker(sql);
    const [migrated] = await sql`SELECT 1 FROM pg_class WHERE oid = to_regclass('public.event')`;
    if (migrated) holdsData = (await sql`SELECT 1 FROM event LIMIT 1`).length > 0;
  } finally {
    await sql.end();
  }
  if (marker?.events === events) return { created };
  // Someone else's data (DATABASE_URL): never emptied, benchmarked as it is.
  if (!target.throwaway && marker === null && holdsData) {
    log(`note: ${target.url} was not filled by bench:data; benchmarking it as it is`);
    return { created };
  }
  if (!args.has('generate') && !smoke) {
    throw new Error(
      `${target.url} does not hold the ${sizeLabel(events)} dataset ` +
        `(${marker ? `it holds ${marker.events} events` : 'no bench data'}): ` +
        `run \`npm run bench:data -- --events ${events}\` first, or pass --generate`,
    );
  }
  log(`generating ${sizeLabel(events)} into ${target.url}`);
  const generation = await loadDataset({ url: target.url, events, seed: 1, create: false, reset: true, log });
  return { created, generation };
}

async function benchLevel(events: number, target: Target): Promise<LevelResult> {
  const label = sizeLabel(events);
  log(`\n== ${label} events: ${target.url}`);
  const loadAtStart = os.loadavg();
  if (peers) await installPeer(log);
  const { created, generation } = await prepareData(events, target);
  const pool = new pg.Pool({ connectionString: target.url, max: settings.connections });
  const serverEnv = { NODE_ENV: 'production', DATABASE_URL: target.url, SEED: 'never' };
  let server: RunningServer | null = null;
  let peer: RunningPeer | null = null;
  try {
    // The targets are for uncached answers: the response cache is off for everything but the cached pass.
    server = await startServer({ ...serverEnv, RESPONSE_CACHE_TTL_SECONDS: '0' });
    log(`server pid ${server.pid} at ${server.url} (log: ${server.logFile})`);
    const samples = await collectSamples(pool, server.url);
    const rng = new Prng(7);
    // Several samples each: every read answers without errors and reports its statements, and every floor
    // returns the server's data exactly.
    const problems: string[] = [];
    for (let i = 0; i < 3; i++) {
      const checks = await checkOperations(server.url, pool, samples, rng);
      for (const [key, check] of Object.entries(checks)) {
        if (check.error) problems.push(`(${key}) failed: ${check.error}`);
        if (check.statements === null) problems.push(`(${key}) answer has no extensions.sql.statements`);
      }
    }
    log('checked: each floor statement returns exactly the server’s data');
    const floorPlans = await checkFloorPlans(pool, samples, rng);
    for (const plan of floorPlans) {
      log(formatPlan(plan));
      if (plan.missing.length) problems.push(`floor (${plan.key}) plan misses ${plan.missing.join(', ')}`);
    }
    const idleRssBytes = (await rssOf(server.pid)) ?? 0;

    // The peer answers the same pages over the same database; a page whose answers differ from ours gets
    // no ratio (and is not measured), since the two would not be doing the same work.
    const peerDifferences: Record<string, string | null> = {};
    let peerInfo: Record<string, unknown> = {};
    if (peers) {
      await prepareHelpers(pool);
      peer = await startPeer(target.url);
      peerInfo = peer.info;
      log(`${PEER_NAME} pid ${peer.pid} at ${peer.url} (log: ${peer.logFile}): ${JSON.stringify(peer.info)}`);
      const keys = OPERATIONS.map((o) => o.key).filter((key) => !only || only.includes(key));
      Object.assign(peerDifferences, await comparePeer(server.url, peer.url, samples, rng, 3, keys));
      for (const [key, difference] of Object.entries(peerDifferences)) {
        if (difference) problems.push(`(${key}) ${PEER_NAME}'s answer differs from ours ${difference}`);
        else log(`checked: (${key}) ${PEER_NAME} returns the same data as ours (3 samples)`);
      }
    }
    const checkProblems = [...new Set(problems)];
    for (const problem of checkProblems) log(`check: ${problem}`);

    const skipped: string[] = [];
    const selected = (op: Operation) => !only || only.includes(op.key);
    const operations = await measureReads(
      OPERATIONS.filter((o) => !o.write && selected(o)),
      server,
      peer,
      peerDifferences,
      pool,
      samples,
    );
    if (peer) {
      await peer.stop();
      peer = null;
    }

    let pagination: LevelResult['pagination'];
    if (!only || only.includes('page')) {
      const deep = await deepPage(pool, server.url, wantedPage);
      const page = (after: string | null) => () =>
        JSON.stringify({ query: timeline.query, variables: { after } });
      const first = await measure(`page 1`, server, pool, page(null));
      const deepRun = await measure(`page ${deep.page}`, server, pool, page(deep.after));
      pagination = {
        pageSize: TIMELINE_PAGE_SIZE,
        deepPage: deep.page,
        first,
        deep: deepRun,
        latencyRatio: deepRun.latencyMs.p50 / first.latencyMs.p50,
      };
    }

    const write = OPERATIONS.find((o) => o.write)!;
    if (selected(write)) {
      const shape = await writeSupport(server.url);
      const setup = shape ? await prepareWrites(target.url, pool, samples, shape) : null;
      if (!shape || typeof setup === 'string' || !setup) {
        const why = shape ? setup : "the server's schema has no createEvent mutation yet";
        log(`skipping (f) ${write.name}: ${why}`);
        skipped.push(`(f) ${write.name}: ${why}`);
      } else {
        try {
          const result = await measure(write.name, server, pool, setup.body, setup.headers);
          operations.push({
            key: write.key,
            name: write.name,
            depth: write.depth,
            statementTarget: write.depth + 1,
            server: result,
          });
        } finally {
          log(`removed the ${await setup.cleanup()} events the writes created`);
        }
      }
    }

    // Public reads once more, on a server with its response cache on, as production runs by default.
    const cachedReads = operations.filter((o) => OPERATIONS.some((op) => op.key === o.key && !op.write));
    if (cachedReads.length) {
      await server.stop();
      server = await startServer(serverEnv);
      log(`cached pass: server pid ${server.pid} with its response cache on`);
      for (const entry of cachedReads) {
        const op = OPERATIONS.find((o) => o.key === entry.key)!;
        entry.cached = await measure(`(${op.key}) ${op.name}, cached`, server, pool, readBody(op, samples));
      }
    }

    const { rows: counts } = await pool.query<{ relname: string; n: number }>(
      `SELECT relname, reltuples::float8 AS n FROM pg_class
       WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname NOT LIKE '\\_%'`,
    );
    const { rows: size } = await pool.query<{ bytes: number }>(
      `SELECT pg_database_size(current_database())::float8 AS bytes`,
    );
    const { rows: version } = await pool.query<{ v: string }>(
      `SELECT current_setting('server_version') AS v`,
    );
    return {
      date: new Date().toISOString().slice(0, 10),
      events,
      label,
      settings,
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        postgres: version[0]?.v ?? '?',
        loadAverage: { start: loadAtStart, end: os.loadavg() },
      },
      dataset: {
        rows: Object.fromEntries(counts.map((c) => [c.relname, Math.round(c.n)])),
        bytes: size[0]?.bytes ?? 0,
        ...(generation ? { generation } : {}),
      },
      operations,
      checkProblems,
      floorPlans,
      ...(peers ? { peer: { name: PEER_NAME, ...peerInfo, differences: peerDifferences } } : {}),
      skipped,
      ...(pagination ? { pagination } : {}),
      idleRssBytes,
      maxRssBytes: Math.max(
        ...operations.map((o) => o.server.maxRssBytes ?? 0),
        pagination?.first.maxRssBytes ?? 0,
        pagination?.deep.maxRssBytes ?? 0,
      ),
    };
  } finally {
    await peer?.stop();
    await server?.stop();
    await pool.end();
    if (smoke && created) {
      await dropDatabase(target.url);
      log(`dropped ${target.url} (created for the smoke run)`);
    }
  }
}

/** Warm-up, then the measured run, of one HTTP workload. */
async function measure(
  what: string,
  server: RunningServer,
  pool: pg.Pool,
  body: (rng: Prng) => string,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const load = { url: server.url, connections: settings.connections, body, headers };
  log(`  ${what}: warm-up ${settings.warmupSeconds} s, then ${settings.durationSeconds} s`);
  await runHttp({ ...load, seconds: settings.warmupSeconds });
  await waitForQuiet(pool);
  const result = await runHttp({ ...load, seconds: settings.durationSeconds, serverPid: server.pid });
  await waitForQuiet(pool);
  log(
    `    ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.latencyMs.p50.toFixed(1)} ms, ` +
      `${errorCount(result)} errors${result.errors.first ? ` (first: ${result.errors.first.slice(0, 200)})` : ''}`,
  );
  return result;
}

/** The request bodies of one read operation, its parameters drawn per request. */
function readBody(op: Operation, samples: Parameters<Operation['variables']>[1]) {
  return (rng: Prng) => JSON.stringify({ query: op.query, variables: op.variables(rng, samples) });
}

type Side = 'server' | 'peer' | 'floor';

/**
 * Every read operation: those with a floor or a peer in settings.rounds rounds, the sides of each round
 * in a rotating order (ours, the peer, the floor; then the peer, the floor, ours…), the others once.
 */
async function measureReads(
  ops: Operation[],
  server: RunningServer,
  peer: RunningPeer | null,
  peerDifferences: Record<string, string | null>,
  pool: pg.Pool,
  samples: Parameters<Operation['variables']>[1],
): Promise<OperationResult[]> {
  const runs = new Map<string, Record<Side, LoadResult[]>>(
    ops.map((op) => [op.key, { server: [], peer: [], floor: [] }]),
  );
  const sidesOf = (op: Operation): Side[] => [
    'server',
    ...(peer && PEER_DOCUMENTS.some((d) => d.key === op.key) && peerDifferences[op.key] === null
      ? (['peer'] as const)
      : []),
    ...(FLOORS.some((f) => f.key === op.key) ? (['floor'] as const) : []),
  ];
  for (let round = 0; round < settings.rounds; round++) {
    if (settings.rounds > 1) log(`round ${round + 1} of ${settings.rounds}`);
    for (const op of ops) {
      const sides = sidesOf(op);
      if (round > 0 && sides.length === 1) continue;
      const order = sides.map((_, i) => sides[(i + round) % sides.length]!);
      for (const side of order) {
        runs.get(op.key)![side].push(await measureSide(side, op, server, peer, pool, samples));
      }
    }
  }
  return ops.map((op) => {
    const { server: ours, peer: theirs, floor } = runs.get(op.key)!;
    const entry: OperationResult = {
      key: op.key,
      name: op.name,
      depth: op.depth,
      statementTarget: op.depth + 1,
      server: medianRun(ours),
    };
    if (floor.length) {
      entry.floor = medianRun(floor);
      entry.serverOverFloor = medianRatio(ours, floor);
    }
    if (theirs.length) {
      entry.peer = medianRun(theirs);
      entry.serverOverPeer = medianRatio(ours, theirs);
    } else if (peer && peerDifferences[op.key]) {
      entry.peerDifference = peerDifferences[op.key]!;
    }
    if (ours.length > 1) {
      entry.rounds = ours.map((run, i) => ({
        server: run.requestsPerSecond,
        ...(theirs[i] ? { peer: theirs[i].requestsPerSecond } : {}),
        ...(floor[i] ? { floor: floor[i].requestsPerSecond } : {}),
      }));
    }
    const ratios = [
      entry.serverOverPeer !== undefined ? `ours ÷ ${PEER_NAME} ${entry.serverOverPeer.toFixed(2)}` : '',
      entry.serverOverFloor !== undefined ? `ours ÷ floor ${entry.serverOverFloor.toFixed(2)}` : '',
    ].filter(Boolean);
    if (ratios.length)
      log(`  (${op.key}) ${ratios.join(', ')}${ours.length > 1 ? ' (median of the rounds)' : ''}`);
    return entry;
  });
}

async function measureSide(
  side: Side,
  op: Operation,
  server: RunningServer,
  peer: RunningPeer | null,
  pool: pg.Pool,
  samples: Parameters<Operation['variables']>[1],
): Promise<LoadResult> {
  if (side === 'server') return measure(`(${op.key}) ${op.name}`, server, pool, readBody(op, samples));
  if (side === 'peer') {
    const document = PEER_DOCUMENTS.find((d) => d.key === op.key)!;
    const body = (rng: Prng) =>
      JSON.stringify({ query: document.query, variables: op.variables(rng, samples) });
    return measure(`(${op.key}) ${op.name}, ${PEER_NAME}`, peer!, pool, body);
  }
  const floor = FLOORS.find((f) => f.key === op.key)!;
  const params = (rng: Prng) => floor.params(op.variables(rng, samples));
  log(`  (${op.key}) floor: warm-up ${settings.warmupSeconds} s, then ${settings.durationSeconds} s`);
  await runFloor(pool, floor.sql, params, settings.connections, settings.warmupSeconds);
  const result = await runFloor(pool, floor.sql, params, settings.connections, settings.durationSeconds);
  log(`    floor ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.latencyMs.p50.toFixed(1)} ms`);
  return result;
}

/** The run with the median requests/s (the lower of the two middle ones for an even count). */
function medianRun(runs: LoadResult[]): LoadResult {
  const sorted = [...runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The median over rounds of ours ÷ theirs, each ratio taken within one round. */
function medianRatio(ours: LoadResult[], theirs: LoadResult[]): number {
  const ratios = ours
    .map((run, i) => run.requestsPerSecond / theirs[i]!.requestsPerSecond)
    .sort((a, b) => a - b);
  const mid = (ratios.length - 1) / 2;
  return (ratios[Math.floor(mid)]! + ratios[Math.ceil(mid)]!) / 2;
}

/** Each operation across the levels of this run: requests/s and p50 relative to the previous level. */
function growth(levels: LevelResult[]): string {
  const lines = ['growth (p50 latency relative to the previous level):'];
  for (const op of levels[0]!.operations) {
    const cells = levels.map((level, i) => {
      const r = level.operations.find((o) => o.key === op.key)?.server;
      if (!r) return `${level.label}: –`;
      const prev = i > 0 ? levels[i - 1]!.operations.find((o) => o.key === op.key)?.server : undefined;
      const ratio = prev ? ` (×${(r.latencyMs.p50 / prev.latencyMs.p50).toFixed(2)})` : '';
      return `${level.label}: ${r.requestsPerSecond.toFixed(1)} req/s, p50 ${r.latencyMs.p50.toFixed(1)} ms${ratio}`;
    });
    lines.push(`  (${op.key}) ${op.name}: ${cells.join('; ')}`);
  }
  return lines.join('\n');
}
