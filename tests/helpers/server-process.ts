// Runs the server as a real process, the way `npm start` does (the same bundle and Node flags, see
// scripts/server-command.ts), for tests of what only a process has: signals, exit codes, what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT, serverCommand } from '../../scripts/server-command.js';
import { freePort } from './scratch-postgres.js';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything written to stdout so far (JSON log lines). */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves once a line matching `pattern` has been logged. */
  logged(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Kills the process if it is still running. */
  kill(): void;
}

export async function startServerProcess(
  env: Record<string, string>,
  options: { port?: number } = {},
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const { command, args } = serverCommand();
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...inherited, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const check of [...waiters]) check();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const server: ServerProcess = {
    child,
    port,
    url,
    stdout: () => out,
    stderr: () => err,
    exited,
    logged(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`not logged within ${timeoutMs} ms: ${pattern}`)),
          timeoutMs,
        );
        const check = () => {
          if (!pattern.test(out)) return;
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        };
        waiters.push(check);
        check();
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  await waitUntilReady(server);
  return server;
}

async function waitUntilReady(server: ServerProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`server exited with ${server.child.exitCode} before it was ready:\n${server.stderr()}`);
    }
    try {
      if ((await fetch(`${server.url}/readyz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error(`server not ready within ${timeoutMs} ms:\n${server.stderr()}`);
}
