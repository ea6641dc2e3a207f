// Writing remarks: what participants said, with the citations that report it. A remark said at an event
// is part of that event's page, so its writes announce a change to the event.
import { z } from 'zod';
import {
  basesInputSchema,
  checkClaimBases,
  dayValue,
  rebaseUpdatedValues,
  writeBases,
  type WrittenValue,
} from '../source/basis.js';
import { apiError, ErrorCode } from '../../core/errors.js';
import { citationsSchema, SourceResolver, writeCitations } from '../source/source.writes.js';
import { refuseDeletedCitedSources, refuseDeletedLinks } from '../../core/write/dependents.js';
import { requireExisting, type Reference } from '../../core/write/references.js';
import { freeSlug, slugify } from '../../core/write/slugs.js';
import {
  fuzzyDate,
  globalId,
  noDuplicates,
  optionalText,
  slug,
  text,
  version,
} from '../../core/write/validation.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { loadForWrite, updateVersioned } from '../../core/write/versioned.js';
import type { Tx, WriteScope } from '../../core/write/write-transaction.js';

/** A country (upper-case ISO 3166-1 alpha-2 code, e.g. CN) or a region by name ("South China Sea"). */
const topic = text(LIMITS.remarkTopics.maxChars).refine(
  (t) => !/^[A-Za-z]{2}$/.test(t) || /^[A-Z]{2}$/.test(t),
  'a country is its upper-case ISO code, e.g. CN',
);
const topics = z
  .array(topic)
  .max(LIMITS.remarkTopics.maxItems)
  .superRefine((list, ctx) => noDuplicates(list, (t) => t, ctx, 'topic'));

export const createRemarkSchema = z.object({
  slug: slug.optional(),
  speakerId: globalId('Participant'),
  speakerPositionId: globalId('Position').nullish(),
  content: text(LIMITS.remarkContent.maxChars),
  isDirectQuote: z.boolean(),
  said: fuzzyDate.nullish(),
  audience: optionalText(LIMITS.remarkAudience.maxChars),
  addresseeId: globalId('Participant').nullish(),
  eventId: globalId('Event').nullish(),
  topics: topics.optional(),
  citations: citationsSchema,
  basis: basesInputSchema.nullish(),
});
export type CreateRemarkIn = z.output<typeof createRemarkSchema>;

export const updateRemarkSchema = z.object({
  id: globalId('Remark'),
  version,
  slug: slug.optional(),
  speakerId: globalId('Participant').optional(),
  speakerPositionId: globalId('Position').nullish(),
  content: text(LIMITS.remarkContent.maxChars).optional(),
  isDirectQuote: z.boolean().optional(),
  said: fuzzyDate.nullish(),
  audience: optionalText(LIMITS.remarkAudience.maxChars),
  addresseeId: globalId('Participant').nullish(),
  eventId: globalId('Event').nullish(),
  topics: topics.optional(),
  basis: basesInputSchema.nullish(),
});
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

async function refuseTakenSlug(tx: Tx, slug: string | undefined, current?: string) {
  if (slug && slug !== current && (await tx.remark.findUnique({ where: { slug }, select: { id: true } })))
    throw apiError(ErrorCode.CONFLICT, 'input.slug: another remark has this slug', { field: 'input.slug' });
}

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
  await refuseTakenSlug(tx, input.slug);
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
  const remark = await tx.remark.create({
    data: {
      slug: input.slug ?? (await freeSlug(tx, 'remark', slugBase)),
      speakerId: input.speakerId,
      speakerPositionId: input.speakerPositionId ?? null,
      content: input.content,
      isDirectQuote: input.isDirectQuote,
      saidDate: input.said?.date ?? null,
      saidPrecision: input.said?.precision ?? null,
      audience: input.audience ?? null,
      addresseeId: input.addresseeId ?? null,
      eventId: input.eventId ?? null,
      topics: input.topics ?? [],
    },
  });
  scope.audit({ action: 'CREATE', entityType: 'Remark', entityId: remark.id, after: remark });
  await writeCitations(scope, sources, { remarkId: remark.id }, input.citations, 'input.citations');
  await writeBases(tx, { remarkId: remark.id }, input.basis);
  if (remark.eventId) scope.announce({ eventId: remark.eventId, operation: 'UPDATED' });
  return remark.id;
}

export async function updateRemark(scope: WriteScope, input: UpdateRemarkIn): Promise<string> {
  const { tx } = scope;
  const before = await loadForWrite(tx.remark, 'remark', input.id, input.version);
  const speakerId = input.speakerId ?? before.speakerId;
  // A new speaker must hold the office the remark names (unless the office changes or goes too).
  const speakerPositionId =
    input.speakerPositionId === undefined ? before.speakerPositionId : input.speakerPositionId;
  await checkReferences(tx, input, speakerId, speakerPositionId);
  await refuseTakenSlug(tx, input.slug, before.slug);
  const after = await updateVersioned(tx.remark, 'remark', before, {
    slug: input.slug,
    speakerId: input.speakerId,
    speakerPositionId: input.speakerPositionId,
    content: input.content,
    isDirectQuote: input.isDirectQuote,
    ...(input.said === undefined
      ? {}
      : { saidDate: input.said?.date ?? null, saidPrecision: input.said?.precision ?? null }),
    audience: input.audience,
    addresseeId: input.addresseeId,
    eventId: input.eventId,
    topics: input.topics,
  });
  await rebaseUpdatedValues(
    tx,
    'Remark',
    { remarkId: after.id },
    remarkValues(after),
    remarkValues(before),
    input.basis,
  );
  scope.audit({ action: 'UPDATE', entityType: 'Remark', entityId: after.id, before, after });
  for (const eventId of new Set([before.eventId, after.eventId]))
    if (eventId) scope.announce({ eventId, operation: 'UPDATED' });
  return after.id;
}

export async function setRemarkDeleted(
  scope: WriteScope,
  id: string,
  expected: number,
  deleted: boolean,
): Promise<string> {
  const { tx } = scope;
  const before = await loadForWrite(tx.remark, 'remark', id, expected, deleted ? 'live' : 'deleted');
  if (!deleted) {
    await refuseDeletedLinks(tx, 'remark', [
      { table: 'participant', id: before.speakerId, what: 'speaker' },
      { table: 'participant', id: before.addresseeId, what: 'addressee' },
      { table: 'position', id: before.speakerPositionId, what: 'speaker’s position' },
      { table: 'event', id: before.eventId, what: 'event' },
    ]);
    await refuseDeletedCitedSources(tx, 'remark', 'remark_id', [id]);
  }
  const after = await updateVersioned(tx.remark, 'remark', before, {
    deletedAt: deleted ? new Date() : null,
  });
  scope.audit({ action: deleted ? 'DELETE' : 'RESTORE', entityType: 'Remark', entityId: id, before, after });
  if (before.eventId) scope.announce({ eventId: before.eventId, operation: 'UPDATED' });
  return id;
}
