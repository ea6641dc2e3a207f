// Writing positions: the offices people hold. A position is a claim ("Kishi was Minister of Defense from
// September 2020"), so it carries citations like any other. The database's citation triggers do not
// cover positions, so the rule is kept here: one or more citations on create, and removeCitation refuses
// to take away the last one.
import { z } from 'zod';
import { apiError, ErrorCode } from '../../core/errors.js';
import { checkClaimBases, positionValues } from '../source/basis.js';
import { endsBeforeStart } from '../../core/graphql/fuzzy-date.js';
import { SourceResolver } from '../source/source.writes.js';
import { basisField, claimFields } from '../source/claim-inputs.js';
import { recordInput } from '../../core/write/input-fields.js';
import type { DeletionRules } from '../../core/write/soft-delete.js';
import { requireExisting } from '../../core/write/references.js';
import { endNotBeforeStart, recordVersion } from '../../core/write/validation.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { positionInput } from './participant.schema.js';
import { loadForWrite } from '../../core/write/versioned.js';
import { recordNewClaim, updateClaim } from '../source/claim-update.js';
import type { Tx, WriteScope } from '../../core/write/write-transaction.js';
import type { Written } from '../../core/write/mutation-support.js';

/** What a create and an update of a position take: its own fields, with its citations and bases. */
export const createPositionInput = recordInput({ ...positionInput.declarations, ...claimFields('position') });
export const updatePositionInput = recordInput({ ...positionInput.declarations, basis: basisField });

export const createPositionSchema = z.object(createPositionInput.createShape).superRefine(endNotBeforeStart);
export type CreatePositionIn = z.output<typeof createPositionSchema>;

export const updatePositionSchema = recordVersion('Position')
  .extend(updatePositionInput.updateShape)
  .superRefine(endNotBeforeStart);
export type UpdatePositionIn = z.output<typeof updatePositionSchema>;

/** The holder is a live PERSON; the organisation, if any, a live body or country (not a person). */
async function checkHolderAndOrganisation(
  tx: Tx,
  holderId: string | undefined,
  organisationId: string | null | undefined,
): Promise<void> {
  if (holderId) {
    await requireExisting(tx, 'participant', [{ id: holderId, field: 'input.holderId' }]);
    const holder = await tx.participant.findUniqueOrThrow({
      where: { id: holderId },
      select: { kind: true },
    });
    if (holder.kind !== 'PERSON')
      throw apiError(ErrorCode.BAD_USER_INPUT, 'input.holderId: only a PERSON holds a position', {
        field: 'input.holderId',
      });
  }
  if (organisationId) {
    await requireExisting(tx, 'participant', [{ id: organisationId, field: 'input.organisationId' }]);
    const organisation = await tx.participant.findUniqueOrThrow({
      where: { id: organisationId },
      select: { kind: true },
    });
    if (organisation.kind === 'PERSON')
      throw apiError(
        ErrorCode.BAD_USER_INPUT,
        'input.organisationId: must be an organisation, unit or country, not a PERSON',
        {
          field: 'input.organisationId',
        },
      );
  }
}

/** One position per holder, title and organisation (deleted ones included: restore those instead). */
async function refuseDuplicate(
  tx: Tx,
  holderId: string,
  title: string,
  organisationId: string | null,
  except?: string,
) {
  const clash = await tx.position.findFirst({
    where: { holderId, title, organisationId, ...(except ? { id: { not: except } } : {}) },
    select: { deletedAt: true },
  });
  if (clash)
    throw apiError(
      ErrorCode.CONFLICT,
      `input.title: this person already has this position${clash.deletedAt ? ' (deleted: restore it instead)' : ''}`,
      { field: 'input.title' },
    );
}

export async function createPosition(scope: WriteScope, input: CreatePositionIn): Promise<string> {
  const { tx } = scope;
  await checkHolderAndOrganisation(tx, input.holderId, input.organisationId);
  const sources = new SourceResolver(scope);
  await sources.checkExisting(
    input.citations.map((citation, i) => ({ citation, field: `input.citations.${i}` })),
  );
  await refuseDuplicate(tx, input.holderId, input.title, input.organisationId ?? null);
  const positionRow = {
    title: input.title,
    startDate: input.start?.date ?? null,
    endDate: input.end?.date ?? null,
  };
  await checkClaimBases(
    tx,
    'Position',
    {
      held: positionValues(positionRow),
      written: positionValues(positionRow),
      bases: input.basis,
      citations: input.citations,
    },
    'input',
  );
  const position = await tx.position.create({
    data: positionInput.row(input) as Prisma.PositionUncheckedCreateInput,
  });
  await recordNewClaim(scope, sources, { type: 'Position', row: position }, input.citations, input.basis);
  return position.id;
}

export async function updatePosition(scope: WriteScope, input: UpdatePositionIn): Promise<Written> {
  const { tx } = scope;
  const before = await loadForWrite(tx, 'Position', input.id, input.version);
  await checkHolderAndOrganisation(tx, input.holderId, input.organisationId);
  const startDate = input.start === undefined ? before.startDate : (input.start?.date ?? null);
  const endDate = input.end === undefined ? before.endDate : (input.end?.date ?? null);
  const startPrecision = input.start === undefined ? before.startPrecision : (input.start?.precision ?? null);
  if (
    startDate &&
    endDate &&
    endsBeforeStart({ date: startDate, precision: startPrecision ?? undefined }, { date: endDate })
  )
    throw apiError(ErrorCode.BAD_USER_INPUT, 'input.end.date: must not be before start', {
      field: 'input.end.date',
    });
  const holderId = input.holderId ?? before.holderId;
  const title = input.title ?? before.title;
  const organisationId = input.organisationId === undefined ? before.organisationId : input.organisationId;
  if (holderId !== before.holderId || title !== before.title || organisationId !== before.organisationId)
    await refuseDuplicate(tx, holderId, title, organisationId, before.id);
  return updateClaim(
    scope,
    { type: 'Position', values: positionValues },
    before,
    positionInput.row(input),
    input.basis,
  );
}

/**
 * A position cannot be deleted while live remarks name it as the speaker's office, and comes back only
 * with its holder, organisation and cited sources live.
 */
export const positionDeletion: DeletionRules<'Position'> = {
  dependents: [{ model: 'Remark', by: 'speakerPositionId', singular: 'remark' }],
  restoreLinks: (_tx, position) => [
    { table: 'participant', id: position.holderId, what: 'holder' },
    { table: 'participant', id: position.organisationId, what: 'organisation' },
  ],
};
