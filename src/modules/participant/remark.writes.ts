// Writing remarks: what participants said, with the citations that report it. A remark said at an event
// is part of that event's page, so its writes announce a change to the event.
import { z } from 'zod';
import { checkClaimBases, dayValue, type WrittenValue } from '../source/basis.js';
import { apiError, ErrorCode } from '../../core/errors.js';
import { SourceResolver } from '../source/source.writes.js';
import { basisField, claimFields } from '../source/claim-inputs.js';
import { recordInput } from '../../core/write/input-fields.js';
import type { DeletionRules } from '../../core/write/soft-delete.js';
import { requireExisting, type Reference } from '../../core/write/references.js';
import { refuseTakenSlug, slugify, slugOfNew } from '../../core/write/slugs.js';
import { recordVersion } from '../../core/write/validation.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { remarkInput } from './remark.schema.js';
import { loadForWrite } from '../../core/write/versioned.js';
import { recordNewClaim, updateClaim, type ClaimTable } from '../source/claim-update.js';
import type { Tx, WriteScope } from '../../core/write/write-transaction.js';
import type { Written } from '../../core/write/mutation-support.js';

/** What a create and an update of a remark take: its own fields, with its citations and bases. */
export const createRemarkInput = recordInput({ ...remarkInput.declarations, ...claimFields('remark') });
export const updateRemarkInput = recordInput({ ...remarkInput.declarations, basis: basisField });

export const createRemarkSchema = z.object(createRemarkInput.createShape);
export type CreateRemarkIn = z.output<typeof createRemarkSchema>;

export const updateRemarkSchema = recordVersion('Remark').extend(updateRemarkInput.updateShape);
export type UpdateRemarkIn = z.output<typeof updateRemarkSchema>;

interface RemarkLinks {
  speakerId?: string | undefined;
  speakerPositionId?: string | null | undefined;
  addresseeId?: string | null | undefined;
  eventId?: string | null | undefined;
}

/**
 * Every id the input names exists and is live; the speaker's office is one the speaker holds. `speakerId`
 * and `speakerPositionId` are the remark's values after the write (for an update: given or kept).
 */
async function checkReferences(
  tx: Tx,
  input: RemarkLinks,
  speakerId: string,
  speakerPositionId: string | null | undefined,
): Promise<void> {
  const participants: Reference[] = [];
  if (input.speakerId) participants.push({ id: input.speakerId, field: 'input.speakerId' });
  if (input.addresseeId) participants.push({ id: input.addresseeId, field: 'input.addresseeId' });
  await requireExisting(tx, 'participant', participants);
  if (input.eventId) await requireExisting(tx, 'event', [{ id: input.eventId, field: 'input.eventId' }]);
  if (input.speakerPositionId)
    await requireExisting(tx, 'position', [
      { id: input.speakerPositionId, field: 'input.speakerPositionId' },
    ]);
  if (speakerPositionId && (input.speakerPositionId || input.speakerId)) {
    const position = await tx.position.findUniqueOrThrow({
      where: { id: speakerPositionId },
      select: { holderId: true },
    });
    if (position.holderId !== speakerId) {
      // Blame the field the client gave: a new office, or a new speaker who does not hold the kept one.
      const field = input.speakerPositionId ? 'input.speakerPositionId' : 'input.speakerId';
      const message = input.speakerPositionId
        ? 'is not a position the speaker holds'
        : 'does not hold the remark’s speakerPosition; change or clear speakerPositionId too';
      throw apiError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
    }
  }
}

/** The slug of as many whole leading words of `text` as fit in `max` characters. */
function leadingWords(text: string, max: number): string {
  const words = slugify(text, 200).split('-');
  let slug = words[0]!.slice(0, max);
  for (const word of words.slice(1)) {
    if (slug.length + 1 + word.length > max) break;
    slug += `-${word}`;
  }
  return slug;
}

/** A remark's values with a basis, as the basis rule takes them. */
const remarkValues = (r: {
  speakerId: string;
  content: string;
  saidDate: Date | null;
}): Record<string, WrittenValue> => ({
  speaker: { table: 'participant', id: r.speakerId },
  content: r.content,
  saidDate: dayValue(r.saidDate),
});

const remarkClaim: ClaimTable<'Remark'> = { type: 'Remark', values: remarkValues };

export async function createRemark(scope: WriteScope, input: CreateRemarkIn): Promise<string> {
  const { tx } = scope;
  await checkReferences(tx, input, input.speakerId, input.speakerPositionId);
  const values = remarkValues({
    speakerId: input.speakerId,
    content: input.content,
    saidDate: input.said?.date ?? null,
  });
  await checkClaimBases(
    tx,
    'Remark',
    { held: values, written: values, bases: input.basis, citations: input.citations },
    'input',
  );
  const sources = new SourceResolver(scope);
  await sources.checkExisting(
    input.citations.map((citation, i) => ({ citation, field: `input.citations.${i}` })),
  );
  const speaker = await tx.participant.findUniqueOrThrow({
    where: { id: input.speakerId },
    select: { name: true },
  });
  const slugBase = [
    slugify(speaker.name, 30),
    leadingWords(input.content, 40),
    input.said?.date.toISOString().slice(0, 10),
  ]
    .filter(Boolean)
    .join('-');
  const slug = await slugOfNew(tx, 'remark', input.slug, slugBase);
  const remark = await tx.remark.create({
    data: { ...(remarkInput.row(input) as Prisma.RemarkUncheckedCreateInput), slug },
  });
  await recordNewClaim(scope, sources, { type: 'Remark', row: remark }, input.citations, input.basis);
  if (remark.eventId) scope.announce({ eventId: remark.eventId, operation: 'UPDATED' });
  return remark.id;
}

export async function updateRemark(scope: WriteScope, input: UpdateRemarkIn): Promise<Written> {
  const { tx } = scope;
  const before = await loadForWrite(tx, 'Remark', input.id, input.version);
  const speakerId = input.speakerId ?? before.speakerId;
  // A new speaker must hold the office the remark names (unless the office changes or goes too).
  const speakerPositionId =
    input.speakerPositionId === undefined ? before.speakerPositionId : input.speakerPositionId;
  await checkReferences(tx, input, speakerId, speakerPositionId);
  await refuseTakenSlug(tx, 'remark', input.slug, before.slug);
  return updateClaim(scope, remarkClaim, before, remarkInput.row(input), input.basis);
}

/** A remark comes back only with its speaker, addressee, office, event and cited sources live. */
export const remarkDeletion: DeletionRules<'Remark'> = {
  restoreLinks: (_tx, remark) => [
    { table: 'participant', id: remark.speakerId, what: 'speaker' },
    { table: 'participant', id: remark.addresseeId, what: 'addressee' },
    { table: 'position', id: remark.speakerPositionId, what: 'speaker’s position' },
    { table: 'event', id: remark.eventId, what: 'event' },
  ],
};
