// The floors must be the fastest honest statement for their answer, and a statement is only as fast as
// its plan: a cast the planner cannot see through once made the (c) floor sort a sequential scan instead
// of walking agreement_listing_idx (5× slower). Before the load, each floor is EXPLAINed with the
// parameters of a real request and its plan must use the indexes a hand-tuned plan would (floor.ts lists
// them per floor), except on tables of fewer than SMALL_TABLE_ROWS rows, where PostgreSQL rightly prefers
// a sequential scan of a few pages (the 10k smoke dataset has about 200 people); every sequential scan is
// reported beside it.
//
// On its own (the same check, printed): npx tsx bench/plan.ts [--events 100k]
import type pg from 'pg';
import { databaseFor, parseArgs, parseCount, stringArg } from './config.js';
import { Prng } from './data/prng.js';
import { FLOORS } from './floor.js';
import { OPERATIONS, type Samples } from './operations.js';

/** Below this many rows (pg_class.reltuples) a table's expected index is not required. */
export const SMALL_TABLE_ROWS = 1000;

export interface FloorPlan {
  key: string;
  /** Every index the plan reads, in plan order. */
  indexes: string[];
  /** Tables the plan scans sequentially. */
  seqScans: string[];
  /** Expected indexes (alternatives joined by "|") that the plan does not use. */
  missing: string[];
  /** Expected indexes not required because their table is small. */
  smallTables: string[];
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, visit: (node: PlanNode) => void): void {
  visit(node);
  for (const child of node.Plans ?? []) walk(child, visit);
}

/** The plan of each floor for the variables one request of its operation would send. */
export async function checkFloorPlans(
  pool: pg.Pool,
  samples: Pick<Samples, 'personSlugs'>,
  rng: Prng,
): Promise<FloorPlan[]> {
  const { rows: sizes } = await pool.query<{ relname: string; n: number }>(
    `SELECT relname, reltuples::float8 AS n FROM pg_class
     WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`,
  );
  const rowsOf = new Map(sizes.map((r) => [r.relname, r.n]));
  const plans: FloorPlan[] = [];
  for (const floor of FLOORS) {
    const op = OPERATIONS.find((o) => o.key === floor.key)!;
    const params = floor.params(op.variables(rng, samples as Samples));
    const { rows } = await pool.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
      `EXPLAIN (FORMAT JSON) ${floor.sql}`,
      params,
    );
    const indexes: string[] = [];
    const seqScans: string[] = [];
    walk(rows[0]!['QUERY PLAN'][0]!.Plan, (node) => {
      if (node['Index Name']) indexes.push(node['Index Name']);
      if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) seqScans.push(node['Relation Name']);
    });
    const unused = floor.indexes.filter(({ anyOf }) => !anyOf.some((name) => indexes.includes(name)));
    const small = (table: string) => (rowsOf.get(table) ?? 0) < SMALL_TABLE_ROWS;
    plans.push({
      key: floor.key,
      indexes: [...new Set(indexes)],
      seqScans: [...new Set(seqScans)],
      missing: unused.filter((e) => !small(e.table)).map((e) => e.anyOf.join('|')),
      smallTables: unused.filter((e) => small(e.table)).map((e) => e.table),
    });
  }
  return plans;
}

export function formatPlan(plan: FloorPlan): string {
  return (
    `floor (${plan.key}) plan: ${plan.missing.length ? `MISSING ${plan.missing.join(', ')}; ` : 'as hand-tuned; '}` +
    `indexes ${plan.indexes.join(', ') || 'none'}; sequential scans ${plan.seqScans.join(', ') || 'none'}` +
    (plan.smallTables.length
      ? ` (${plan.smallTables.join(', ')}: under ${SMALL_TABLE_ROWS} rows, no index required)`
      : '')
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2));
  const { default: pgModule } = await import('pg');
  const target = databaseFor(parseCount(stringArg(args, 'events') ?? '100k'));
  const pool = new pgModule.Pool({ connectionString: target.url, max: 1 });
  try {
    const { rows } = await pool.query<{ slug: string }>(
      `SELECT slug FROM participant WHERE kind = 'PERSON' AND deleted_at IS NULL ORDER BY md5(slug) LIMIT 2000`,
    );
    const plans = await checkFloorPlans(pool, { personSlugs: rows.map((r) => r.slug) }, new Prng(7));
    for (const plan of plans) console.log(formatPlan(plan));
    if (plans.some((p) => p.missing.length)) process.exitCode = 1;
  } finally {
    await pool.end();
  }
}
