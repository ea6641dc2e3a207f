// The migrator keeps Prisma's bookkeeping, applies each migration once even when servers race, and the
// migrated database matches schema.prisma (so the SQL migrations and the Prisma schema cannot drift).
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../src/core/db/database.js';
import { applyMigrations, defaultMigrationsDir, readMigrations } from '../src/core/db/migrate.js';
import { getDatamodel } from '../src/generated/pothos-types.js';
import { createTestDatabase, type TestDatabase } from './helpers/test-database.js';

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openDatabase(testDb.config);
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

describe('migrations', () => {
  it('applies every migration once, even when two migrators start together', async () => {
    const files = await readMigrations();
    expect(files.map((f) => f.name)).toEqual([
      '20261122000000_init',
      '20261122000100_integrity',
      '20261122000200_admin_writes',
      '20261122000300_event_codes',
      '20261122000400_event_countries',
      '20261122000500_search_vectors',
      '20261122000700_read_path',
      '20261122000800_relationship_speed',
      '20261203000000_provenance',
      '20261204000000_relationship_summaries',
      '20261204000100_relationship_remarks',
      '20261204000200_relationship_agreements',
      '20261204190000_value_basis_announce',
      '20261207000000_date_on_or_before',
      '20261207000100_undated_dates',
      '20261207000200_relationship_pair_events',
      '20261207120000_event_live_start',
    ]);
    const a = db.openSqlSession();
    const b = db.openSqlSession();
    const [first, second] = await Promise.all([applyMigrations(a), applyMigrations(b)]);
    await a.close();
    await b.close();
    // Whoever got the advisory lock first applied everything; the other found nothing left to do.
    expect([...first.applied, ...second.applied].sort()).toEqual(files.map((f) => f.name));
    expect(first.applied.length === 0 || second.applied.length === 0).toBe(true);
    const again = await db.migrate();
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toHaveLength(files.length);
  });

  it('records each migration the way Prisma does: name, SHA-256 checksum of migration.sql, timestamps', async () => {
    const rows = await db.prisma.$queryRaw<
      {
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        applied_steps_count: number;
        logs: string | null;
      }[]
    >`SELECT migration_name, checksum, finished_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY migration_name`;
    for (const row of rows) {
      const script = await readFile(`${defaultMigrationsDir}/${row.migration_name}/migration.sql`);
      expect(row.checksum).toBe(createHash('sha256').update(script).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
    }
    expect(rows).toHaveLength((await readMigrations()).length);
  });

  it('rolls back a failing migration completely and records nothing', async () => {
    const session = db.openSqlSession();
    const broken = {
      name: '29991231000000_broken',
      script: 'CREATE TABLE half_done (id int); SELECT no_such_function();',
      checksum: 'x',
    };
    await expect(applyMigrations(session, [...(await readMigrations()), broken])).rejects.toThrow(
      /29991231000000_broken/,
    );
    const [row] = await session.query<{ exists: boolean }>(
      `SELECT to_regclass('half_done') IS NOT NULL AS exists`,
    );
    const exists = row?.exists;
    const recorded = await session.query(`SELECT 1 FROM _prisma_migrations WHERE migration_name = $1`, [
      broken.name,
    ]);
    await session.close();
    expect(exists).toBe(false);
    expect(recorded).toHaveLength(0);
  });
});

describe('the migrated database agrees with schema.prisma', () => {
  interface Column {
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: 'YES' | 'NO';
  }
  const datamodel = getDatamodel().datamodel.models;
  const runtime = () =>
    (
      db.prisma as unknown as {
        _runtimeDataModel: {
          models: Record<
            string,
            { dbName: string | null; fields: { name: string; kind: string; dbName?: string }[] }
          >;
        };
      }
    )._runtimeDataModel.models;
  const tableOf = (model: string) => runtime()[model]!.dbName ?? model;
  const columnOf = (model: string, field: string) =>
    runtime()[model]!.fields.find((f) => f.name === field)?.dbName ?? field;
  // Prisma scalar type → PostgreSQL types it may be stored as (native types narrow String and DateTime).
  const storage: Record<string, string[]> = {
    String: ['text', 'uuid', 'character', 'character varying'],
    DateTime: ['timestamp with time zone', 'timestamp without time zone', 'date'],
    Int: ['integer'],
    BigInt: ['bigint'],
    Float: ['double precision', 'real'],
    Decimal: ['numeric'],
    Boolean: ['boolean'],
    Json: ['jsonb'],
  };

  it('has exactly the tables and columns of the models, with matching types and nullability', async () => {
    const columns = await db.prisma.$queryRaw<Column[]>`
      SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`;
    const expected = new Set<string>();
    for (const [model, { fields }] of Object.entries(datamodel)) {
      for (const field of fields.filter((f) => f.kind !== 'object')) {
        const table = tableOf(model);
        const column = columnOf(model, field.name);
        expected.add(`${table}.${column}`);
        const actual = columns.find((c) => c.table_name === table && c.column_name === column);
        expect(actual, `${model}.${field.name} → ${table}.${column} is missing`).toBeDefined();
        if (field.isList) {
          expect(actual!.data_type, `${table}.${column}`).toBe('ARRAY');
        } else if (field.kind === 'enum') {
          expect([actual!.data_type, actual!.udt_name], `${table}.${column}`).toEqual([
            'USER-DEFINED',
            field.type,
          ]);
        } else {
          expect(storage[field.type], `${table}.${column} (${field.type})`).toContain(actual!.data_type);
        }
        // Prisma creates list columns nullable (with an empty-array default) and scalar ones by isRequired.
        const nullable = field.isList || !field.isRequired;
        expect(actual!.is_nullable === 'YES', `${table}.${column} nullability`).toBe(nullable);
      }
    }
    // Prisma leaves Unsupported("…") fields (the search vectors) out of its data model: read them from the
    // schema's text, `name Unsupported("type")? @map("column")` inside `model Name { … @@map("table") }`.
    const schema = await readFile(`${defaultMigrationsDir}/../schema.prisma`, 'utf8');
    for (const [, model] of schema.matchAll(/^model (\w+) \{$/gm)) {
      const block = schema.slice(schema.indexOf(`model ${model!} {`)).split(/^\}$/m)[0]!;
      for (const [, name, type, optional, column] of block.matchAll(
        /^\s+(\w+)\s+Unsupported\("(\w+)"\)(\?)?.*@map\("(\w+)"\)/gm,
      )) {
        const table = tableOf(model!);
        expected.add(`${table}.${column!}`);
        const actual = columns.find((c) => c.table_name === table && c.column_name === column);
        expect(actual, `${model}.${name} → ${table}.${column} is missing`).toBeDefined();
        expect([actual!.udt_name, actual!.is_nullable === 'YES'], `${table}.${column}`).toEqual([
          type,
          !!optional,
        ]);
      }
    }
    const extra = columns.map((c) => `${c.table_name}.${c.column_name}`).filter((c) => !expected.has(c));
    expect(extra, 'columns in the database that schema.prisma does not know').toEqual([]);
  });

  it('has the primary keys, unique keys and foreign keys the models declare', async () => {
    const constraints = await db.prisma.$queryRaw<
      { table_name: string; type: string; columns: string[]; ref_table: string | null }[]
    >`
      SELECT (SELECT relname::text FROM pg_class WHERE oid = c.conrelid) AS table_name, c.contype::text AS type,
             array_agg(a.attname::text ORDER BY k.ord) AS columns,
             (SELECT relname::text FROM pg_class WHERE oid = c.confrelid) AS ref_table
      FROM pg_constraint c
      CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
      WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('p', 'f')
      GROUP BY c.oid, c.conrelid, c.contype, c.confrelid`;
    const uniques = await db.prisma.$queryRaw<{ table_name: string; columns: string[] }[]>`
      SELECT t.relname::text AS table_name, array_agg(a.attname::text ORDER BY k.ord) AS columns
      FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      JOIN pg_class t ON t.oid = i.indrelid
      WHERE i.indisunique AND NOT i.indisprimary AND t.relnamespace = 'public'::regnamespace
      GROUP BY i.indexrelid, t.relname`;
    for (const [model, { fields, uniqueIndexes, primaryKey }] of Object.entries(datamodel)) {
      const table = tableOf(model);
      const id = fields.find((f) => f.isId);
      // A single-field @id, or a compound @@id (its fields in order).
      const keyColumns = id ? [columnOf(model, id.name)] : primaryKey!.fields.map((f) => columnOf(model, f));
      expect(constraints, `${table} primary key`).toContainEqual(
        expect.objectContaining({ table_name: table, type: 'p', columns: keyColumns }),
      );
      for (const f of fields.filter((f) => f.isUnique)) {
        expect(uniques, `${table}.${f.name} unique`).toContainEqual({
          table_name: table,
          columns: [columnOf(model, f.name)],
        });
      }
      for (const u of uniqueIndexes) {
        expect(uniques, `${table} unique (${u.fields})`).toContainEqual({
          table_name: table,
          columns: u.fields.map((f) => columnOf(model, f)),
        });
      }
      for (const relation of fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length)) {
        expect(constraints, `${table}.${relation.name} foreign key`).toContainEqual({
          table_name: table,
          type: 'f',
          columns: relation.relationFromFields!.map((f) => columnOf(model, f)),
          ref_table: tableOf(relation.type),
        });
      }
    }
  });

  it('has the check constraints, provenance triggers and search indexes of the integrity migration', async () => {
    const checks = await db.prisma.$queryRaw<{ conname: string }[]>`
      SELECT conname FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace`;
    const names = checks.map((c) => c.conname);
    for (const name of [
      'event_end_after_start',
      'citation_quote_not_blank',
      'citation_exactly_one_target',
      'participant_iso_code_iff_country',
      'source_url_format',
    ]) {
      expect(names).toContain(name);
    }
    const triggers = await db.prisma.$queryRaw<
      { tgname: string }[]
    >`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal`;
    expect(triggers.map((t) => t.tgname).sort()).toEqual(
      [
        'agreement_party_requires_citation',
        'agreement_requires_citation',
        'audit_entry_append_only',
        'audit_entry_no_truncate',
        'citation_keeps_claims_cited',
        'event_country_ids',
        'event_latest_date',
        'event_plover_contexts_known',
        'participant_event_countries',
        'participation_delete_event_countries',
        'participation_insert_event_countries',
        'participation_update_event_countries',
        'event_requires_citation',
        'participation_requires_citation',
        'remark_requires_citation',
        // The relationship summaries (20261204000000_relationship_summaries).
        'event_relationship_summaries',
        'event_relationship_summaries_update',
        'event_relationship_pairs_delete',
        'participation_insert_relationship_pairs',
        'participation_update_relationship_pairs',
        'participation_delete_relationship_pairs',
        'participant_relationship_pairs',
        'remark_relationship_summaries',
        'remark_relationship_summaries_update',
        'event_relationship_remarks',
        'participant_relationship_remarks',
        'participant_relationship_remarks_insert',
        'agreement_relationship_summaries',
        'agreement_relationship_summaries_update',
        'agreement_party_insert_relationship_summaries',
        'agreement_party_update_relationship_summaries',
        'agreement_party_delete_relationship_summaries',
        'participant_relationship_agreements',
        // Data-change notifications for the response caches (20261122000700_read_path).
        ...[
          'event',
          'participant',
          'participation',
          'position',
          'agreement',
          'agreement_party',
          'remark',
          'source',
          'citation',
          'value_basis',
        ].map((table) => `${table}_announce_change`),
      ].sort(),
    );
    const indexes = await db.prisma.$queryRaw<
      { indexname: string }[]
    >`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`;
    expect(indexes.map((i) => i.indexname)).toEqual(
      expect.arrayContaining([
        'event_search_idx',
        'remark_search_idx',
        'citation_search_idx',
        'event_start_date_id_idx',
        'participation_participant_id_event_id_idx',
        'agreement_party_participant_id_idx',
        'citation_source_id_idx',
        // The relationship view's covering index (20261122000800_relationship_speed).
        'event_bilateral_idx',
        // A person's events by date, index-only (20261207120000_event_live_start).
        'event_live_start_idx',
        // The relationship summaries' orders (20261204000000_relationship_summaries).
        'relationship_event_start_idx',
        'relationship_event_latest_idx',
        'relationship_pair_meetings_idx',
      ]),
    );
  });
});
