// Writing agreements and their parties. Both are claims: each carries citations (a party without its own
// rests on the agreement's, as a participation rests on its event's). An agreement signed at an event is
// part of that event's page, so its writes announce a change to the event.
import { z } from 'zod';
import {
  basesInputSchema,
  checkClaimBases,
  dayValue,
  writeBases,
  type WrittenValue,
} from '../source/basis.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { agreementInput } from './agreement.schema.js';
import { apiError, ErrorCode } from '../../core/errors.js';
import { citationsSchema, SourceResolver, writeCitations, type CitationIn } from '../source/source.writes.js';
import { refuseDeletedCitedSources, refuseDeletedLinks } from '../../core/write/dependents.js';
import { requireExisting, type Reference } from '../../core/write/references.js';
import { freeSlug, refuseTakenSlug, slugify } from '../../core/write/slugs.js';
import { globalId, noDuplicates, version } from '../../core/write/validation.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { loadForWrite, updateVersioned } from '../../core/write/versioned.js';
import { updateClaim } from '../source/claim-update.js';
import type { Tx, WriteScope } from '../../core/write/write-transaction.js';
import type { Written } from '../../core/write/mutation-support.js';

export const agreementPartySchema = z.object({
  participantId: globalId('Participant'),
  citations: citationsSchema.nullish(),
  basis: basesInputSchema.nullish(),
});

export const createAgreementSchema = z.object({
  ...agreementInput.createShape,
  parties: z
    .array(agreementPartySchema)
    .max(LIMITS.agreementParties.maxItems)
    .superRefine((list, ctx) => noDuplicates(list, (p) => p.participantId, ctx, 'party'))
    .optional(),
  citations: citationsSchema,
  basis: basesInputSchema.nullish(),
});
export type CreateAgreementIn = z.output<typeof createAgreementSchema>;

export const updateAgreementSchema = z.object({
  id: globalId('Agreement'),
  version,
  ...agreementInput.updateShape,
  basis: basesInputSchema.nullish(),
});
export type UpdateAgreementIn = z.output<typeof updateAgreementSchema>;

export const addAgreementPartySchema = z.object({
  agreementId: globalId('Agreement'),
  participantId: globalId('Participant'),
  citations: citationsSchema,
  basis: basesInputSchema.nullish(),
});

export const removeAgreementPartySchema = z.object({ agreementPartyId: globalId('AgreementParty') });

/** An agreement's values with a basis, as the basis rule takes them. */
const agreementValues = (a: {
  status: string;
  signedDate: Date | null;
  signingEventId: string | null;
}): Record<string, WrittenValue> => ({
  status: a.status,
  signedDate: dayValue(a.signedDate),
  signingEvent: a.signingEventId ? { table: 'event', id: a.signingEventId } : null,
});

export async function createAgreement(scope: WriteScope, input: CreateAgreementIn): Promise<string> {
  const { tx } = scope;
  const sources = new SourceResolver(scope);
  const participants: Reference[] = [];
  const cited: { citation: CitationIn; field: string }[] = input.citations.map((citation, i) => ({
    citation,
    field: `input.citations.${i}`,
  }));
  (input.parties ?? []).forEach((p, i) => {
    participants.push({ id: p.participantId, field: `input.parties.${i}.participantId` });
    p.citations?.forEach((citation, j) =>
      cited.push({ citation, field: `input.parties.${i}.citations.${j}` }),
    );
  });
  if (input.signingEventId)
    await requireExisting(tx, 'event', [{ id: input.signingEventId, field: 'input.signingEventId' }]);
  await requireExisting(tx, 'participant', participants);
  const values = agreementValues({
    status: input.status,
    signedDate: input.signed?.date ?? null,
    signingEventId: input.signingEventId ?? null,
  });
  await checkClaimBases(
    tx,
    'Agreement',
    { held: values, written: values, bases: input.basis, citations: input.citations },
    'input',
  );
  for (const [i, p] of (input.parties ?? []).entries()) {
    const party = { party: { table: 'participant' as const, id: p.participantId } };
    await checkClaimBases(
      tx,
      'AgreementParty',
      { held: party, written: party, bases: p.basis, citations: p.citations ?? input.citations },
      `input.parties.${i}`,
    );
  }
  await sources.checkExisting(cited);
  await refuseTakenSlug(tx, 'agreement', input.slug);
  const agreement = await tx.agreement.create({
    data: {
      ...(agreementInput.row(input) as Prisma.AgreementUncheckedCreateInput),
      slug: input.slug ?? (await freeSlug(tx, 'agreement', slugify(input.title))),
    },
  });
  scope.audit({ action: 'CREATE', entityType: 'Agreement', entityId: agreement.id, after: agreement });
  await writeCitations(scope, sources, { agreementId: agreement.id }, input.citations, 'input.citations');
  await writeBases(tx, { agreementId: agreement.id }, input.basis);
  for (const [i, p] of (input.parties ?? []).entries()) {
    const party = await tx.agreementParty.create({
      data: { agreementId: agreement.id, participantId: p.participantId },
    });
    scope.audit({ action: 'CREATE', entityType: 'AgreementParty', entityId: party.id, after: party });
    // Without citations of its own, a party rests on the agreement's: the text that reports an agreement
    // names who signed it.
    const field = p.citations ? `input.parties.${i}.citations` : 'input.citations';
    await writeCitations(
      scope,
      sources,
      { agreementPartyId: party.id },
      p.citations ?? input.citations,
      field,
    );
    await writeBases(tx, { agreementPartyId: party.id }, p.basis);
  }
  if (agreement.signingEventId) scope.announce({ eventId: agreement.signingEventId, operation: 'UPDATED' });
  return agreement.id;
}

