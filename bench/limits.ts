// `npm run bench:limits`: how long the server takes to answer (usually: to refuse) amplification
// documents of growing size, over HTTP POST and over WebSocket (graphql-ws), and whether that time grows
// faster than the document. A server that pays per byte of document is fine; one that pays per
// *expansion* of the document (fragments spread k times per level, deep nesting, long lists) can be
// frozen by one small request (issue 12).
//
//   npm run bench:limits                       the default sizes, 3 runs per size (median)
//   npm run bench:limits -- --smoke            a few small sizes, 1 run each: a few seconds
//   npm run bench:limits -- --fragments 7x1,7x2,7x4,7x8,7x13   levels×spreads per level, in order
//   other options: --aliases 10,100,1000,4000  --depth 1,2,4,8,16,32  --list 10,100,1000,10000
//                  --runs 3  --timeout 10  --noise-ms 10  --max-ms 1000
//                  --only fragments,aliases,depth,list
//                  --transports http,ws  --database-url postgresql://…  --no-save
//
// The server is the production bundle in its own process (bench/server.ts), NODE_ENV=production, on a
// fresh embedded database (PGlite, seeded) unless --database-url (or DATABASE_URL) names a PostgreSQL one.
// Families, each a series of documents of growing size:
//   fragments  `fragment F0 on Query { __typename }`, `fragment Fi on Query { ...F(i-1) ×k }`, `{ ...FL }`
//   aliases    `{ a1: __typename a2: __typename … }`
//   depth      participant → participations → event → participations → participant …, 6 levels a round
//   list       `events(filter: { countries: [ …n codes… ] }) { totalCount }`
// Per size and transport: the median time from sending the document to its answer, the answer's code
// (OK, or `extensions.code` of the first error), and ratios against the smallest size of the family.
// A size FAILS when it times out (--timeout, default 10 s; the server is then restarted, since it may
// still be busy, and the family's larger sizes on that transport are skipped) or when its time exceeds
// 3 × (size ratio) × (smallest time) + noise floor (--noise-ms), or --max-ms (default 1000: issue 12 wants
// every hostile request answered within a second). Exits 1 if anything failed.
// Results: a table on stdout, and bench/results/<date>-limits.json (not with --smoke or --no-save).
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { checkFlags, numberArg, parseArgs, stringArg } from './config.js';
import { RESULTS_DIR } from './report.js';
import { startServer, type RunningServer } from './server.js';

const args = parseArgs(process.argv.slice(2));
checkFlags(args, [
  'smoke',
  'fragments',
  'aliases',
  'depth',
  'list',
  'runs',
  'timeout',
  'noise-ms',
  'max-ms',
  'only',
  'transports',
  'database-url',
  'no-save',
]);
const smoke = args.has('smoke');
const runs = Math.max(1, Math.round(numberArg(args, 'runs', smoke ? 1 : 3)));
const timeoutMs = numberArg(args, 'timeout', smoke ? 5 : 10) * 1000;
const noiseMs = numberArg(args, 'noise-ms', 10);
/** Issue 12's bound: every hostile document is answered within a second, whatever its growth. */
const maxMs = numberArg(args, 'max-ms', 1000);
/** The server's body and WebSocket message limits are 100 kB; stay clear of them. */
const MAX_DOCUMENT_BYTES = 95_000;
/** A document may take up to this many times longer per byte than the smallest of its family. */
const GROWTH_FACTOR = 3;
const log = (line: string) => console.error(line);

type Transport = 'http' | 'ws';
type Family = 'fragments' | 'aliases' | 'depth' | 'list';

interface Document {
  family: Family;
  /** What grows, as given on the command line (e.g. "8x2", "1000"). */
  param: string;
  query: string;
  bytes: number;
}

