// Reads hide deleted records, and the database announces every change public reads could show (issue
// 16, item 3). Both are derived from the registry of models (src/core/db/models.ts), not listed here:
//
// - The schema walk finds every field whose type (unwrapped, or a connection's node) is a registered
//   model, and proves on the seeded database that it applies the model's live rule: it reads the field,
//   soft-deletes one record it returned (or, for a participation or a party, the event or agreement it
//   lives through) with plain SQL, reads again, and expects the record gone. A new field that forgets the
//   rule fails here; so does a new field the walk cannot reach until it is given a path below, and a
//   to-one field is exempt only if it is listed with the reason writes keep it live.
// - The trigger check derives from the registry which tables must announce changes to the response
//   caches and which claims the database holds to their citations, and compares with pg_trigger.
import {
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLAIM_MODELS,
  CLAIM_SUPPORT_TABLES,
  liveSql,
  MODEL_NAMES,
  MODELS,
  ofLiveClaimSql,
  type ModelName,
} from '../src/core/db/models.js';
import { decodeGlobalId, encodeGlobalId } from '../src/core/graphql/global-id.js';
import { schema } from '../src/schema.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  // The seed's conflicts are all about agreements: two sources disagreeing on where an event took place
  // give Conflict.event something to answer.
  for (const place of ['Hanoi', 'Tokyo'])
    await server.db.prisma.$executeRawUnsafe(
      `INSERT INTO citation (source_id, quote, claim_field, claim_value, event_id)
       SELECT source_id, quote, 'placeName', $1, event_id FROM citation
       WHERE event_id IS NOT NULL ORDER BY id LIMIT 1`,
      place,
    );
});
afterAll(() => server?.stop());

const isModel = (name: string): name is ModelName => (MODEL_NAMES as readonly string[]).includes(name);

/** The model a field reaches: its type unwrapped, or its connection's node type. */
function reached(type: GraphQLOutputType): { model: ModelName; connection: boolean } | undefined {
  const named: GraphQLNamedType = getNamedType(type);
  if (isModel(named.name)) return { model: named.name, connection: false };
  if (!isObjectType(named)) return undefined;
  const edges = named.getFields().edges;
  const edge = edges && getNamedType(edges.type);
  const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  const nodeType = node && getNamedType(node.type).name;
  return nodeType && isModel(nodeType) ? { model: nodeType, connection: true } : undefined;
}

const isToOne = (type: GraphQLOutputType) => !isListType(isNonNullType(type) ? type.ofType : type);

/**
 * To-one fields that need no rule of their own: writes refuse to delete a record that live records still
 * point at (write/dependents.ts), so the record they point at is live whenever they are.
 */
const KEPT_LIVE_BY_WRITES = new Set([
  'Agreement.signingEvent', // deleting an event is refused while agreements were signed at it
  'AgreementParty.participant', // … a participant, while it is a party to live agreements
  'Citation.source', // … a source, while live claims cite it
  'Event.placeCountry', // … a country, while events are placed in it
  'Participant.country', // … a country, while it has live members
  'Participation.participant', // … a participant, while it takes part in live events
  'Position.holder', // … a participant, while it holds live positions
  'Position.organisation',
  'Remark.addressee', // … a participant, while live remarks are by or to it
  'Remark.speaker',
  'Remark.speakerPosition', // … a position, while live remarks were made in it
  'Remark.event', // … an event, while live remarks were made at it
  'Source.embeddedIn', // … an article, while live posts are embedded in it
]);

/** Fields that answer deleted records on purpose. */
const SHOWS_DELETED = new Set([
  // Mutation payloads answer the record written, deleted or not (deleteEvent returns the deleted event).
  'AgreementPayload.agreement',
  'EventPayload.event',
  'ParticipantPayload.participant',
  'PositionPayload.position',
  'RemarkPayload.remark',
  'SourcePayload.source',
  // Delivered once per change; it reads with the rule (null once deleted), proven in subscriptions.test.
  'Subscription.eventAdded',
  // The change feed: a DELETED change shows the event as it is now, deleted.
  'EventChange.event',
]);

