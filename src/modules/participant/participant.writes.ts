// Writing participants: people, organisations and countries.
import { liveWhere } from '../../core/db/models.js';
import { z } from 'zod';
import { ParticipantKind } from '../../generated/prisma/enums.js';
import { apiError, ErrorCode } from '../../core/errors.js';
import { parseInput, recordVersion } from '../../core/write/validation.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { participantInput } from './participant.inputs.js';
import { refuseTakenSlug, slugify, slugOfNew } from '../../core/write/slugs.js';
import { refuseTaken } from '../../core/write/unique-values.js';
import { requireExisting } from '../../core/write/references.js';
import type { DeletionRules } from '../../core/write/soft-delete.js';
import { loadForWrite, updateRecord } from '../../core/write/versioned.js';
import type { Tx, WriteScope } from '../../core/write/write-transaction.js';
import type { Written } from '../../core/write/mutation-support.js';

/** Countries have an ISO code and belong to no country; everyone else the other way round. */
export function checkCountryRules(
  p: {
    kind?: ParticipantKind | undefined;
    isoCode?: string | null | undefined;
    countryId?: string | null | undefined;
  },
  ctx: z.RefinementCtx,
) {
  if (p.kind === undefined) return;
  const isCountry = p.kind === 'COUNTRY';
  if (isCountry && !p.isoCode)
    ctx.addIssue({ code: 'custom', message: 'a COUNTRY needs its isoCode', path: ['isoCode'] });
  if (!isCountry && p.isoCode)
    ctx.addIssue({ code: 'custom', message: 'only a COUNTRY has an isoCode', path: ['isoCode'] });
  if (isCountry && p.countryId)
    ctx.addIssue({ code: 'custom', message: 'a COUNTRY belongs to no country', path: ['countryId'] });
}

export const newParticipantSchema = z.object(participantInput.createShape).superRefine(checkCountryRules);
export type NewParticipant = z.output<typeof newParticipantSchema>;

export async function createParticipant(
  scope: WriteScope,
  input: NewParticipant,
  field: string,
): Promise<string> {
  const { tx } = scope;
  const slug = await slugOfNew(tx, 'participant', input.slug, slugify(input.name), `${field}.slug`);
  await refuseTakenIsoCode(tx, input.isoCode, undefined, `${field}.isoCode`);
  if (input.countryId) await requireCountry(tx, input.countryId, `${field}.countryId`);
  const participant = await tx.participant.create({
    data: { ...(participantInput.row(input) as Prisma.ParticipantUncheckedCreateInput), slug },
  });
  scope.audit({ action: 'CREATE', entityType: 'Participant', entityId: participant.id, after: participant });
  return participant.id;
}

/** One country per ISO code. */
const refuseTakenIsoCode = (
  tx: Tx,
  isoCode: string | null | undefined,
  current: string | null | undefined,
  field: string,
) =>
  refuseTaken(
    tx,
    'Participant',
    { column: 'isoCode', value: isoCode, current },
    { field, message: 'this country already exists' },
  );

/** `countryId` must name a live COUNTRY (people and bodies belong to countries, not to each other). */
async function requireCountry(tx: Tx, id: string, field: string): Promise<void> {
  await requireExisting(tx, 'participant', [{ id, field }]);
  const country = await tx.participant.findUniqueOrThrow({ where: { id }, select: { kind: true } });
  if (country.kind !== 'COUNTRY')
    throw apiError(ErrorCode.BAD_USER_INPUT, `${field}: is not a COUNTRY`, { field });
}

export const updateParticipantSchema = recordVersion('Participant').extend(participantInput.updateShape);
export type UpdateParticipantIn = z.output<typeof updateParticipantSchema>;

/** The country rules, checked on a participant as it will be after an update. */
const mergedCountryRules = z
  .object({ kind: z.enum(ParticipantKind), isoCode: z.string().nullable(), countryId: z.string().nullable() })
  .superRefine(checkCountryRules);

export async function updateParticipant(scope: WriteScope, input: UpdateParticipantIn): Promise<Written> {
  const { tx } = scope;
  const before = await loadForWrite(tx, 'Participant', input.id, input.version);
  const merged = {
    kind: input.kind ?? before.kind,
    isoCode: input.isoCode === undefined ? before.isoCode : input.isoCode,
    countryId: input.countryId === undefined ? before.countryId : input.countryId,
  };
  // A change of kind alone must still leave a valid participant: the error names the field to fix.
  parseInput(mergedCountryRules, merged);
  if (input.countryId) {
    if (input.countryId === before.id)
      throw apiError(ErrorCode.BAD_USER_INPUT, 'input.countryId: a participant cannot belong to itself', {
        field: 'input.countryId',
      });
    await requireCountry(tx, input.countryId, 'input.countryId');
  }
  if (before.kind === 'COUNTRY' && merged.kind !== 'COUNTRY') {
    const members = await tx.participant.count({ where: { countryId: before.id, ...liveWhere.Participant } });
    const eventsHosted = await tx.event.count({ where: { placeCountryId: before.id, ...liveWhere.Event } });
    if (members + eventsHosted > 0)
      throw apiError(
        ErrorCode.CONFLICT,
        `input.kind: this country still has ${members} members and ${eventsHosted} events placed in it; it must stay a COUNTRY`,
        { field: 'input.kind' },
      );
  }
  await refuseTakenSlug(tx, 'participant', input.slug, before.slug);
  await refuseTakenIsoCode(tx, merged.isoCode, before.isoCode, 'input.isoCode');
  const after = await updateRecord(scope, 'Participant', before, participantInput.row(input));
  return { id: after.id, row: after };
}

/**
 * A participant that live records still refer to (events it took part in, agreements, remarks, positions,
 * members, events placed in it) cannot be deleted; it comes back only with its country live.
 */
export const participantDeletion: DeletionRules<'Participant'> = {
  dependents: [
    { model: 'Participation', by: 'participantId', singular: 'participation in events' },
    { model: 'AgreementParty', by: 'participantId', singular: 'agreement it is a party to' },
    { model: 'Remark', by: ['speakerId', 'addresseeId'], singular: 'remark' },
    { model: 'Position', by: ['holderId', 'organisationId'], singular: 'position' },
    { model: 'Participant', by: 'countryId', singular: 'member' },
    { model: 'Event', by: 'placeCountryId', singular: 'event placed in it' },
  ],
  restoreLinks: (_tx, participant) => [{ table: 'participant', id: participant.countryId, what: 'country' }],
};