const list = (name: string, fallback: string) =>
  (stringArg(args, name) ?? fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const count = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: "${text}" is not a positive integer`);
  return n;
};

function fragmentsDocument(spec: string): string {
  const match = /^(\d+)x(\d+)$/.exec(spec);
  if (!match) throw new Error(`--fragments: "${spec}" is not LEVELSxSPREADS, e.g. 8x2`);
  const [levels, spreads] = [count('fragments', match[1]!), count('fragments', match[2]!)];
  const lines = [`query Bomb { ...F${levels} }`, 'fragment F0 on Query { __typename }'];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `fragment F${i} on Query { ${Array(spreads)
        .fill(`...F${i - 1}`)
        .join(' ')} }`,
    );
  return lines.join('\n');
}

function aliasesDocument(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i + 1}: __typename`).join(' ')} }`;
}

function depthDocument(rounds: number): string {
  let selection = 'name';
  for (let i = 0; i < rounds; i++)
    selection = `participations(first: 1) { edges { node { event { participations { participant { ${selection} } } } } } }`;
  return `{ participant(slug: "nobuo-kishi") { ${selection} } }`;
}

const CODES = ['JP', 'VN', 'US', 'CN', 'KR', 'PH', 'AU', 'IN', 'FR', 'GB'];
function listDocument(n: number): string {
  const codes = Array.from({ length: n }, (_, i) => `"${CODES[i % CODES.length]}"`).join(',');
  return `{ events(filter: { countries: [${codes}] }) { totalCount } }`;
}

const FAMILIES: Record<Family, { sizes: string[]; build: (param: string) => string }> = {
  fragments: {
    sizes: list('fragments', smoke ? '1x2,2x2,4x2' : '1x2,2x2,4x2,8x2,16x2,32x2'),
    build: fragmentsDocument,
  },
  aliases: {
    sizes: list('aliases', smoke ? '10,100' : '10,100,1000,4000'),
    build: (p) => aliasesDocument(count('aliases', p)),
  },
  depth: {
    sizes: list('depth', smoke ? '1,2' : '1,2,4,8,16,32'),
    build: (p) => depthDocument(count('depth', p)),
  },
  list: {
    sizes: list('list', smoke ? '10,100' : '10,100,1000,10000'),
    build: (p) => listDocument(count('list', p)),
  },
};

const families = list('only', 'fragments,aliases,depth,list') as Family[];
const transports = list('transports', 'http,ws') as Transport[];
for (const f of families) if (!(f in FAMILIES)) throw new Error(`--only: unknown family "${f}"`);
for (const t of transports) if (t !== 'http' && t !== 'ws') throw new Error(`--transports: "${t}"`);

const documents: Document[] = families.flatMap((family) =>
  FAMILIES[family].sizes.map((param) => {
    const query = FAMILIES[family].build(param);
    const bytes = Buffer.byteLength(query);
    if (bytes > MAX_DOCUMENT_BYTES)
      throw new Error(`${family} ${param}: ${bytes} bytes, over the ${MAX_DOCUMENT_BYTES}-byte maximum`);
    return { family, param, query, bytes };
  }),
);

interface Answer {
  ms: number;
  code: string;
}

/** Time to the answer of one POST /graphql; code OK, the first error's code, or HTTP/TIMEOUT/… */
async function overHttp(url: string, query: string): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    try {
      const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
      return { ms, code: body.errors?.length ? (body.errors[0]!.extensions?.code ?? 'ERROR') : 'OK' };
    } catch {
      return { ms, code: `HTTP ${response.status}` };
    }
  } catch (error) {
    const name = (error as Error).name;
    return {
      ms: performance.now() - started,
      code: name === 'TimeoutError' ? 'TIMEOUT' : `FAILED ${(error as Error).message}`,
    };
  }
}

/**
 * Time to the answer of one subscribe message over a fresh graphql-ws connection (the connection and
 * its connection_init/ack are not timed): the first next/error message, or the socket closing.
 */
function overWebSocket(url: string, query: string): Promise<Answer> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    let started = performance.now();
    let settled = false;
    const finish = (code: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.terminate();
      resolve({ ms: performance.now() - started, code });
    };
    // Covers the handshake too: a server that is stuck does not accept the upgrade either.
    const timer = setTimeout(() => finish('TIMEOUT'), timeoutMs);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as {
        type: string;
        id?: string;
        payload?: { errors?: { extensions?: { code?: string } }[] } & { extensions?: { code?: string } }[];
      };
      if (message.type === 'connection_ack') {
        started = performance.now();
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
      } else if (message.type === 'next') {
        const errors = message.payload?.errors;
        finish(errors?.length ? (errors[0]!.extensions?.code ?? 'ERROR') : 'OK');
      } else if (message.type === 'error') {
        finish(message.payload?.[0]?.extensions?.code ?? 'ERROR');
      } else if (message.type === 'complete') {
        finish('COMPLETE');
      }
    });
    socket.on('close', (code) => finish(`CLOSED ${code}`));
    socket.on('error', (error) => finish(`FAILED ${error.message}`));
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Row {
  family: Family;
  transport: Transport;
  param: string;
  bytes: number;
  medianMs: number | null;
  runsMs: number[];
  code: string;
  sizeRatio: number;
  timeRatio: number | null;
  /** (time / size) ÷ (smallest time / smallest size). */
  perByteRatio: number | null;
  /** The largest time that passes: GROWTH_FACTOR × sizeRatio × smallest time + noise. */
  allowedMs: number | null;
  verdict: 'ok' | 'FAIL: superlinear' | 'FAIL: slow' | 'FAIL: timeout' | 'FAIL: error' | 'skipped';
}

const databaseUrl = stringArg(args, 'database-url') ?? process.env.DATABASE_URL?.trim() ?? '';
let dataDir: string | undefined;
const serverEnv = async (): Promise<Record<string, string>> => {
  // No response cache: a cached answer would hide what the document costs.
  const common = { NODE_ENV: 'production', LOG_LEVEL: 'warn', RESPONSE_CACHE_TTL_SECONDS: '0' };
  if (databaseUrl) return { ...common, DATABASE_URL: databaseUrl };
  dataDir ??= await mkdtemp(path.join(os.tmpdir(), 'jvbench-limits-'));
  return { ...common, DATABASE_URL: '', DATA_DIR: dataDir, SEED: 'if-empty' };
};

const startedAll = performance.now();
log(
  `bench:limits: ${databaseUrl ? 'PostgreSQL' : 'embedded'} database, ${runs} run(s) a size, timeout ${timeoutMs / 1000} s`,
);
let server: RunningServer = await startServer(await serverEnv());
log(`server up at ${server.url}`);

/** After a timeout the server may still be working on the document: kill it and start a fresh one. */
async function restartServer() {
  log('  restarting the server (it may still be busy with the timed-out document)');
  try {
    process.kill(server.pid, 'SIGKILL');
  } catch {
    // gone already
  }
  await server.stop();
  server = await startServer(await serverEnv());
}

const send = (transport: Transport, query: string) =>
  transport === 'http' ? overHttp(server.url, query) : overWebSocket(server.url, query);

const rows: Row[] = [];
try {
  // Warm-up: first requests pay for JIT, the database connection and the WebSocket server.
  for (const transport of transports) for (let i = 0; i < 3; i++) await send(transport, '{ __typename }');

  for (const family of families) {
    const series = documents.filter((d) => d.family === family);
    for (const transport of transports) {
      let base: { bytes: number; ms: number } | null = null;
      let skipRest = false;
      for (const doc of series) {
        const row: Row = {
          family,
          transport,
          param: doc.param,
          bytes: doc.bytes,
          medianMs: null,
          runsMs: [],
          code: '',
          sizeRatio: base ? doc.bytes / base.bytes : 1,
          timeRatio: null,
          perByteRatio: null,
          allowedMs: null,
          verdict: 'skipped',
        };
        rows.push(row);
        if (skipRest) {
          row.code = 'not run: a smaller size timed out';
          continue;
        }
        const answers: Answer[] = [];
        for (let i = 0; i < runs; i++) {
          // A comment makes each run a new document: Apollo would otherwise answer runs 2… from its
          // cache of parsed and validated documents, and the bench would time the cache.
          const answer = await send(transport, `${doc.query}\n# ${transport} run ${i + 1}`);
          answers.push(answer);
          if (
            answer.code === 'TIMEOUT' ||
            answer.code.startsWith('FAILED') ||
            answer.code.startsWith('CLOSED')
          )
            break;
        }
        row.runsMs = answers.map((a) => Math.round(a.ms * 10) / 10);
        row.code = answers.at(-1)!.code;
        log(
          `  ${family} ${doc.param} (${doc.bytes} B) over ${transport}: ${row.runsMs.join(', ')} ms, ${row.code}`,
        );
        if (row.code === 'TIMEOUT') {
          row.verdict = 'FAIL: timeout';
          skipRest = true;
          await restartServer();
          continue;
        }
        if (row.code.startsWith('FAILED') || row.code.startsWith('CLOSED')) {
          row.verdict = 'FAIL: error';
          continue;
        }
        const ms = median(answers.map((a) => a.ms));
        row.medianMs = Math.round(ms * 10) / 10;
        base ??= { bytes: doc.bytes, ms };
        row.sizeRatio = doc.bytes / base.bytes;
        row.timeRatio = ms / base.ms;
        row.perByteRatio = ms / doc.bytes / (base.ms / base.bytes);
        row.allowedMs = GROWTH_FACTOR * row.sizeRatio * base.ms + noiseMs;
        row.verdict = ms > row.allowedMs ? 'FAIL: superlinear' : ms > maxMs ? 'FAIL: slow' : 'ok';
      }
    }
  }
} finally {
  await server.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}