/**
 * Known gaps, probed like the rest but expected to leak (the test fails once one is fixed: move it out).
 * node(id:) of a citation whose claim is deleted still answers the citation, and through it the deleted
 * claim. The rule belongs in Citation's `findUnique`, but Pothos also loads missing selections of
 * citations through it, and Prisma batches those lookups only while the where is plain ids: with the rule
 * the conflicts page goes from 6 statements to 12 (tests/api.test.ts).
 */
const KNOWN_GAPS = new Set(CLAIM_MODELS.map((m) => `Citation.${MODELS[m].claim.relation}`));

/** Where the walk finds a parent of each type that is not a Node: a document with `%s` for its selection. */
const PATHS: Record<string, string> = {
  Query: '%s',
  Conflict: 'conflicts { %s }',
  Relationship: 'relationship(between: ["JP", "VN"]) { %s }',
  MeetingPair: 'relationship(between: ["JP", "VN"]) { topPairs(first: 100) { %s } }',
  SearchHit: 'search(query: "Vietnam", first: 100) { edges { node { %s } } }',
  DyadEvent:
    'dyadEvents(from: { country: "JP" }, to: { country: "VN" }) { events(first: 100) { edges { node { %s } } } }',
  Dyad: 'dyadEvents(from: { country: "JP" }, to: { country: "VN" }) { events(first: 100) { edges { node { dyads { %s } } } } }',
};

/** Root fields that look one record up: the arguments that find a given row of it. */
const LOOKUPS: Record<string, { column: string; arg: string; type: string }> = {
  'Query.event': { column: 'slug', arg: 'slug', type: 'String!' },
  'Query.agreement': { column: 'slug', arg: 'slug', type: 'String!' },
  'Query.participant': { column: 'slug', arg: 'slug', type: 'String!' },
  'Query.source': { column: 'slug', arg: 'slug', type: 'String!' },
  'Query.country': { column: 'iso_code', arg: 'isoCode', type: 'CountryCode!' },
};

const selection = (field: GraphQLField<unknown, unknown>, connection: boolean, args = '') =>
  connection
    ? `${field.name}(first: 20${args ? `, ${args}` : ''}) { edges { node { probeId: id } } }`
    : `${field.name}${args ? `(${args})` : ''} { probeId: id }`;

/** Every `probeId` in a response (the walk selects `id` under that alias at the probed field only). */
function probeIds(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) probeIds(v, into);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'probeId' && typeof v === 'string') into.push(v);
      else probeIds(v, into);
    }
  return into;
}

const sql = <T = Record<string, unknown>>(query: string, ...params: unknown[]) =>
  server.db.prisma.$queryRawUnsafe<T[]>(query, ...params);

/** Soft-deletes a record (or the record it lives through) with plain SQL; returns how to undo it. */
async function softDelete(model: ModelName, id: string): Promise<() => Promise<void>> {
  const rule = MODELS[model];
  if (rule.live === 'own') {
    await sql(`UPDATE "${rule.table}" SET deleted_at = now() WHERE id = $1::uuid RETURNING id`, id);
    return async () => {
      await sql(`UPDATE "${rule.table}" SET deleted_at = NULL WHERE id = $1::uuid RETURNING id`, id);
    };
  }
  const { model: owner, column } = rule.live.through;
  const [row] = await sql<{ owner: string }>(
    `SELECT ${column}::text AS owner FROM "${rule.table}" WHERE id = $1::uuid`,
    id,
  );
  return softDelete(owner, row!.owner);
}

/** Live ids of a Node type that is a model or a citation. */
async function liveIds(typename: string): Promise<string[]> {
  const where = isModel(typename) ? liveSql(typename, 'r') : ofLiveClaimSql('r');
  const table = isModel(typename) ? MODELS[typename].table : 'citation';
  const rows = await sql<{ id: string }>(`SELECT id::text FROM "${table}" r WHERE ${where} ORDER BY id`);
  return rows.map((r) => encodeGlobalId(typename, r.id));
}

