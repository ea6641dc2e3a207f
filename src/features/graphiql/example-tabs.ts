// GraphiQL's tabs beside the default query: the docs' main example queries (docs/examples/, each run by
// tests/docs.test.ts), so what a visitor tries first is what the docs explain. Missing files are skipped.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const EXAMPLES = ['event-page', 'person-page', 'relationship', 'search', 'dyad-events', 'conflicts'];
const DIR = new URL('../../../docs/examples/', import.meta.url);

export function exampleTabs(): string[] {
  return EXAMPLES.flatMap((name) => {
    try {
      return [readFileSync(fileURLToPath(new URL(`${name}.graphql`, DIR)), 'utf8')];
    } catch {
      return [];
    }
  });
}
