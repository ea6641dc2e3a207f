// `npm run bench:data -- --events 100000 [--seed 1] [--reset]`: fills DATABASE_URL, or the throwaway
// database for that size on the local server (printed), with the synthetic dataset.
// `--drop` drops that throwaway database instead; `--drop-all` drops every jvbench_* database.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import {
  checkFlags,
  databaseFor,
  DB_PREFIX,
  LOCAL_SERVER,
  numberArg,
  parseArgs,
  parseCount,
  sizeLabel,
  stringArg,
} from '../config.js';
import { RESULTS_DIR } from '../report.js';
import { dropDatabase, loadDataset } from './load.js';

const args = parseArgs(process.argv.slice(2));
checkFlags(args, ['events', 'seed', 'reset', 'drop', 'drop-all']);
const events = parseCount(stringArg(args, 'events') ?? '10000');
const log = (line: string) => console.error(line);

if (args.has('drop-all')) {
  const admin = postgres(`${LOCAL_SERVER}/postgres`, { max: 1, onnotice: () => {} });
  const names = await admin<{ datname: string }[]>`
    SELECT datname FROM pg_database WHERE datname LIKE ${DB_PREFIX + '%'}`;
  for (const { datname } of names) {
    await admin.unsafe(`DROP DATABASE "${datname}" WITH (FORCE)`);
    log(`dropped ${datname}`);
  }
  await admin.end();
} else if (args.has('drop')) {
  const target = databaseFor(events);
  if (!target.throwaway) throw new Error('--drop only drops the bench’s own databases; unset DATABASE_URL');
  log((await dropDatabase(target.url)) ? `dropped ${target.url}` : `no database at ${target.url}`);
} else {
  const target = databaseFor(events);
  log(`bench data: ${events.toLocaleString('en')} events (${sizeLabel(events)}) into ${target.url}`);
  const report = await loadDataset({
    url: target.url,
    events,
    seed: numberArg(args, 'seed', 1),
    create: target.throwaway,
    reset: args.has('reset'),
    log,
  });
  const json = JSON.stringify(
    { date: new Date().toISOString().slice(0, 10), url: target.url, ...report },
    null,
    2,
  );
  console.log(json);
  // Kept next to the bench's results: the generation rate is one of the targets.
  const file = path.join(
    RESULTS_DIR,
    `${new Date().toISOString().slice(0, 10)}-${sizeLabel(events)}-data.json`,
  );
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(file, json + '\n');
  log(`saved ${file}`);
}