/** Runs `document` and returns the probed ids it answered (errors such as NOT_FOUND answer none). */
async function read(document: string, variables?: Record<string, unknown>): Promise<string[]> {
  const response = await server.gql(document, variables);
  const unexpected = response.errors?.filter((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR');
  expect(response.status < 500 && !unexpected?.length, JSON.stringify(response.errors)).toBe(true);
  return probeIds(response.data);
}

/**
 * Reads, soft-deletes one record the read answered, reads again and restores it: the ids the second
 * read still answers of what was deleted (empty when the rule holds).
 */
async function probe(
  model: ModelName,
  document: string,
  variables?: Record<string, unknown>,
): Promise<string[] | 'no data'> {
  const before = await read(document, variables);
  if (before.length === 0) return 'no data';
  const victim = before[0]!;
  const restore = await softDelete(model, decodeGlobalId(victim)!.id);
  try {
    return (await read(document, variables)).filter((id) => id === victim);
  } finally {
    await restore();
  }
}

/** Probes a field of a Node type: finds a parent whose field answers something, then probes it. */
async function probeUnderNodes(typename: string, inner: string, model: ModelName) {
  const ids = await liveIds(typename);
  for (let i = 0; i < ids.length; i += 10) {
    const document = `query($ids: [ID!]!) { nodes(ids: $ids) { ... on ${typename} { ${inner} } } }`;
    const chunk = ids.slice(i, i + 10);
    const found = await read(document, { ids: chunk });
    if (found.length === 0) continue;
    // Probe under the one parent that answered first, so the deletion hides one record of one parent.
    for (const id of chunk) {
      const result = await probe(model, document, { ids: [id] });
      if (result !== 'no data') return result;
    }
  }
  return 'no data' as const;
}

describe('every field that reaches a soft-deletable model applies its live rule', () => {
  const fields: { coordinate: string; parent: string; field: GraphQLField<unknown, unknown> }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type.name === 'Mutation') continue;
    const fieldsOf = type.getFields();
    if (fieldsOf.cursor && fieldsOf.node) continue; // a connection's edge: probed through its connection
    for (const field of Object.values(type.getFields()))
      if (reached(field.type))
        fields.push({ coordinate: `${type.name}.${field.name}`, parent: type.name, field });
  }

  it('finds the fields (the walk itself works)', () => {
    expect(fields.length).toBeGreaterThan(40);
    for (const listed of [...KEPT_LIVE_BY_WRITES, ...SHOWS_DELETED])
      expect(
        fields.map((f) => f.coordinate),
        `${listed} is listed but no longer reaches a model`,
      ).toContain(listed);
    for (const listed of KEPT_LIVE_BY_WRITES) {
      const { field } = fields.find((f) => f.coordinate === listed)!;
      expect(
        isToOne(field.type),
        `${listed}: only to-one fields can rely on writes; a list must filter`,
      ).toBe(true);
    }
  });

  it.each(MODEL_NAMES)('node(id:) and nodes(ids:) answer null for a deleted %s', async (model) => {
    const [id] = await liveIds(model);
    expect(id, `the seed has no ${model}`).toBeDefined();
    const one = await probe(model, `query($id: ID!) { node(id: $id) { probeId: id } }`, { id });
    const many = await probe(model, `query($ids: [ID!]!) { nodes(ids: $ids) { probeId: id } }`, {
      ids: [id],
    });
    expect([one, many]).toEqual([[], []]);
  });

  it.fails('node(id:) answers null for a citation of a deleted claim (a known gap: KNOWN_GAPS)', async () => {
    const [id] = await liveIds('Citation');
    const [row] = await sql<{ model: string }>(
      `SELECT CASE ${CLAIM_MODELS.map((m) => `WHEN ${MODELS[m].claim.column} IS NOT NULL THEN '${m}'`).join(' ')} END AS model,
              coalesce(${CLAIM_MODELS.map((m) => `${MODELS[m].claim.column}`).join(', ')})::text AS claim
       FROM citation WHERE id = $1::uuid`,
      decodeGlobalId(id)!.id,
    );
    const { claim } = row as unknown as { claim: string };
    const restore = await softDelete(row!.model as ModelName, claim);
    try {
      expect(await read(`query($id: ID!) { node(id: $id) { probeId: id } }`, { id })).toEqual([]);
    } finally {
      await restore();
    }
  });

  const probed = () =>
    fields.filter((f) => !KEPT_LIVE_BY_WRITES.has(f.coordinate) && !SHOWS_DELETED.has(f.coordinate));

  it('probes every other field on the seeded database', { timeout: 600_000 }, async () => {
    const results: Record<string, unknown> = {};
    for (const { coordinate, parent, field } of probed()) {
      const { model, connection } = reached(field.type)!;
      if (coordinate === 'Query.node' || coordinate === 'Query.nodes') continue; // the Node interface: above
      const lookup = LOOKUPS[coordinate];
      if (lookup) {
        const table = MODELS[model].table;
        const [row] = await sql<{ value: string }>(
          `SELECT ${lookup.column}::text AS value FROM "${table}" r
           WHERE ${liveSql(model, 'r')} AND ${lookup.column} IS NOT NULL ORDER BY id LIMIT 1`,
        );
        results[coordinate] = await probe(
          model,
          `query($v: ${lookup.type}) { ${selection(field, false, `${lookup.arg}: $v`)} }`,
          { v: row!.value },
        );
      } else if (PATHS[parent]) {
        results[coordinate] = await probe(
          model,
          `{ ${PATHS[parent]!.replace('%s', selection(field, connection))} }`,
        );
      } else if (isObjectType(schema.getType(parent)) && (isModel(parent) || parent === 'Citation')) {
        results[coordinate] = await probeUnderNodes(parent, selection(field, connection), model);
      } else {
        results[coordinate] = `unreachable: give ${parent} a path in PATHS (or list the field with a reason)`;
      }
    }
    // Each field answered something, and nothing it answered survived its deletion.
    const failures = Object.entries(results).filter(
      ([coordinate, r]) =>
        !(Array.isArray(r) && (KNOWN_GAPS.has(coordinate) ? r.length > 0 : r.length === 0)),
    );
    expect(Object.fromEntries(failures)).toEqual({});
    expect(Object.keys(results).length).toBeGreaterThan(25);
  });
});

