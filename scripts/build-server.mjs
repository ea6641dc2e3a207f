#!/usr/bin/env node
// Builds the server — src/main.ts and everything it imports from src/ and seeds/ — into one ES module,
// dist/server.mjs, so that `npm start` runs plain JavaScript in a single Node process: no tsx loader
// transpiling every file at each start (1.1 s of the 2.7 s to the first answer) and no second process.
// Packages stay external (`packages: 'external'`): they load from node_modules at run time as before, so
// Prisma's WASM query compiler and PGlite's data files are found where they always are.
//
//   node scripts/build-server.mjs             builds (0.2–0.5 s)
//   node scripts/build-server.mjs --if-stale  builds only if dist/server.mjs is missing or older than a
//                                             file under src/ or seeds/ (or this script, package.json)
//
// `npm start` runs it with --if-stale first (`prestart`), and so do the bench and the test helpers that
// start the server as a process (scripts/server-command.ts): an edit is never served stale.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = path.join(root, 'dist', 'server.mjs');
const inputs = ['src', 'seeds', 'scripts/build-server.mjs', 'package.json', 'tsconfig.json'];

/** The newest modification time (ms) under `entry`, a file or a folder. */
async function newestMtime(entry) {
  const info = await stat(entry);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs; // a deleted or renamed file changes its folder's mtime
  for (const child of await readdir(entry)) {
    newest = Math.max(newest, await newestMtime(path.join(entry, child)));
  }
  return newest;
}

async function isStale() {
  const built = await stat(outfile).then(
    (s) => s.mtimeMs,
    () => null,
  );
  if (built === null) return true;
  for (const input of inputs) {
    if ((await newestMtime(path.join(root, input))) > built) return true;
  }
  return false;
}

// The sources find files next to themselves with `new URL('../../prisma/migrations/', import.meta.url)`
// (migrations, GraphiQL assets, seed texts). In the bundle import.meta.url is dist/server.mjs, so each
// source file's `import.meta.url` becomes its own URL, computed from the bundle's: the bundle keeps
// working wherever the checkout is (the Docker image too), as long as dist/ stays next to src/.
const sourceFileUrls = {
  name: 'source-file-urls',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      let contents = await readFile(args.path, 'utf8');
      if (contents.includes('import.meta.url')) {
        const fromBundle = path.relative(path.dirname(outfile), args.path).split(path.sep).join('/');
        contents = contents.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        );
      }
      return { contents, loader: 'ts' };
    });
  },
};

async function main() {
  if (process.argv.includes('--if-stale') && !(await isStale())) return;
  const started = performance.now();
  const { build } = await import('esbuild'); // only when building: a fresh bundle starts faster
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'src', 'main.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Stack traces name the TypeScript file and line under `node --enable-source-maps`.
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [sourceFileUrls],
    write: false,
  });
  // Written under temporary names and renamed into place, so a server starting while another process
  // rebuilds (tests start several at once) never reads a half-written bundle.
  await mkdir(path.dirname(outfile), { recursive: true });
  const files = result.outputFiles.map((file) => ({ file, temp: `${file.path}.${process.pid}.tmp` }));
  try {
    await Promise.all(files.map(({ file, temp }) => writeFile(temp, file.contents)));
    // The map first: the bundle's mtime is what --if-stale compares.
    const isMap = ({ file }) => file.path.endsWith('.map');
    for (const { file, temp } of [...files.filter(isMap), ...files.filter((f) => !isMap(f))]) {
      await rename(temp, file.path);
    }
  } finally {
    await Promise.all(files.map(({ temp }) => rm(temp, { force: true })));
  }
  console.error(`built ${path.relative(root, outfile)} in ${Math.round(performance.now() - started)} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
