// GraphQL Code Generator, as a frontend runs it: `typescript-operations` (which in v6 also writes the enum and input types it needs) over the committed
// schema.graphql and the docs' example operations, with the scalar map docs/frontend.md gives
// (`strictScalars` fails the run if a scalar is missing from it). The output must compile under
// `tsc --strict`, and a scalar must come out as the mapped type, not `unknown`/`any`.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** docs/frontend.md, "Codegen": the scalar map. */
export const SCALARS = {
  CountryCode: 'string',
  Date: 'string',
  DateTime: 'string',
  URL: 'string',
  JSON: 'unknown',
};

let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('codegen', () => {
  it('generates operation types that compile under tsc --strict with the documented scalar map', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'codegen-'));
    const out = path.join(dir, 'graphql.ts');
    await generate(
      {
        schema: path.join(ROOT, 'schema.graphql'),
        documents: path.join(ROOT, 'docs/examples/*.graphql'),
        silent: true,
        generates: {
          [out]: {
            plugins: ['typescript-operations'],
            config: { scalars: SCALARS, strictScalars: true, enumsAsTypes: true },
          },
        },
      },
      true,
    );
    // A use of the types as a frontend writes it: the scalar is a string, the enum a union.
    await writeFile(
      path.join(dir, 'use.ts'),
      `import type { TimelineQuery, EventPageQuery } from './graphql';
declare const timeline: TimelineQuery;
const first = timeline.events.edges[0]?.node;
const date: string | null | undefined = first?.start.date;
const kind: 'MEETING' | string | undefined = first?.kind;
declare const page: EventPageQuery;
const title: string | undefined = page.event?.title;
export { date, kind, title };
`,
    );
    const tsc = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/typescript/bin/tsc'),
        '--strict',
        '--noEmit',
        '--skipLibCheck',
        '--target',
        'ES2022',
        '--module',
        'ESNext',
        '--moduleResolution',
        'Bundler',
        out,
        path.join(dir, 'use.ts'),
      ],
      { encoding: 'utf8' },
    );
    expect(tsc.stdout + tsc.stderr, 'tsc --strict on the generated types').toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);
});
