// The registry of the log's records: which models there are, which are soft-deleted, which are claims
// (and which citation column points at them), which carry slugs, which an input may refer to, and each
// model's "live" rule (what reads may show) as a Prisma `where` and as SQL. Everything that needs one of
// these facts derives it from here, so a new model or rule is one entry, not a hunt through the code.
import { Prisma } from '../../generated/prisma/client.js';

/** The Prisma `where` type of each registered model. */
interface WhereOf {
  Participant: Prisma.ParticipantWhereInput;
  Position: Prisma.PositionWhereInput;
  Event: Prisma.EventWhereInput;
  Participation: Prisma.ParticipationWhereInput;
  Agreement: Prisma.AgreementWhereInput;
  AgreementParty: Prisma.AgreementPartyWhereInput;
  Source: Prisma.SourceWhereInput;
  Remark: Prisma.RemarkWhereInput;
}

export type ModelName = keyof WhereOf;

interface ModelRule {
  /** The PostgreSQL table. */
  table: string;
  /** What messages call one ("no agreement party with this id"). */
  label: string;
  /**
   * How reads decide the record is live: `own` — its `deleted_at` is null (a soft-deletable model);
   * `{ through }` — it has no `deleted_at` of its own and lives as long as its owner does (Prisma
   * relation, owner model and foreign-key column).
   */
  live: 'own' | { through: { relation: string; model: ModelName; column: string } };
  /** Set for claims: the records citations and value bases support. */
  claim?: {
    /** The GraphQL `ClaimKind` value, and its description. */
    kind: string;
    description: string;
    /** The Prisma relation on Citation/ValueBasis that points at it, and its column. */
    relation: string;
    field: string;
    column: string;
    /**
     * The database refuses the claim without a citation (deferred `<table>_requires_citation` trigger,
     * and `citation_keeps_claims_cited`). Positions are cited in the seed but not held to it.
     */
    citationRequired: boolean;
  };
  /**
   * The field naming the event whose page shows the record (`id` for an event itself): a write to the
   * record is announced as a change to that page.
   */
  eventPage?: string;
  /** Records created without a slug get one from their title (see write/slugs.ts). */
  slug?: true;
  /** An input may refer to it by id (checked by write/references.ts). */
  referable?: true;
}

export const MODELS = {
  Event: {
    table: 'event',
    label: 'event',
    live: 'own',
    eventPage: 'id',
    slug: true,
    referable: true,
    claim: {
      kind: 'EVENT',
      description: 'An event.',
      relation: 'event',
      field: 'eventId',
      column: 'event_id',
      citationRequired: true,
    },
  },
  Participant: { table: 'participant', label: 'participant', live: 'own', slug: true, referable: true },
  Participation: {
    table: 'participation',
    label: 'participation',
    live: { through: { relation: 'event', model: 'Event', column: 'event_id' } },
    claim: {
      kind: 'PARTICIPATION',
      description: 'A participation in an event.',
      relation: 'participation',
      field: 'participationId',
      column: 'participation_id',
      citationRequired: true,
    },
  },
  Agreement: {
    table: 'agreement',
    label: 'agreement',
    live: 'own',
    eventPage: 'signingEventId',
    slug: true,
    referable: true,
    claim: {
      kind: 'AGREEMENT',
      description: 'An agreement.',
      relation: 'agreement',
      field: 'agreementId',
      column: 'agreement_id',
      citationRequired: true,
    },
  },
  AgreementParty: {
    table: 'agreement_party',
    label: 'agreement party',
    live: { through: { relation: 'agreement', model: 'Agreement', column: 'agreement_id' } },
    claim: {
      kind: 'AGREEMENT_PARTY',
      description: 'A party to an agreement.',
      relation: 'agreementParty',
      field: 'agreementPartyId',
      column: 'agreement_party_id',
      citationRequired: true,
    },
  },
  Source: { table: 'source', label: 'source', live: 'own', slug: true, referable: true },
  Remark: {
    table: 'remark',
    label: 'remark',
    live: 'own',
    eventPage: 'eventId',
    slug: true,
    referable: true,
    claim: {
      kind: 'REMARK',
      description: 'A remark.',
      relation: 'remark',
      field: 'remarkId',
      column: 'remark_id',
      citationRequired: true,
    },
  },
  Position: {
    table: 'position',
    label: 'position',
    live: 'own',
    referable: true,
    claim: {
      kind: 'POSITION',
      description: 'A position held.',
      relation: 'position',
      field: 'positionId',
      column: 'position_id',
      citationRequired: false,
    },
  },
} as const satisfies Record<ModelName, ModelRule>;

type Models = typeof MODELS;
export type SoftDeletableModel = { [M in ModelName]: Models[M]['live'] extends 'own' ? M : never }[ModelName];
export type ClaimModel = { [M in ModelName]: Models[M] extends { claim: object } ? M : never }[ModelName];
export type TableOf<M extends ModelName> = Models[M]['table'];
export type SoftDeletableTable = TableOf<SoftDeletableModel>;
export type SlugTable = {
  [M in ModelName]: Models[M] extends { slug: true } ? Models[M]['table'] : never;
}[ModelName];
export type ClaimOf<M extends ClaimModel> = Models[M]['claim'];
/** The GraphQL `ClaimKind` values. */
export type ClaimKind = ClaimOf<ClaimModel>['kind'];
/** The Citation/ValueBasis fields (Prisma) and columns (SQL) that point at a claim. */
export type ClaimField = ClaimOf<ClaimModel>['field'];
export type ClaimColumn = ClaimOf<ClaimModel>['column'];
export type ReferableTable = {
  [M in ModelName]: Models[M] extends { referable: true } ? Models[M]['table'] : never;
}[ModelName];

