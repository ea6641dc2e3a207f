// The embedded database's folder has one owner. PGlite is PostgreSQL in this process, with no server to
// arbitrate: two processes opening one folder each write their own view of it and corrupt each other's
// (a key created by the CLI beside a running server was unknown to it, then lost at its shutdown). So the
// first process to open the folder writes `owner.lock` (its pid and command) and every other one is
// refused at once, naming it. A lock whose process is gone (killed, crashed) is taken over.
import { hostname } from 'node:os';
import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'owner.lock';

interface Owner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: Owner,
  ) {
    super(
      `The embedded database at ${dataDir} is in use by process ${owner.pid} (${owner.command}, since ${owner.since}). ` +
        'PGlite allows one process per data folder: stop that process first, or work through it — ' +
        'with the server running, manage API keys through GraphQL (createApiKey, revokeApiKey) with an admin key; ' +
        'see docs/operations.md, "The first admin key".',
    );
    this.name = 'DataDirInUseError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    return Number.isInteger(owner.pid) ? owner : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

/** Takes the folder for this process, or throws DataDirInUseError. Returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  const me: Owner = {
    pid: process.pid,
    host: hostname(),
    command: process.argv
      .map((a) => path.basename(a))
      .join(' ')
      .slice(0, 200),
    since: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o644);
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
      const owner = readOwner(file);
      if (owner && owner.pid !== process.pid && (owner.host !== me.host || alive(owner.pid)))
        throw new DataDirInUseError(dataDir, owner);
      // Stale (its process is gone) or our own from an earlier open that was not closed: take it over.
      unlinkSync(file);
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readOwner(file)?.pid === process.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  // A process that exits without closing the database (process.exit, an uncaught error) still lets go.
  process.on('exit', release);
  return release;
}
