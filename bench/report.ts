// What a bench run records and prints: one JSON file per dataset size and date under bench/results/, a
// table on stdout, and ratios against an earlier file (--compare).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorCount, type LoadResult } from './load-test.js';
import { formatPlan, type FloorPlan } from './plan.js';

export interface OperationResult {
  key: string;
  name: string;
  depth: number;
  /** The statement target: depth + 1. */
  statementTarget: number;
  server: LoadResult;
  floor?: LoadResult;
  /** Server requests/s ÷ floor requests/s (with rounds: the median of the rounds' ratios). */
  serverOverFloor?: number;
  /** The same pages from the peer server (--peers), when its answers equal ours. */
  peer?: LoadResult;
  /** Server requests/s ÷ the peer's (with rounds: the median of the rounds' ratios). */
  serverOverPeer?: number;
  /** Why the peer was not measured: the first difference between its answer and ours. */
  peerDifference?: string;
  /** Requests/s of each side in each round (--rounds > 1); `server`, `floor`, `peer` are the median runs. */
  rounds?: { server: number; peer?: number; floor?: number }[];
  /** The same load on a server with its response cache on (`server` and the targets are uncached). */
  cached?: LoadResult;
}

export interface PaginationResult {
  pageSize: number;
  deepPage: number;
  first: LoadResult;
  deep: LoadResult;
  /** p50 latency of the deep page ÷ p50 latency of page 1. */
  latencyRatio: number;
}

export interface LevelResult {
  date: string;
  events: number;
  label: string;
  settings: { connections: number; durationSeconds: number; warmupSeconds: number; rounds?: number };
  machine: {
    cpus: number;
    node: string;
    postgres: string;
    /** os.loadavg() (1, 5, 15 minutes) when the level started and when it ended. */
    loadAverage?: { start: number[]; end: number[] };
  };
  dataset: { rows: Record<string, number>; bytes: number; generation?: unknown };
  operations: OperationResult[];
  /** What the one-by-one check before the load found: failing operations, missing statement counts. */
  checkProblems: string[];
  /** Each floor's plan, EXPLAINed before the load (plan.ts). */
  floorPlans?: FloorPlan[];
  /** The peer server of a --peers run: its versions and settings, and each page's verdict. */
  peer?: Record<string, unknown> & { name: string; differences: Record<string, string | null> };
  skipped: string[];
  pagination?: PaginationResult;
  /** The server's RSS after start-up and one request of each operation, before any load. */
  idleRssBytes: number;
  maxRssBytes: number;
}

export const RESULTS_DIR = fileURLToPath(new URL('results/', import.meta.url));