describe('the database announces what reads show, and holds claims to their citations', () => {
  const triggers = () =>
    sql<{ table: string; name: string; deferred: boolean; source: string; args: string }>(
      `SELECT c.relname AS table, t.tgname AS name, t.tginitdeferred AS deferred, p.prosrc AS source,
              encode(t.tgargs, 'escape') AS args
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace`,
    );

  it('every table a public read shows has its announce trigger, and no other table has one', async () => {
    const expected = [...MODEL_NAMES.map((m) => MODELS[m].table), ...CLAIM_SUPPORT_TABLES].sort();
    const found = (await triggers())
      .filter((t) => t.source.includes('jvlog_data_changed'))
      .map((t) => {
        expect(t.name).toBe(`${t.table}_announce_change`);
        return t.table;
      })
      .sort();
    expect(found).toEqual(expected);
  });

  it('every claim held to its citations has a deferred trigger, and the citation trigger covers it', async () => {
    const all = await triggers();
    const held = CLAIM_MODELS.filter((m) => MODELS[m].claim.citationRequired);
    const requires = all
      .filter((t) => t.name.endsWith('_requires_citation'))
      .map((t) => ({ table: t.table, name: t.name, deferred: t.deferred, args: t.args }))
      .sort((a, b) => a.table.localeCompare(b.table));
    expect(requires).toEqual(
      held
        .map((m) => ({
          table: MODELS[m].table,
          name: `${MODELS[m].table}_requires_citation`,
          deferred: true,
          args: `${MODELS[m].claim.column}\\000`,
        }))
        .sort((a, b) => a.table.localeCompare(b.table)),
    );
    const keep = all.find((t) => t.name === 'citation_keeps_claims_cited');
    expect(keep?.deferred).toBe(true);
    for (const m of CLAIM_MODELS) {
      const { table, claim } = MODELS[m];
      expect(
        keep!.source.includes(`('${table}', '${claim.column}', OLD.${claim.column})`),
        `${m} in keep_claims_cited`,
      ).toBe(claim.citationRequired);
    }
  });
});
