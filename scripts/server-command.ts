// How `npm start` runs the server, for the tools that start it as a process of their own (the bench, the
// test helpers, the soak): the same Node flags and bundle as package.json's `start` script, read from it
// so that the flags live in one place, and spawned without npm so that the pid is the server's own.
// The bundle is rebuilt first if the sources changed since (as `prestart` does for `npm start`).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ServerCommand {
  /** The Node binary running this process. */
  command: string;
  /** Node flags, then the bundle (relative to REPO_ROOT, the cwd to spawn in). */
  args: string[];
}

let built = false;

export function serverCommand(): ServerCommand {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [node, ...args] = pkg.scripts.start!.trim().split(/\s+/);
  if (node !== 'node' || !args.some((arg) => arg.endsWith('.mjs'))) {
    throw new Error(
      `package.json "start" should be "node [flags] dist/server.mjs", not "${pkg.scripts.start}"`,
    );
  }
  if (!built) {
    const build = spawnSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`building the server failed:\n${build.stderr}`);
    built = true;
  }
  return { command: process.execPath, args };
}
