// Runs `prisma generate`, which needs no engine binary but first tries to download the schema engine.
// Where that download is impossible (offline machines, see README "Offline"), Prisma accepts any
// existing file as the engine path for commands that never execute it, so we retry with one.
// On a connected machine the first attempt succeeds and Prisma keeps its real engine.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const run = (env) =>
  spawnSync('npx', ['--no-install', 'prisma', 'generate', '--no-hints'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

let result = run({});
if (
  result.status !== 0 &&
  /binaries\.prisma\.sh|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed/.test(result.stderr + result.stdout)
) {
  console.log('prisma generate: engine download unavailable, generating offline');
  result = run({ PRISMA_SCHEMA_ENGINE_BINARY: fileURLToPath(import.meta.url) });
}
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exit(result.status ?? 1);
