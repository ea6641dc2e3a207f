// The docs' example operations: each is docs/examples/NAME.graphql (optional NAME.variables.json; a
// `# key: ROLE` comment line sends an API key of that role), and its answer on a freshly seeded server is
// NAME.json. The markdown under docs/ shows them between `<!-- example NAME -->` and `<!-- /example -->`,
// rendered from those files, so that what a reader sees is what tests/docs.test.ts ran.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DOCS_DIR = fileURLToPath(new URL('../../docs/', import.meta.url));
export const EXAMPLES_DIR = path.join(DOCS_DIR, 'examples');

export interface Example {
  name: string;
  /** The file's text, shown as is. */
  document: string;
  variables?: Record<string, unknown>;
  /** The role of the key the example is sent with, if any. */
  role?: 'READER' | 'EDITOR' | 'ADMIN';
  /** The recorded answer (NAME.json), if there is one yet. */
  expected?: unknown;
}

export async function loadExamples(): Promise<Example[]> {
  const files = (await readdir(EXAMPLES_DIR)).filter((f) => f.endsWith('.graphql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const name = file.replace(/\.graphql$/, '');
      const document = await readFile(path.join(EXAMPLES_DIR, file), 'utf8');
      const readJson = (suffix: string) =>
        readFile(path.join(EXAMPLES_DIR, `${name}${suffix}`), 'utf8').then(
          (text) => JSON.parse(text) as unknown,
          () => undefined,
        );
      const variables = (await readJson('.variables.json')) as Record<string, unknown> | undefined;
      const role = /^# key: (READER|EDITOR|ADMIN)$/m.exec(document)?.[1] as Example['role'];
      const expected = await readJson('.json');
      return {
        name,
        document,
        ...(variables ? { variables } : {}),
        ...(role ? { role } : {}),
        ...(expected === undefined ? {} : { expected }),
      };
    }),
  );
}

type Answer = {
  data?: unknown;
  errors?: { message: string; path?: unknown; extensions?: { code?: unknown } }[];
};

/** What the docs show of an answer: data, and each error's message, path and code (no locations, no cost). */
export function shownAnswer(answer: Answer): unknown {
  return {
    ...(answer.errors
      ? {
          errors: answer.errors.map((e) => ({
            message: e.message,
            ...(e.path ? { path: e.path } : {}),
            extensions: { code: e.extensions?.code },
          })),
        }
      : {}),
    ...('data' in answer ? { data: answer.data } : {}),
  };
}

/** JSON as the repository's formatter (prettier) prints it, so that `npm run lint` and the docs agree. */
export const json = async (value: unknown) =>
  (await import('prettier')).format(JSON.stringify(value), { parser: 'json', printWidth: 110 });

async function renderExample(example: Example): Promise<string> {
  const parts = ['```graphql', example.document.trimEnd(), '```'];
  if (example.variables)
    parts.push('', 'Variables:', '', '```json', (await json(example.variables)).trimEnd(), '```');
  parts.push('', 'Answer:', '', '```json', (await json(example.expected ?? null)).trimEnd(), '```');
  return parts.join('\n');
}

const BLOCK = /<!-- example ([a-z0-9-]+) -->\n[\s\S]*?<!-- \/example -->/g;

/** The markdown with every example block re-rendered from the files; throws on an unknown name. */
export async function renderExampleBlocks(markdown: string, examples: Example[]): Promise<string> {
  const byName = new Map(examples.map((e) => [e.name, e]));
  const rendered = new Map<string, string>();
  for (const name of exampleNames(markdown)) {
    const example = byName.get(name);
    if (!example) throw new Error(`docs name an example "${name}" that docs/examples/ does not have`);
    rendered.set(name, await renderExample(example));
  }
  return markdown.replace(
    BLOCK,
    (_block, name: string) => `<!-- example ${name} -->\n\n${rendered.get(name)!}\n\n<!-- /example -->`,
  );
}

/** The names of the examples a markdown text shows. */
export const exampleNames = (markdown: string) => [...markdown.matchAll(BLOCK)].map((m) => m[1]!);

export async function markdownFiles(): Promise<string[]> {
  const files = (await readdir(DOCS_DIR)).filter((f) => f.endsWith('.md')).map((f) => path.join(DOCS_DIR, f));
  return [fileURLToPath(new URL('../../README.md', import.meta.url)), ...files.sort()];
}
