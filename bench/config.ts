// What the bench scripts share: command-line flags and where each dataset's database lives.
//
// Without DATABASE_URL, each dataset size gets its own throwaway database on the local server
// (jvbench_10k, jvbench_100k, jvbench_1m…), so `bench:data` and `bench` find the same one by --events alone
// and levels can sit side by side. Only databases with the jvbench_ prefix are ever created or dropped.

/** The local server the README and CI use (trust auth, superuser postgres). */
export const LOCAL_SERVER = 'postgresql://postgres@127.0.0.1:5432';
export const DB_PREFIX = 'jvbench_';

/** "10k", "100k", "1m", or the number itself. */
export function sizeLabel(events: number): string {
  if (events >= 1_000_000 && events % 1_000_000 === 0) return `${events / 1_000_000}m`;
  if (events >= 1_000 && events % 1_000 === 0) return `${events / 1_000}k`;
  return String(events);
}

export interface Target {
  url: string;
  /** True when the database is one of ours (made from --events), false when DATABASE_URL named it. */
  throwaway: boolean;
}

export function databaseFor(events: number, env: NodeJS.ProcessEnv = process.env): Target {
  const given = env.DATABASE_URL?.trim();
  if (given) return { url: given, throwaway: false };
  return { url: `${LOCAL_SERVER}/${DB_PREFIX}${sizeLabel(events)}`, throwaway: true };
}

/** The database name in a URL, and the same server's maintenance database (for CREATE/DROP DATABASE). */
export function splitUrl(url: string): { name: string; maintenanceUrl: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  parsed.pathname = '/postgres';
  return { name, maintenanceUrl: parsed.toString() };
}

/** "100000" or "100k" or "1m" → 100000. */
export function parseCount(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim().replace(/_/g, ''));
  if (!match) throw new Error(`not a count: "${text}" (use e.g. 10000, 100k or 1m)`);
  const factor = { '': 1, k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
  return Math.round(Number(match[1]) * factor);
}

/** Minimal `--flag value` / `--flag` parser: the bench has few options and no dependency is worth it. */
export function parseArgs(argv: readonly string[]): Map<string, string | true> {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    if (eq > 0) {
      args.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      args.set(arg.slice(2), next);
      i++;
    } else {
      args.set(arg.slice(2), true);
    }
  }
  return args;
}

export function stringArg(args: Map<string, string | true>, name: string): string | undefined {
  const value = args.get(name);
  if (value === true) throw new Error(`--${name} needs a value`);
  return value;
}

export function numberArg(args: Map<string, string | true>, name: string, fallback: number): number {
  const value = stringArg(args, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

/** Refuses unknown flags, so that a typo does not silently run the default. */
export function checkFlags(args: Map<string, string | true>, known: readonly string[]): void {
  for (const name of args.keys()) {
    if (!known.includes(name)) throw new Error(`unknown option --${name} (known: --${known.join(', --')})`);
  }
}