export async function saveResult(result: LevelResult, suffix = ''): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${result.date}-${result.label}${suffix}.json`);
  await writeFile(file, JSON.stringify(result, null, 2) + '\n');
  return file;
}

export async function loadResult(file: string): Promise<LevelResult> {
  return JSON.parse(await readFile(file, 'utf8')) as LevelResult;
}

const mb = (bytes: number | null | undefined) => (bytes ? `${Math.round(bytes / 1048576)} MB` : '–');
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const rate = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatLevel(result: LevelResult): string {
  const rows = result.operations.map((op) => {
    const s = op.server;
    const sql = s.statements?.counted
      ? s.statements.min === s.statements.max
        ? `${s.statements.min}`
        : `${s.statements.min}–${s.statements.max}`
      : '–';
    return [
      `(${op.key}) ${op.name}`,
      rate(s.requestsPerSecond),
      ms(s.latencyMs.p50),
      ms(s.latencyMs.p95),
      ms(s.latencyMs.p99),
      String(errorCount(s)),
      `${sql} / ${op.statementTarget}`,
      mb(s.maxRssBytes),
      op.floor ? rate(op.floor.requestsPerSecond) : '',
      op.serverOverFloor !== undefined ? op.serverOverFloor.toFixed(2) : '',
      ...(result.peer
        ? [
            op.peer ? rate(op.peer.requestsPerSecond) : op.peerDifference ? 'differs' : '',
            op.serverOverPeer !== undefined ? op.serverOverPeer.toFixed(2) : '',
          ]
        : []),
    ];
  });
  const peerName = result.peer?.name ?? 'peer';
  const rounds = result.settings.rounds ?? 1;
  const load = result.machine.loadAverage;
  const out = [
    `${result.label} events (${result.events.toLocaleString('en')}), ${result.settings.connections} connections, ` +
      `${result.settings.durationSeconds} s after ${result.settings.warmupSeconds} s warm-up` +
      `${rounds > 1 ? `, ${rounds} rounds (medians; ratios are medians of each round's ratio)` : ''}, ${result.date}`,
    ...(load
      ? [
          `load average (1/5/15 min) ${load.start.map((x) => x.toFixed(2)).join(' ')} at the start, ` +
            `${load.end.map((x) => x.toFixed(2)).join(' ')} at the end, on ${result.machine.cpus} CPUs`,
        ]
      : []),
    table(
      [
        'operation',
        'req/s',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'errors',
        'SQL/req (target)',
        'max RSS',
        'floor req/s',
        'server÷floor',
        ...(result.peer ? [`${peerName} req/s`, `server÷${peerName}`] : []),
      ],
      rows,
    ),
  ];
  for (const op of result.operations) {
    if (!op.rounds) continue;
    const cells = op.rounds.map(
      (r) =>
        `${rate(r.server)}` +
        (r.peer !== undefined ? ` / ${rate(r.peer)}` : '') +
        (r.floor !== undefined ? ` / ${rate(r.floor)}` : ''),
    );
    const sides = ['ours', ...(op.rounds[0]?.peer !== undefined ? [peerName] : []), 'floor'].join(' / ');
    out.push(`  (${op.key}) req/s per round, ${sides}: ${cells.join(' · ')}`);
  }
  if (result.peer) {
    const { name, differences, ...info } = result.peer;
    out.push(`${name}: ${JSON.stringify(info)}`);
    for (const [key, difference] of Object.entries(differences)) {
      out.push(
        `  (${key}) ${difference ? `NO RATIO: its answer differs from ours ${difference}` : 'same data as ours (checked before the load)'}`,
      );
    }
  }
  for (const plan of result.floorPlans ?? []) out.push(formatPlan(plan));
  const cachedRows = result.operations.flatMap((op) => {
    const c = op.cached;
    if (!c) return [];
    const fromCache = c.statements?.counted ? (100 * c.statements.withoutSql) / c.statements.counted : 0;
    return [
      [
        `(${op.key}) ${op.name}`,
        rate(c.requestsPerSecond),
        ms(c.latencyMs.p50),
        ms(c.latencyMs.p99),
        String(errorCount(c)),
        `${fromCache.toFixed(0)}%`,
        mb(c.maxRssBytes),
        `×${(c.requestsPerSecond / op.server.requestsPerSecond).toFixed(1)}`,
      ],
    ];
  });
  if (cachedRows.length) {
    out.push(
      '',
      'with the response cache on (the figures above and the targets are uncached):',
      table(
        ['operation', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'from cache', 'max RSS', 'vs uncached'],
        cachedRows,
      ),
    );
  }
  const p = result.pagination;
  if (p) {
    out.push(
      `keyset pagination (${p.pageSize}/page): page 1 p50 ${ms(p.first.latencyMs.p50)} ms ` +
        `(${rate(p.first.requestsPerSecond)} req/s), page ${p.deepPage} p50 ${ms(p.deep.latencyMs.p50)} ms ` +
        `(${rate(p.deep.requestsPerSecond)} req/s): ×${p.latencyRatio.toFixed(2)}`,
    );
  }
  for (const note of result.checkProblems) out.push(`check before the load: ${note}`);
  for (const note of result.skipped) out.push(`skipped: ${note}`);
  for (const op of result.operations) {
    const missing = op.server.statements?.missing ?? 0;
    if (missing) out.push(`(${op.key}) ${missing} answers had no extensions.sql.statements`);
    const first = op.server.errors.first;
    if (first) out.push(`(${op.key}) first error: ${first.slice(0, 300)}`);
    const peerFirst = op.peer?.errors.first;
    if (peerFirst) out.push(`(${op.key}) ${peerName}'s first error: ${peerFirst.slice(0, 300)}`);
  }
  out.push(
    `server RSS: ${mb(result.idleRssBytes)} before the load, at most ${mb(result.maxRssBytes)} under it`,
  );
  return out.join('\n');
}

/** How each operation changed from `before` to `after`: requests/s and p50/p99 latency ratios. */
export function formatComparison(before: LevelResult, after: LevelResult): string {
  const rows: string[][] = [];
  for (const op of after.operations) {
    const old = before.operations.find((o) => o.key === op.key);
    if (!old) continue;
    rows.push([
      `(${op.key}) ${op.name}`,
      `${rate(old.server.requestsPerSecond)} → ${rate(op.server.requestsPerSecond)}`,
      `×${(op.server.requestsPerSecond / old.server.requestsPerSecond).toFixed(2)}`,
      `×${(op.server.latencyMs.p50 / old.server.latencyMs.p50).toFixed(2)}`,
      `×${(op.server.latencyMs.p99 / old.server.latencyMs.p99).toFixed(2)}`,
    ]);
  }
  if (before.pagination && after.pagination) {
    rows.push([
      `page ${after.pagination.deepPage} (p50)`,
      `${ms(before.pagination.deep.latencyMs.p50)} → ${ms(after.pagination.deep.latencyMs.p50)} ms`,
      '',
      `×${(after.pagination.deep.latencyMs.p50 / before.pagination.deep.latencyMs.p50).toFixed(2)}`,
      '',
    ]);
  }
  const same = JSON.stringify(before.settings) === JSON.stringify(after.settings);
  return [
    `${after.label} (${after.date}) against ${before.label} (${before.date}):`,
    ...(same
      ? []
      : [
          `note: different settings, ${JSON.stringify(before.settings)} then ${JSON.stringify(after.settings)}`,
        ]),
    table(['operation', 'req/s', 'req/s ratio', 'p50 ratio', 'p99 ratio'], rows),
    `max RSS ${mb(before.maxRssBytes)} → ${mb(after.maxRssBytes)}`,
  ].join('\n');
}
