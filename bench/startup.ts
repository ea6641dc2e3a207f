// `npm run bench:startup`: how long `npm start` in embedded mode (PGlite, no DATABASE_URL) takes from
// launch to its first GraphQL answer, on a data folder that already exists, the way a developer restarts
// it. The first start (which creates the folder, migrates and seeds) is done once beforehand and reported
// separately. Each start is a fresh `npm start` in its own process group, stopped with SIGTERM afterwards.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkFlags, numberArg, parseArgs } from './config.js';
import { RESULTS_DIR } from './report.js';
import { freePort, REPO_ROOT } from './server.js';

const args = parseArgs(process.argv.slice(2));
checkFlags(args, ['runs', 'keep', 'no-save']);
const runs = numberArg(args, 'runs', 5);
const TARGET_SECONDS = 3;
const QUERY = JSON.stringify({ query: '{ events(first: 1) { edges { node { slug } } } }' });

/** Seconds from spawning `npm start` to the first successful GraphQL answer. */
async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' },
    stdio: 'ignore',
    detached: true, // its own process group, so that npm, sh and node all stop together
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with code ${child.exitCode}`);
      if (performance.now() - started > 120_000) throw new Error('no answer within 120 s');
      try {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: QUERY,
        });
        const body = (await res.json()) as { data?: unknown };
        if (res.ok && body.data) return (performance.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    signalGroup(child.pid, 'SIGTERM');
    await exited;
    // npm may exit before the server under it has closed the database: wait for the whole group.
    const deadline = Date.now() + 20_000;
    while (signalGroup(child.pid, 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    signalGroup(child.pid, 'SIGKILL');
  }
}

/** Signals the process group led by `pid`; false when the group is gone. */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals | 0): boolean {
  if (!pid) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'jvbench-startup-'));
try {
  const first = await timeStart(dataDir);
  console.error(`first start (creates ${dataDir}, migrates, seeds): ${first.toFixed(2)} s`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = await timeStart(dataDir);
    times.push(t);
    console.error(`start ${i + 1} on the existing folder: ${t.toFixed(2)} s`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const report = {
    date: new Date().toISOString().slice(0, 10),
    firstStartSeconds: first,
    existingFolderSeconds: times,
    median,
    best: sorted[0],
    worst: sorted[sorted.length - 1],
    targetSeconds: TARGET_SECONDS,
    met: median <= TARGET_SECONDS,
  };
  console.log(JSON.stringify(report, null, 2));
  if (!args.has('no-save')) {
    await mkdir(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `${report.date}-startup.json`);
    await writeFile(file, JSON.stringify(report, null, 2) + '\n');
    console.error(`saved ${file}`);
  }
} finally {
  if (!args.has('keep')) await rm(dataDir, { recursive: true, force: true });
}
