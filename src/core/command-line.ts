// What every `npm run <tool>` entry shares: its flags parsed by node:util's parseArgs, a usage error
// that exits 2, and the database of DATABASE_URL (or the embedded one), opened as the one owner.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { databaseConfigFromEnv } from './db/config.js';
import { DataDirInUseError } from './db/data-dir-lock.js';
import { openDatabase, type Database } from './db/database.js';

/** The command line of a tool: its positional arguments and its flags. */
export function commandLine<const O extends NonNullable<ParseArgsConfig['options']>>(options: O) {
  return parseArgs({ allowPositionals: true, options });
}

/** A usage error: the message and the tool's usage on stderr, exit code 2. */
export function usageError(message: string, usage: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

/**
 * The database, migrated. On the embedded database a tool works only while no server has the folder
 * open (PGlite has one owner): it then refuses at once, naming the process, and changes nothing.
 */
export async function openMigratedDatabase(): Promise<Database> {
  const db = await openDatabase(databaseConfigFromEnv()).catch((error: unknown) => {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(error.message);
    process.exit(1);
  });
  try {
    await db.migrate();
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
