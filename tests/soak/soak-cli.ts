// `npm run soak -- --seconds 60 [--clients 6] [--downtime-ms 2000]`: see soak.ts. Prints the report as
// JSON and exits 1 if any acknowledged write was lost or doubled.
import { parseArgs } from 'node:util';
import { runSoak } from './soak.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    clients: { type: 'string', default: '6' },
    'downtime-ms': { type: 'string', default: '2000' },
  },
});
const report = await runSoak({
  seconds: Number(values.seconds),
  clients: Number(values.clients),
  downtimeMs: Number(values['downtime-ms']),
  log: (line) => console.error(line),
});
console.log(JSON.stringify(report, null, 2));
process.exit(report.passed ? 0 : 1);
