// Safe admin bootstrap on the embedded database: the running server owns its data folder, so
// `npm run admin` refuses at once (naming the server's process) and changes nothing; the first admin key
// comes from the server itself (a one-time key written to a 0600 file on first start), and with it keys
// are made through GraphQL while the server runs. After the server stops, the CLI works again, and a lock
// left by a killed process is taken over.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, serverCommand } from '../scripts/server-command.js';
import { startServerProcess, type ServerProcess } from './helpers/server-process.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let dataDir: string;
let server: ServerProcess | undefined;

function admin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/core/auth/admin-cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function gql(query: string, secret: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${server!.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'jv-admin-'));
});
afterAll(async () => {
  server?.kill();
  await rm(dataDir, { recursive: true, force: true });
});

describe('admin bootstrap on the embedded database', () => {
  let bootstrapSecret: string;

  it('the first start writes a one-time admin key to a file only its owner can read, not to the log', async () => {
    server = await startServerProcess({ DATABASE_URL: '', DATA_DIR: dataDir, SEED: 'never' });
    const file = path.join(dataDir, 'bootstrap-admin.key');
    await server.logged(/one-time ADMIN key/);
    bootstrapSecret = (await readFile(file, 'utf8')).trim();
    expect(bootstrapSecret).toMatch(/^jvlog_/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(server.stdout()).not.toContain(bootstrapSecret);
    expect((await gql('{ viewer { name role } }', bootstrapSecret)).data.viewer).toEqual({
      name: 'bootstrap-admin',
      role: 'ADMIN',
    });
  }, 180_000);

  it('`npm run admin -- create-key` while the server runs refuses at once, naming it, and changes nothing', async () => {
    const started = Date.now();
    const result = await admin(['create-key', '--name', 'newsdesk', '--role', 'editor']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`in use by process ${server!.child.pid}`);
    expect(result.stderr).toContain('createApiKey');
    expect(Date.now() - started).toBeLessThan(30_000);
    const keys = await gql('{ apiKeys { name } }', bootstrapSecret);
    expect(keys.data.apiKeys).toEqual([{ name: 'bootstrap-admin' }]);
  }, 60_000);

  it('a second server on the same folder refuses to start, naming the first', async () => {
    const { command, args } = serverCommand();
    const second = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    second.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    second.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    const code = await new Promise((resolve) => second.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(`in use by process ${server!.child.pid}`);
  }, 60_000);

  it('with the server running, the bootstrap key creates a key that works at once', async () => {
    const created = await gql(
      'mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { name role } } }',
      bootstrapSecret,
      { input: { name: 'newsdesk', role: 'EDITOR' } },
    );
    expect(created.errors).toBeUndefined();
    const viewer = await gql('{ viewer { name role } }', created.data.createApiKey.secret);
    expect(viewer.data.viewer).toEqual({ name: 'newsdesk', role: 'EDITOR' });
  });

  it('after a clean stop the lock is gone, and the CLI opens the folder and sees every key', async () => {
    server!.child.kill('SIGTERM');
    expect(await server!.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'owner.lock'))).toBe(false);
    const listed = await admin(['list-keys']);
    expect(listed.code).toBe(0);
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t')[1]),
    ).toEqual(['bootstrap-admin', 'newsdesk']);
  }, 60_000);

  it('takes over a lock left by a process that is gone', async () => {
    const dead = spawn(process.execPath, ['-e', '0']);
    const pid = dead.pid!;
    await new Promise((resolve) => dead.once('exit', resolve));
    await writeFile(
      path.join(dataDir, 'owner.lock'),
      JSON.stringify({
        pid,
        host: (await import('node:os')).hostname(),
        command: 'node killed',
        since: 'earlier',
      }),
    );
    const listed = await admin(['list-keys']);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
  }, 60_000);
});