const fixed = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));
const table = [
  [
    'family',
    'transport',
    'size',
    'bytes',
    'median ms',
    'code',
    'size ×',
    'time ×',
    'per byte ×',
    'allowed ms',
    'verdict',
  ],
  ...rows.map((r) => [
    r.family,
    r.transport,
    r.param,
    String(r.bytes),
    fixed(r.medianMs),
    r.code,
    fixed(r.sizeRatio),
    fixed(r.timeRatio),
    fixed(r.perByteRatio, 2),
    fixed(r.allowedMs),
    r.verdict,
  ]),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((line) => line[i]!.length)));
console.log(
  table
    .map((line) =>
      line
        .map((cell, i) =>
          i <= 2 || i === 5 || i === 10 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!),
        )
        .join('  '),
    )
    .join('\n'),
);
const failures = rows.filter((r) => r.verdict.startsWith('FAIL'));
const seconds = (performance.now() - startedAll) / 1000;
console.log(`\n${rows.length} measurements, ${failures.length} failed, ${seconds.toFixed(1)} s`);

if (!smoke && !args.has('no-save')) {
  await mkdir(RESULTS_DIR, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const file = path.join(RESULTS_DIR, `${date}-limits.json`);
  const report = {
    date,
    settings: { runs, timeoutMs, noiseMs, maxMs, growthFactor: GROWTH_FACTOR, transports, families },
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      database: databaseUrl ? 'postgres' : 'embedded',
    },
    seconds,
    rows,
  };
  await writeFile(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`saved ${file}`);
}
if (failures.length) {
  console.error(
    `\nbench:limits FAILED: ${failures.map((r) => `${r.family} ${r.param} over ${r.transport} (${r.verdict.slice(6)})`).join('; ')}`,
  );
  process.exit(1);
}
console.log('\nbench:limits passed: no answer time grows faster than its document');
