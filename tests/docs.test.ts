// The docs cannot drift from the code: docs/errors.md is the one printed from src/core/errors.ts, every example
// operation in docs/examples/ answers on a freshly seeded server exactly what its NAME.json records, the
// markdown shows those files as they are, and no GraphQL block in the docs escapes this check.
// After an intended change: `npm run docs:write`, review the diff, commit.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOCS_DIR,
  exampleNames,
  loadExamples,
  markdownFiles,
  renderExampleBlocks,
  shownAnswer,
  type Example,
} from '../scripts/docs/examples.js';
import { renderErrorsDoc } from '../scripts/docs/errors-doc.js';
import { runExamples } from '../scripts/docs/run-examples.js';
import { bearer } from './helpers/api-keys.js';
import { startTestServer, type GraphQLResponse, type TestServer } from './helpers/test-server.js';

const FIX = 'run `npm run docs:write`, review the diff and commit it';
let server: TestServer;
let examples: Example[];
let answers: Map<string, GraphQLResponse>;

beforeAll(async () => {
  server = await startTestServer();
  examples = await loadExamples();
  answers = await runExamples(server, examples, (role, name) => bearer(server.db, role, name));
});
afterAll(async () => server?.stop());

describe('docs', () => {
  it('docs/errors.md is the one printed from src/core/errors.ts', async () => {
    expect(await readFile(path.join(DOCS_DIR, 'errors.md'), 'utf8'), FIX).toBe(await renderErrorsDoc());
  });

  it('every example answers what the docs show', () => {
    expect(examples.length).toBeGreaterThan(5);
    for (const example of examples) {
      expect(example.expected, `docs/examples/${example.name}.json is missing: ${FIX}`).toBeDefined();
      expect(shownAnswer(answers.get(example.name)!), `docs/examples/${example.name}: ${FIX}`).toEqual(
        example.expected,
      );
    }
  });

  it('the markdown shows the example files as they are, and every GraphQL block is an example', async () => {
    const shown = new Set<string>();
    for (const file of await markdownFiles()) {
      const text = await readFile(file, 'utf8');
      expect(await renderExampleBlocks(text, examples), `${path.basename(file)}: ${FIX}`).toBe(text);
      exampleNames(text).forEach((name) => shown.add(name));
      const outside = text.replace(/<!-- example [a-z0-9-]+ -->[\s\S]*?<!-- \/example -->/g, '');
      expect(outside, `${path.basename(file)} has a \`\`\`graphql block outside an example`).not.toMatch(
        /^```graphql$/m,
      );
    }
    expect(
      examples.map((e) => e.name).filter((name) => !shown.has(name)),
      'examples no document shows',
    ).toEqual([]);
  });
});
