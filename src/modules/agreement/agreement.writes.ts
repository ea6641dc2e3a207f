// Writing agreements and their parties. Both are claims: each carries citations (a party without its own
// rests on the agreement's, as a participation rests on its event's). An agreement signed at an event is
// part of that event's page, so its writes announce a change to the event.
import { z } from 'zod';
import { checkClaimBases, dayValue, type WrittenValue } from '../source/basis.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { agreementInput } from './agreement.schema.js';
import { apiError, ErrorCode } from '../../core/errors.js';
import { SourceResolver, type CitationIn } from '../source/source.writes.js';
import { basisField, citationsField, claimFields, ownCitationsField } from '../source/claim-inputs.js';
import { field, inputObject, recordInput } from '../../core/write/input-fields.js';
import type { DeletionRules } from '../../core/write/soft-delete.js';
import { requireExisting, type Reference } from '../../core/write/references.js';
import { refuseTakenSlug, slugify, slugOfNew } from '../../core/write/slugs.js';
import { globalId, noDuplicates, recordVersion } from '../../core/write/validation.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { loadForWrite } from '../../core/write/versioned.js';
import { recordNewClaim, updateClaim, type ClaimTable } from '../source/claim-update.js';
import type { WriteScope } from '../../core/write/write-transaction.js';
import type { Written } from '../../core/write/mutation-support.js';

const AgreementPartyInput = inputObject('AgreementPartyInput', 'A party to a new agreement.', {
  participantId: field.required('ID', globalId('Participant'), 'The party (a country or one of its bodies).'),
  citations: ownCitationsField(
    'Sources naming this party; when omitted, the agreement’s citations support it too.',
  ),
  basis: basisField,
});

/** What a create and an update of an agreement take: its own fields, with its citations and bases. */
export const createAgreementInput = recordInput({
  ...agreementInput.declarations,
  parties: field.optional(
    [AgreementPartyInput.ref],
    z
      .array(AgreementPartyInput.schema)
      .max(LIMITS.agreementParties.maxItems)
      .superRefine((list, ctx) => noDuplicates(list, (p) => p.participantId, ctx, 'party')),
    'The parties, each once.',
    { row: false },
  ),
  ...claimFields('agreement'),
});
export const updateAgreementInput = recordInput({ ...agreementInput.declarations, basis: basisField });

export const createAgreementSchema = z.object(createAgreementInput.createShape);
export type CreateAgreementIn = z.output<typeof createAgreementSchema>;

export const updateAgreementSchema = recordVersion('Agreement').extend(updateAgreementInput.updateShape);
export type UpdateAgreementIn = z.output<typeof updateAgreementSchema>;

export const AddAgreementPartyInput = inputObject(
  'AddAgreementPartyInput',
  'Adds a party to an agreement, with the sources that name it.',
  {
    agreementId: field.required('ID', globalId('Agreement'), 'The agreement.'),
    participantId: field.required(
      'ID',
      globalId('Participant'),
      'The new party (a participant not yet a party to it).',
    ),
    citations: citationsField('At least one citation.'),
    basis: basisField,
  },
);

export const RemoveAgreementPartyInput = inputObject(
  'RemoveAgreementPartyInput',
  'Removes one party (and its citations) from an agreement.',
  { agreementPartyId: field.required('ID', globalId('AgreementParty'), 'The party (Agreement.parties.id).') },
);

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

const agreementClaim: ClaimTable<'Agreement'> = { type: 'Agreement', values: agreementValues };

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
  const slug = await slugOfNew(tx, 'agreement', input.slug, slugify(input.title));
  const agreement = await tx.agreement.create({
    data: { ...(agreementInput.row(input) as Prisma.AgreementUncheckedCreateInput), slug },
  });
  await recordNewClaim(scope, sources, { type: 'Agreement', row: agreement }, input.citations, input.basis);
  for (const [i, p] of (input.parties ?? []).entries()) {
    const party = await tx.agreementParty.create({
      data: { agreementId: agreement.id, participantId: p.participantId },
    });
    // Without citations of its own, a party rests on the agreement's: the text that reports an agreement
    // names who signed it.
    await recordNewClaim(
      scope,
      sources,
      { type: 'AgreementParty', row: party },
      p.citations ?? input.citations,
      p.basis,
      p.citations ? `input.parties.${i}.citations` : 'input.citations',
    );
  }
  if (agreement.signingEventId) scope.announce({ eventId: agreement.signingEventId, operation: 'UPDATED' });
  return agreement.id;
}

export async function updateAgreement(scope: WriteScope, input: UpdateAgreementIn): Promise<Written> {
  const { tx } = scope;
  const before = await loadForWrite(tx, 'Agreement', input.id, input.version);
  if (input.signingEventId)
    await requireExisting(tx, 'event', [{ id: input.signingEventId, field: 'input.signingEventId' }]);
  await refuseTakenSlug(tx, 'agreement', input.slug, before.slug);
  return updateClaim(scope, agreementClaim, before, agreementInput.row(input), input.basis);
}

/** An agreement comes back only with its signing event, its parties and the sources they cite live. */
export const agreementDeletion: DeletionRules<'Agreement'> = {
  restoreLinks: async (tx, agreement) => {
    const parties = await tx.agreementParty.findMany({
      where: { agreementId: agreement.id },
      select: { participantId: true },
    });
    return [
      { table: 'event', id: agreement.signingEventId, what: 'signing event' },
      ...parties.map((p) => ({ table: 'participant' as const, id: p.participantId, what: 'party' })),
    ];
  },
};

export async function addAgreementParty(
  scope: WriteScope,
  input: z.output<typeof AddAgreementPartyInput.schema>,
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
  await recordNewClaim(scope, sources, { type: 'AgreementParty', row: party }, input.citations, input.basis);
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
