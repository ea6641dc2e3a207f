// Adding and removing single citations of an existing claim. Every claim keeps at least one citation:
// the database's deferred triggers refuse an uncited event, participation, agreement, party or remark at
// commit, but they do not cover positions, and an error at commit names no field, so removeCitation
// checks first, with the claim's row locked so that two concurrent removals cannot both take "the other
// one".
import { z } from 'zod';
import { CLAIM_MODELS, liveSql, MODELS, type ClaimField, type ClaimModel } from '../../core/db/models.js';
import { apiError, ErrorCode } from '../../core/errors.js';
import type { Citation } from '../../generated/prisma/client.js';
import { anyGlobalId, globalId } from '../../core/write/validation.js';
import type { Tx, WriteScope } from '../../core/write/write-transaction.js';
import { citationSchema, SourceResolver, type CitationTarget } from './source.writes.js';
import { CitationInput } from './source.inputs.js';
import { field, inputObject } from '../../core/write/input-fields.js';
import { BASIS_TARGET, heldValues, PINNED_FIELDS } from './basis.js';

export const CLAIM_TYPES = CLAIM_MODELS;
export type ClaimType = ClaimModel;

/** The event to announce a change to when a claim changes: its own id, its owner's, or none. */
function announcedEventSql(type: ClaimType, alias: string): string {
  if (type === 'Event') return `${alias}.id`;
  const live = MODELS[type].live;
  return live !== 'own' && live.through.model === 'Event' ? `${alias}.${live.through.column}` : 'NULL::uuid';
}

/** Per claim type: the citation column that points at it, a label, and SQL that locks a live claim. */
const CLAIMS = Object.fromEntries(
  CLAIM_TYPES.map((type) => {
    const { table, label, claim } = MODELS[type];
    const lockLive = `SELECT ${announcedEventSql(type, 'c')} AS event_id FROM "${table}" c
               WHERE c.id = $1::uuid AND ${liveSql(type, 'c')} FOR UPDATE OF c`;
    return [type, { column: claim.field, label, lockLive }];
  }),
) as Record<ClaimType, { column: ClaimField; label: string; lockLive: string }>;

export const AddCitationInput = inputObject('AddCitationInput', 'A new citation for an existing claim.', {
  targetId: field.required(
    'ID',
    anyGlobalId(CLAIM_TYPES),
    'The claim: the id of an Event, Participation, Agreement, AgreementParty, Remark or Position.',
  ),
  citation: field.required(CitationInput, citationSchema, 'The source and quote.'),
});
export type AddCitationIn = z.output<typeof AddCitationInput.schema>;

export const RemoveCitationInput = inputObject(
  'RemoveCitationInput',
  'Removes one citation from its claim; the last citation of a claim cannot be removed.',
  { citationId: field.required('ID', globalId('Citation'), 'The citation.') },
);

/** What a citation write returns: the citation (null once removed) and the claim it backs. */
export type CitationWriteResult = {
  citationId: string | null;
  claimType: ClaimType;
  claimId: string;
};

/**
 * Locks a live claim's row for the rest of the transaction. Returns the event to announce a change to
 * (for events and participations), or undefined when there is no such live claim.
 */
async function lockLiveClaim(
  tx: Tx,
  type: ClaimType,
  id: string,
): Promise<{ eventId: string | null } | undefined> {
  const [row] = await tx.$queryRawUnsafe<{ event_id: string | null }[]>(CLAIMS[type].lockLive, id);
  return row ? { eventId: row.event_id } : undefined;
}

function claimOf(citation: Citation): { type: ClaimType; id: string } {
  for (const type of CLAIM_TYPES) {
    const id = citation[CLAIMS[type].column];
    if (id) return { type, id };
  }
  throw new Error(`citation ${citation.id} supports nothing`); // impossible: a check constraint forbids it
}

export async function addCitation(scope: WriteScope, input: AddCitationIn): Promise<CitationWriteResult> {
  const { tx } = scope;
  const type = input.targetId.typename as ClaimType;
  const claimId = input.targetId.id;
  const { column, label } = CLAIMS[type];
  const claim = await lockLiveClaim(tx, type, claimId);
  if (!claim)
    throw apiError(ErrorCode.BAD_USER_INPUT, `input.targetId: no ${label} with this id (or it is deleted)`, {
      field: 'input.targetId',
    });
  const sources = new SourceResolver(scope);
  await sources.checkExisting([{ citation: input.citation, field: 'input.citation' }]);
  if (input.citation.sourceId) {
    const same = await tx.citation.findFirst({
      where: {
        [column]: claimId,
        sourceId: input.citation.sourceId,
        quote: input.citation.quote,
        claimField: input.citation.claimField ?? null,
        claimValue: input.citation.claimValue ?? null,
      },
      select: { id: true },
    });
    if (same)
      throw apiError(
        ErrorCode.CONFLICT,
        `input.citation.quote: this ${label} already cites this quote from this source`,
        {
          field: 'input.citation.quote',
        },
      );
  }
  const target = { [column]: claimId } as CitationTarget;
  const sourceId = await sources.sourceIdFor(input.citation, 'input.citation');
  const citation = await tx.citation.create({
    data: {
      ...target,
      sourceId,
      quote: input.citation.quote,
      claimField: input.citation.claimField ?? null,
      claimValue: input.citation.claimValue ?? null,
      ...(await sources.anchorFor(sourceId, input.citation.quote, 'input.citation')),
    },
  });
  scope.audit({ action: 'CREATE', entityType: 'Citation', entityId: citation.id, after: citation });
  if (claim.eventId) scope.announce({ eventId: claim.eventId, operation: 'UPDATED' });
  return { citationId: citation.id, claimType: type, claimId };
}

