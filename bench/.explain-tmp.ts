import postgres from 'postgres';
import { relationshipSql, type Part } from '../src/relationship/relationship.data.js';
const url = process.env.URL ?? 'postgresql://postgres@127.0.0.1:5432/jvbench_1m';
const sql = postgres(url, { max: 1, onnotice: () => {} });
const [jp] = await sql`select id from participant where iso_code='JP'`;
const [vn] = await sql`select id from participant where iso_code='VN'`;
const pair = { codes: ['JP', 'VN'] as const, ids: [jp!.id, vn!.id] as const };
const all: Part[] = [
  { kind: 'events', filter: undefined, page: { take: 10, skip: 0 }, total: true },
  { kind: 'agreements', page: { take: 5, skip: 0 }, total: true },
  { kind: 'remarks', page: { take: 5, skip: 0 }, total: true },
  { kind: 'countsByYear' },
  { kind: 'countsByKind' },
  { kind: 'firstContact' },
  { kind: 'lastContact' },
  { kind: 'topPairs', limit: 5 },
];
await sql`set jit = off`;
const only = process.argv[2];
for (const [i, part] of all.entries()) {
  if (only && !only.split(',').includes(part.kind)) continue;
  const q = relationshipSql(pair, [part]);
  const text = q.sql.replace(/\?/g, (() => { let n = 0; return () => `$${++n}`; })());
  const t = performance.now();
  const plan = await sql.unsafe(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, q.values as any[]);
  const ms = performance.now() - t;
  console.log(`${part.kind}: ${ms.toFixed(0)} ms`);
  if (process.env.PLAN) console.log(plan.map((r: any) => r['QUERY PLAN']).join('\n'));
}
await sql.end();
