// A PostgreSQL server of the test's own, in a temporary folder on a free port, that the test can stop,
// start and restart at will (fault and soak tests). Needs PostgreSQL's server binaries (initdb, pg_ctl):
// PG_BIN_DIR, else the newest /usr/lib/postgresql/<version>/bin. initdb refuses to run as root, so when
// the tests run as root (CI does) the server runs as the `postgres` OS user.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ScratchPostgres {
  /** Connection URL of the `postgres` database, user `postgres`, trust authentication. */
  readonly url: string;
  readonly port: number;
  start(): Promise<void>;
  /**
   * A fast shutdown (open connections are terminated, as when an operator stops the server), or with
   * 'immediate' a crash: no checkpoint, recovery from the WAL at the next start.
   */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server if running and deletes its folder. */
  dispose(): Promise<void>;
}

async function findBinDir(): Promise<string> {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? await readdir(root) : [];
  const newest = versions
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error('PostgreSQL server binaries not found: install postgresql or set PG_BIN_DIR');
  }
  return path.join(root, newest, 'bin');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ScratchOptions {
  /** Keep PostgreSQL's durability settings (fsync, synchronous commit), for tests that crash it. */
  durable?: boolean;
  /** The port to listen on (default: a free one the kernel picks). */
  port?: number;
  /** Make a streaming replica of this running server (pg_basebackup -R) instead of a new cluster. */
  replicaOf?: ScratchPostgres;
}

/** Creates (initdb) a new cluster; call start() to run it. */
export async function createScratchPostgres(options: ScratchOptions = {}): Promise<ScratchPostgres> {
  const bin = await findBinDir();
  const asRoot = userInfo().uid === 0;
  const dir = await mkdtemp(path.join(tmpdir(), 'jv-scratch-pg-'));
  const dataDir = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const port = options.port ?? (await freePort());

  const pg = async (tool: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args]]
      : [path.join(bin, tool), args];
    try {
      await run(file, argv, { timeout: 60_000 });
    } catch (error) {
      const { stderr = '' } = error as { stderr?: string };
      throw new Error(`${tool} ${args.join(' ')} failed: ${stderr || String(error)}`);
    }
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  if (options.replicaOf) {
    // A copy of the primary's cluster that streams from it (-R writes primary_conninfo and
    // standby.signal); a fast checkpoint, so that the copy starts at once.
    const from = ['-h', '127.0.0.1', '-p', String(options.replicaOf.port), '-U', 'postgres'];
    await pg('pg_basebackup', ['-D', dataDir, ...from, '-R', '-X', 'stream', '-c', 'fast', '--no-sync']);
  } else {
    await pg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  }
  // Only loopback, its socket in the folder (not the system one), and no durability: it is scratch.
  await appendFile(
    path.join(dataDir, 'postgresql.conf'),
    [
      '',
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      ...(options.durable ? [] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']),
      '',
    ].join('\n'),
  );

  let running = false;
  const ctl = (...args: string[]) => pg('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', ...args]);
  const scratch: ScratchPostgres = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await ctl('start');
      running = true;
    },
    async stop(mode = 'fast') {
      await ctl('stop', '-m', mode);
      running = false;
    },
    async restart() {
      await ctl('restart', '-m', 'fast');
      running = true;
    },
    async dispose() {
      if (running) await ctl('stop', '-m', 'immediate').catch(() => {});
      running = false;
      await rm(dir, { recursive: true, force: true });
    },
  };
  return scratch;
}