const names = Object.keys(MODELS) as ModelName[];
/**
 * Tables of rows tied to one claim (a citation, a value's basis), live while their claim is
 * (`ofLiveClaim`). With the models' tables they are what public reads show, so each one announces its
 * changes to the response caches (an `<table>_announce_change` trigger: tests/read-rules.test.ts).
 */
export const CLAIM_SUPPORT_TABLES = ['citation', 'value_basis'] as const;

/** Every registered model, in the registry's order. */
export const MODEL_NAMES: readonly ModelName[] = names;
const rule = (model: ModelName): ModelRule => MODELS[model];

export const SOFT_DELETABLE_MODELS = names.filter((m) => rule(m).live === 'own') as SoftDeletableModel[];
export const CLAIM_MODELS = names.filter((m) => rule(m).claim) as ClaimModel[];

/** The soft-deletable model stored in `table`. */
export function modelOfTable(table: SoftDeletableTable): SoftDeletableModel {
  return SOFT_DELETABLE_MODELS.find((m) => MODELS[m].table === table)!;
}

function buildLiveWhere(model: ModelName): Record<string, unknown> {
  const live = rule(model).live;
  return live === 'own'
    ? { deletedAt: null }
    : { [live.through.relation]: buildLiveWhere(live.through.model) };
}

/** The shape of a model's live rule as a Prisma `where` (precise, so it can be spread into a unique where). */
type LiveWhereOf<M extends ModelName> = Models[M]['live'] extends 'own'
  ? { deletedAt: null }
  : Models[M]['live'] extends {
        through: { relation: infer R extends string; model: infer O extends ModelName };
      }
    ? { [K in R]: LiveWhereOf<O> }
    : never;
// Each rule is a valid Prisma where of its model (checked here, once).
type Check<T extends true> = T;
export type LiveWhereIsPrismaWhere = Check<
  { [M in ModelName]: LiveWhereOf<M> extends WhereOf[M] ? true : false }[ModelName]
>;

/**
 * Each model's live rule as a Prisma `where`: `liveWhere.Event` is `{ deletedAt: null }`,
 * `liveWhere.Participation` is `{ event: { deletedAt: null } }`. Spread or AND it into a read's where.
 */
export const liveWhere = Object.fromEntries(names.map((m) => [m, buildLiveWhere(m)])) as {
  readonly [M in ModelName]: LiveWhereOf<M>;
};

/** Each model's live rule in SQL, for a row of it aliased `alias` (hand-written queries). */
export function liveSql(model: ModelName, alias: string): string {
  const live = rule(model).live;
  if (live === 'own') return `${alias}.deleted_at IS NULL`;
  const owner = rule(live.through.model);
  const o = `${alias}_${owner.table}`;
  return `EXISTS (SELECT 1 FROM "${owner.table}" ${o} WHERE ${o}.id = ${alias}.${live.through.column} AND ${liveSql(live.through.model, o)})`;
}

/** The event whose page shows `row` of `model` (the registry's `eventPage`), if any. */
export function eventPageOf(model: ModelName, row: object): string | null {
  const field = rule(model).eventPage;
  return field ? ((row as Record<string, string | null>)[field] ?? null) : null;
}

/** `liveSql` as a fragment for `Prisma.sql` templates. */
export const liveFragment = (model: ModelName, alias: string): Prisma.Sql =>
  Prisma.raw(liveSql(model, alias));

/**
 * A row tied to one claim (a citation, a value's basis) whose claim is neither deleted nor part of a
 * deleted record: both tables name their claim through the same relations.
 */
export const ofLiveClaim = {
  OR: CLAIM_MODELS.map((m) => ({ [MODELS[m].claim.relation]: liveWhere[m] })),
} as Prisma.CitationWhereInput & Prisma.ValueBasisWhereInput;

/**
 * Conditions (any of them) on a citation aliased `alias` that it supports a claim which comes and goes
 * with the record `id` of `model`: the record itself, if it is a claim, and the claims that live through
 * it (an event's participations, an agreement's parties). None for a record that holds no claims.
 */
export function citationsOfRecordSql(model: ModelName, alias: string, id: string): string[] {
  const own = rule(model).claim;
  const through = CLAIM_MODELS.flatMap((m) => {
    const { table, live, claim } = rule(m);
    if (live === 'own' || live.through.model !== model) return [];
    return [`${alias}.${claim!.column} IN (SELECT id FROM "${table}" WHERE ${live.through.column} = ${id})`];
  });
  return [...(own ? [`${alias}.${own.column} = ${id}`] : []), ...through];
}

/** The same rule in SQL, for a citation or value basis aliased `alias`. */
export function ofLiveClaimSql(alias: string): string {
  return `(${CLAIM_MODELS.map((m) => {
    const { table, claim } = MODELS[m];
    const r = `${alias}_${table}`;
    return `EXISTS (SELECT 1 FROM "${table}" ${r} WHERE ${r}.id = ${alias}.${claim.column} AND ${liveSql(m, r)})`;
  }).join('\n  OR ')})`;
}
