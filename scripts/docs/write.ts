// `npm run docs:write`: reprints docs/errors.md from src/core/errors.ts, records each docs example's answer on a
// freshly seeded server (docs/examples/NAME.json), and re-renders the example blocks in the markdown.
// tests/docs.test.ts checks all three, so a change to the code or the seed shows up as a failing test.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createLogger } from '../../src/core/logger.js';
import { bearer } from '../../tests/helpers/api-keys.js';
import { startTestServer } from '../../tests/helpers/test-server.js';
import {
  DOCS_DIR,
  EXAMPLES_DIR,
  json,
  loadExamples,
  markdownFiles,
  renderExampleBlocks,
  shownAnswer,
} from './examples.js';
import { renderErrorsDoc } from './errors-doc.js';
import { runExamples } from './run-examples.js';

await writeFile(path.join(DOCS_DIR, 'errors.md'), await renderErrorsDoc());
const server = await startTestServer({ logger: createLogger(undefined, 'warn') });
try {
  const examples = await loadExamples();
  const answers = await runExamples(server, examples, (role, name) => bearer(server.db, role, name));
  for (const example of examples) {
    example.expected = shownAnswer(answers.get(example.name)!);
    await writeFile(path.join(EXAMPLES_DIR, `${example.name}.json`), await json(example.expected));
  }
  for (const file of await markdownFiles()) {
    const text = await readFile(file, 'utf8');
    const rendered = await renderExampleBlocks(text, examples);
    if (rendered !== text) await writeFile(file, rendered);
  }
  console.log(`wrote docs/errors.md and ${examples.length} example answers`);
} finally {
  await server.stop();
}
