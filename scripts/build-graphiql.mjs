#!/usr/bin/env node
// Builds the offline GraphiQL page into public/graphiql/ (served by src/features/graphiql/graphiql-routes.ts).
//
//   graphiql.js          the page (React + GraphiQL + Monaco), IIFE
//   graphiql.css         graphiql/style.css (GraphiQL + Monaco CSS, fonts inlined as data: URLs)
//   editor.worker.js     Monaco's base editor worker
//   json.worker.js       Monaco's JSON language worker (variables / headers / response editors)
//   graphql.worker.js    monaco-graphql's language worker (validation, autocomplete)
//
// Nothing is fetched from a CDN: every byte the page needs is in these five files.
// Output names are fixed (no content hashes) so the HTML template can reference them; the build is
// deterministic (same inputs -> same bytes) and exits non-zero on any error.
import { build } from 'esbuild';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'public', 'graphiql');
// Built into a staging folder and swapped in at the end, so a failed build never leaves a broken or
// half-written public/graphiql/ behind (a running server keeps serving the previous build).
const stagingDir = path.join(root, 'public', `.graphiql-build-${process.pid}`);
const require = createRequire(path.join(root, 'package.json'));

/** Resolve a package file from the project's node_modules (fails loudly if it is missing). */
const resolve = (specifier) => require.resolve(specifier);

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  target: ['es2022'],
  platform: 'browser',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  outdir: stagingDir,
  write: true,
};

async function main() {
  const started = performance.now();
  await rm(stagingDir, { recursive: true, force: true });
  await mkdir(stagingDir, { recursive: true });

  await Promise.all([
    // Page script + the three Monaco workers. Each is a self-contained classic script (IIFE): the
    // workers are started with `new Worker(url)` (no module workers needed) and GraphiQL's dynamic
    // `import()`s of monaco-editor / monaco-graphql / prettier are inlined, so there are no
    // hash-named chunks to serve.
    build({
      ...common,
      format: 'iife',
      entryPoints: [
        { in: path.join(root, 'src/features/graphiql/browser/index.jsx'), out: 'graphiql' },
        { in: resolve('monaco-editor/esm/vs/editor/editor.worker.js'), out: 'editor.worker' },
        { in: resolve('monaco-editor/esm/vs/language/json/json.worker.js'), out: 'json.worker' },
        { in: resolve('monaco-graphql/esm/graphql.worker.js'), out: 'graphql.worker' },
      ],
      jsx: 'automatic',
      loader: {
        // monaco-editor's ESM sources `import './foo.css'`; that CSS is already part of
        // graphiql/style.css (built below), so drop it here instead of emitting a duplicate.
        '.css': 'empty',
        '.ttf': 'dataurl',
      },
    }),
    // Stylesheet: graphiql/style.css already inlines Monaco's CSS and the fonts as data: URLs.
    build({
      ...common,
      entryPoints: [{ in: resolve('graphiql/style.css'), out: 'graphiql' }],
      loader: { '.ttf': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
    }),
  ]);

  const files = (await readdir(stagingDir)).sort();
  const expected = ['editor.worker.js', 'graphiql.css', 'graphiql.js', 'graphql.worker.js', 'json.worker.js'];
  const missing = expected.filter((f) => !files.includes(f));
  if (missing.length > 0) throw new Error(`missing output files: ${missing.join(', ')}`);

  await rm(outdir, { recursive: true, force: true });
  await rename(stagingDir, outdir);

  const ms = Math.round(performance.now() - started);
  const sizes = await Promise.all(
    files.map(async (f) => `${f} ${((await stat(path.join(outdir, f))).size / 1024).toFixed(0)} KiB`),
  );
  console.log(`build-graphiql: ${path.relative(root, outdir)}/ in ${ms} ms: ${sizes.join(', ')}`);
}

main().catch(async (err) => {
  await rm(stagingDir, { recursive: true, force: true }).catch(() => undefined);
  console.error('build-graphiql failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
