// Writes tests/helpers/graphql-env.d.ts, the schema's types for the tests' `graphql(…)` documents
// (gql.tada), from schema.graphql. Where the tests are not there (the Docker image installs its
// dependencies before it copies the source), there is nothing to type and it says so.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('tests/helpers') || !existsSync('schema.graphql') || !existsSync('tsconfig.json')) {
  console.log('generate:test-types: no tests here, skipped');
  process.exit(0);
}
const result = spawnSync('npx', ['--no-install', 'gql-tada', 'generate', 'output'], { stdio: 'inherit' });
process.exit(result.status ?? 1);