export async function removeCitation(scope: WriteScope, citationId: string): Promise<CitationWriteResult> {
  const { tx } = scope;
  const before = await tx.citation.findUnique({ where: { id: citationId } });
  if (!before) throw apiError(ErrorCode.NOT_FOUND, 'No citation with this id', { field: 'input.citationId' });
  const { type, id: claimId } = claimOf(before);
  const { column, label } = CLAIMS[type];
  const claim = await lockLiveClaim(tx, type, claimId);
  if (!claim)
    throw apiError(ErrorCode.NOT_FOUND, `This citation backs a deleted ${label}; restore it first`, {
      field: 'input.citationId',
    });
  // With the claim locked, the count holds until this transaction ends.
  const remaining = await tx.citation.count({ where: { [column]: claimId } });
  if (remaining <= 1)
    throw apiError(
      ErrorCode.BAD_USER_INPUT,
      `input.citationId: this is the only citation of its ${label}, and every claim needs at least one ` +
        '(a source and a verbatim quote); add another citation first',
      { field: 'input.citationId' },
    );
  await refuseUnbasing(tx, type, claimId, before);
  const { count } = await tx.citation.deleteMany({ where: { id: citationId } });
  if (count === 0)
    throw apiError(ErrorCode.NOT_FOUND, 'No citation with this id', { field: 'input.citationId' });
  scope.audit({ action: 'DELETE', entityType: 'Citation', entityId: citationId, before });
  if (claim.eventId) scope.announce({ eventId: claim.eventId, operation: 'UPDATED' });
  return { citationId: null, claimType: type, claimId };
}

/**
 * The basis rule on removal. A citation cannot go when it is
 * - the last quote pinning a field whose value is recorded as INFERRED: an inference names the quote it is
 *   drawn from (as the write path requires), and would be left drawn from none; or
 * - the only quote stating a date or place of its claim (it pins the value the claim holds, and no basis
 *   is recorded for it): the value would be left with no basis.
 * BAD_USER_INPUT; cite another quote that pins the field, or give the value another basis, first.
 */
async function refuseUnbasing(tx: Tx, type: ClaimType, claimId: string, citation: Citation): Promise<void> {
  const field = citation.claimField;
  if (!field) return;
  const target = { [BASIS_TARGET[type]]: claimId };
  const [inferences, otherFieldPins] = await Promise.all([
    tx.valueBasis.count({ where: { ...target, field, basis: 'INFERRED' } }),
    tx.citation.count({ where: { ...target, claimField: field, id: { not: citation.id } } }),
  ]);
  if (inferences > 0 && otherFieldPins === 0)
    throw apiError(
      ErrorCode.BAD_USER_INPUT,
      `input.citationId: the ${CLAIMS[type].label}’s ${field} is inferred from this quote, its only one ` +
        `that pins ${field}: cite another quote that pins it, or set the basis (setValueBasis) first`,
      { field: 'input.citationId' },
    );
  if (!(field in PINNED_FIELDS[type])) return;
  const held = await heldValues(tx, type, claimId);
  if (!held || held[field] !== citation.claimValue) return;
  const [otherPins, bases] = await Promise.all([
    tx.citation.count({
      where: { ...target, claimField: field, claimValue: citation.claimValue, id: { not: citation.id } },
    }),
    tx.valueBasis.count({ where: { ...target, field, value: null, basis: { not: 'STATED' } } }),
  ]);
  if (otherPins === 0 && bases === 0)
    throw apiError(
      ErrorCode.BAD_USER_INPUT,
      `input.citationId: this is the only quote that states the ${CLAIMS[type].label}’s ${field} ` +
        `(${citation.claimValue}), which would be left with no basis: cite another quote that pins it, or ` +
        'set its basis (setValueBasis: INFERRED or OUTSIDE_KNOWLEDGE) first',
      { field: 'input.citationId' },
    );
}
