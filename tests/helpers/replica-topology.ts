// A primary, a streaming replica of it and PgBouncer (transaction mode) in front of both, each a process
// of the test's own on a free port below 32768 (the kernel's ephemeral range starts there, see
// ENVIRONMENT.md), for tests of the scaled-out deployment (docs/scaling-out.md).
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createScratchPostgres, type ScratchPostgres } from './scratch-postgres.js';

const run = promisify(execFile);

/** A port nothing listens on now, in 15000–31999. */
export async function freeLowPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 15_000 + Math.floor(Math.random() * 17_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port below 32768');
}

export interface PgBouncer {
  readonly port: number;
  /** URL of one of its databases (`primary`, `replica`). */
  url(database: string): string;
  stop(): Promise<void>;
}

async function postgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/** PgBouncer in transaction mode with one pool per named server; it refuses to run as root. */
export async function startPgBouncer(servers: Record<string, ScratchPostgres>): Promise<PgBouncer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jv-pgbouncer-'));
  const port = await freeLowPort();
  const user = await postgresUser();
  if (user) await chown(dir, user.uid, user.gid);
  // The same settings as docs/pgbouncer.ini, on scratch ports.
  const sample = await readFile(new URL('../../docs/pgbouncer.ini', import.meta.url), 'utf8');
  const databases = Object.entries(servers)
    .map(
      ([name, pg]) =>
        `${name} = host=127.0.0.1 port=${pg.port} dbname=postgres connect_query='SET statement_timeout = 15000; SET jit = off'`,
    )
    .join('\n');
  const ini = sample
    .replace(/^\[databases\][\s\S]*?(?=^\[pgbouncer\])/m, `[databases]\n${databases}\n\n`)
    .replace(/^listen_port = .*$/m, `listen_port = ${port}`)
    .replace(/^listen_addr = .*$/m, 'listen_addr = 127.0.0.1')
    .replace(/^auth_file = .*$/m, `auth_file = ${path.join(dir, 'users.txt')}`)
    .replace(/^;?\s*unix_socket_dir = .*$/m, `unix_socket_dir = ${dir}`)
    .replace(/^;?\s*logfile = .*$/m, `logfile = ${path.join(dir, 'pgbouncer.log')}`);
  await writeFile(path.join(dir, 'users.txt'), '"postgres" ""\n');
  await writeFile(path.join(dir, 'pgbouncer.ini'), ini);
  if (user) {
    await chown(path.join(dir, 'users.txt'), user.uid, user.gid);
    await chown(path.join(dir, 'pgbouncer.ini'), user.uid, user.gid);
  }
  const child: ChildProcess = spawn('pgbouncer', [path.join(dir, 'pgbouncer.ini')], {
    stdio: 'ignore',
    ...(user ?? {}),
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  // Listening once a connection is accepted.
  for (let i = 0; ; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (up) break;
    if (i === 50 || child.exitCode !== null) {
      const log = await readFile(path.join(dir, 'pgbouncer.log'), 'utf8').catch(() => '');
      await stop();
      throw new Error(`pgbouncer did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`, stop };
}

export interface ReplicaTopology {
  primary: ScratchPostgres;
  replica: ScratchPostgres;
  bouncer: PgBouncer;
  /** Stops everything and deletes the folders; safe to call after a partial start. */
  dispose(): Promise<void>;
}

export async function startReplicaTopology(): Promise<ReplicaTopology> {
  const cleanups: (() => Promise<void>)[] = [];
  const dispose = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  };
  try {
    const primary = await createScratchPostgres({ port: await freeLowPort() });
    cleanups.push(() => primary.dispose());
    await primary.start();
    const replica = await createScratchPostgres({ port: await freeLowPort(), replicaOf: primary });
    cleanups.push(() => replica.dispose());
    await replica.start();
    const bouncer = await startPgBouncer({ primary, replica });
    cleanups.push(() => bouncer.stop());
    return { primary, replica, bouncer, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