export async function updateAgreement(scope: WriteScope, input: UpdateAgreementIn): Promise<Written> {
  const { tx } = scope;
  const before = await loadForWrite(tx.agreement, 'agreement', input.id, input.version);
  if (input.signingEventId)
    await requireExisting(tx, 'event', [{ id: input.signingEventId, field: 'input.signingEventId' }]);
  await refuseTakenSlug(tx, 'agreement', input.slug, before.slug);
  const after = await updateClaim(
    scope,
    { model: tx.agreement, entity: 'agreement', type: 'Agreement', values: agreementValues },
    before,
    agreementInput.row(input),
    input.basis,
  );
  for (const eventId of new Set([before.signingEventId, after.signingEventId]))
    if (eventId) scope.announce({ eventId, operation: 'UPDATED' });
  return { id: after.id, row: after };
}

export async function setAgreementDeleted(
  scope: WriteScope,
  id: string,
  expected: number,
  deleted: boolean,
): Promise<Written> {
  const { tx } = scope;
  const before = await loadForWrite(tx.agreement, 'agreement', id, expected, deleted ? 'live' : 'deleted');
  if (!deleted) {
    const parties = await tx.agreementParty.findMany({
      where: { agreementId: id },
      select: { id: true, participantId: true },
    });
    await refuseDeletedLinks(tx, 'agreement', [
      { table: 'event', id: before.signingEventId, what: 'signing event' },
      ...parties.map((p) => ({ table: 'participant' as const, id: p.participantId, what: 'party' })),
    ]);
    await refuseDeletedCitedSources(tx, 'agreement', 'agreement_id', [id]);
    await refuseDeletedCitedSources(
      tx,
      'agreement',
      'agreement_party_id',
      parties.map((p) => p.id),
    );
  }
  const after = await updateVersioned(tx.agreement, 'agreement', before, {
    deletedAt: deleted ? new Date() : null,
  });
  scope.audit({
    action: deleted ? 'DELETE' : 'RESTORE',
    entityType: 'Agreement',
    entityId: id,
    before,
    after,
  });
  if (before.signingEventId) scope.announce({ eventId: before.signingEventId, operation: 'UPDATED' });
  return { id, row: after };
}

export async function addAgreementParty(
  scope: WriteScope,
  input: z.output<typeof addAgreementPartySchema>,
): Promise<string> {
  const { tx } = scope;
  await requireExisting(tx, 'agreement', [{ id: input.agreementId, field: 'input.agreementId' }]);
  await requireExisting(tx, 'participant', [{ id: input.participantId, field: 'input.participantId' }]);
  const sources = new SourceResolver(scope);
  await sources.checkExisting(
    input.citations.map((citation, i) => ({ citation, field: `input.citations.${i}` })),
  );
  const existing = await tx.agreementParty.findUnique({
    where: {
      agreementId_participantId: { agreementId: input.agreementId, participantId: input.participantId },
    },
    select: { id: true },
  });
  if (existing)
    throw apiError(
      ErrorCode.CONFLICT,
      'input.participantId: this participant is already a party to this agreement',
      {
        field: 'input.participantId',
      },
    );
  const value = { party: { table: 'participant' as const, id: input.participantId } };
  await checkClaimBases(
    tx,
    'AgreementParty',
    { held: value, written: value, bases: input.basis, citations: input.citations },
    'input',
  );
  const party = await tx.agreementParty.create({
    data: { agreementId: input.agreementId, participantId: input.participantId },
  });
  scope.audit({ action: 'CREATE', entityType: 'AgreementParty', entityId: party.id, after: party });
  await writeCitations(scope, sources, { agreementPartyId: party.id }, input.citations, 'input.citations');
  await writeBases(tx, { agreementPartyId: party.id }, input.basis);
  return input.agreementId;
}

/** Removes a party and its citations (a link, not a record of its own: nothing to restore). */
export async function removeAgreementParty(scope: WriteScope, agreementPartyId: string): Promise<string> {
  const { tx } = scope;
  const before = await tx.agreementParty.findUnique({
    where: { id: agreementPartyId },
    include: { citations: true, agreement: { select: { deletedAt: true } } },
  });
  if (!before)
    throw apiError(ErrorCode.NOT_FOUND, 'No agreement party with this id', {
      field: 'input.agreementPartyId',
    });
  if (before.agreement.deletedAt)
    throw apiError(ErrorCode.NOT_FOUND, 'This party’s agreement is deleted; restore it first', {
      field: 'input.agreementPartyId',
    });
  await tx.agreementParty.delete({ where: { id: agreementPartyId } });
  const { agreement: _agreement, ...snapshot } = before;
  scope.audit({
    action: 'DELETE',
    entityType: 'AgreementParty',
    entityId: agreementPartyId,
    before: snapshot,
  });
  return before.agreementId;
}
