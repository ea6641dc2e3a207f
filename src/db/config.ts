// Where the data lives. One switch: DATABASE_URL set → that PostgreSQL; unset → the embedded one.
import path from 'node:path';

export type DatabaseConfig =
  { mode: 'postgres'; url: string; poolSize: number } | { mode: 'embedded'; dataDir: string };

/** Reads the database configuration from the environment (see README, "Configuration"). */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    return { mode: 'postgres', url, poolSize: Number(env.DATABASE_POOL_SIZE ?? 10) };
  }
  return { mode: 'embedded', dataDir: path.resolve(env.DATA_DIR ?? '.data/pglite') };
}

/** A connection string with its password masked, safe for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}
