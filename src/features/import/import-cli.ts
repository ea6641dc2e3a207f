// `npm run import -- events.csv [--key-name NAME] [--dry-run]`: loads events in the export's format (CSV,
// or JSON Lines for .jsonl/.ndjson files) into DATABASE_URL, or into the embedded database (stop the
// server first: PGlite has one owner). All or nothing; rejected rows are listed by line, field and
// message on stderr, and the exit code is 1 when any row was rejected (2 for a usage or setup error).
//   --key-name NAME   the API key the audit log records the import under (EDITOR or ADMIN); by default a
//                     key named "import", created on first use (its secret is never shown)
//   --dry-run         validate only
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { commandLine, openMigratedDatabase, usageError } from '../../core/command-line.js';
import { ImportSetupError, importEvents } from './import-events.js';

const USAGE =
  'usage: npm run import -- FILE.csv|FILE.jsonl [--key-name NAME] [--dry-run] [--format csv|jsonl]';

function fail(message: string): never {
  return usageError(message, USAGE);
}

const { positionals, values } = commandLine({
  'key-name': { type: 'string' },
  'dry-run': { type: 'boolean' },
  format: { type: 'string' },
});
const file = positionals[0];
if (!file || positionals.length > 1) fail('give exactly one file');
const format = (values.format ?? (/\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv')) as 'csv' | 'jsonl';
if (!['csv', 'jsonl'].includes(format)) fail('--format must be csv or jsonl');
const content = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) =>
  fail(`cannot read ${file}: ${error.code ?? error.message}`),
);

const db = await openMigratedDatabase();
let exitCode = 0;
try {
  const report = await importEvents(db.prisma, content, {
    format,
    dryRun: values['dry-run'] ?? false,
    label: `import:${path.basename(file)}`,
    ...(values['key-name'] ? { keyName: values['key-name'] } : {}),
  });
  const what = `${report.events} events in ${report.rows} rows of ${path.basename(file)}`;
  if (report.rejected.length) {
    const lines = new Set(report.rejected.map((r) => r.line));
    console.error(`import: ${what}: ${lines.size} rows rejected, nothing imported`);
    for (const r of report.rejected) console.error(`  line ${r.line}, ${r.field}: ${r.message}`);
    exitCode = 1;
  } else if (values['dry-run']) {
    console.log(`import: ${what}: all valid (dry run, nothing written)`);
  } else {
    const { events, participants, sources } = report.created;
    console.log(
      `import: ${what}: imported ${events} events, created ${participants} participants and ${sources} sources (audited as key "${report.keyName}")`,
    );
  }
} catch (error) {
  if (!(error instanceof ImportSetupError)) throw error;
  console.error(`import: ${error.message}`);
  exitCode = 2;
} finally {
  await db.close();
}
process.exit(exitCode);
