// Writing events and who took part in them. Every function runs inside runWrite's transaction and
// records what it changed in the audit log.
import { z } from 'zod';
import { EventKind, ParticipationRole, PloverCategory } from '../generated/prisma/enums.js';
import { apiError, ErrorCode } from '../errors.js';
import { newParticipantSchema, createParticipant } from '../participant/participant.writes.js';
import { citationsSchema, SourceResolver, writeCitations, type CitationIn } from '../source/source.writes.js';
import { requireExisting, type Reference } from '../write/references.js';
import { freeSlug, slugify } from '../write/slugs.js';
import { cameoCode, fuzzyDate, globalId, optionalText, slug, text, version } from '../write/validation.js';
import { refuseDeletedLinks, refuseWhileReferenced } from '../write/dependents.js';
import { loadForWrite, updateVersioned } from '../write/versioned.js';
import type { WriteScope } from '../write/write-transaction.js';
import { codingProblems, loadCodebook } from './codes/codebook.js';

// Formats only; whether a code, mode or context exists is checked against the reference tables
// (checkCoding), which also backs the database's own foreign keys with a clear error.
const ploverMode = z.string().regex(/^[a-z]+(-[a-z]+)*$/, 'must be a PLOVER mode such as visit');
const ploverContexts = z
  .array(z.string().regex(/^[a-z]+(_[a-z]+)*$/, 'must be a PLOVER context such as military'))
  .max(20)
  .superRefine((list, ctx) => {
    list.forEach((c, i) => {
      if (list.indexOf(c) !== i)
        ctx.addIssue({ code: 'custom', message: 'repeats an earlier context', path: [i] });
    });
  });

const eventFields = {
  slug: slug.optional(),
  kind: z.enum(EventKind),
  title: text(300),
  summary: text(5000),
  start: fuzzyDate,
  end: fuzzyDate.nullish(),
  placeName: optionalText(200),
  placeCountryId: globalId('Participant').nullish(),
  cameoCode: cameoCode.nullish(),
  ploverCategory: z.enum(PloverCategory).nullish(),
  ploverMode: ploverMode.nullish(),
  ploverContexts: ploverContexts.nullish(),
};

function endNotBeforeStart(
  e: { start?: { date: Date } | undefined; end?: { date: Date } | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (e.start && e.end && e.end.date < e.start.date)
    ctx.addIssue({ code: 'custom', message: 'must not be before start', path: ['end', 'date'] });
}

export const eventParticipantSchema = z
  .object({
    participantId: globalId('Participant').nullish(),
    participant: newParticipantSchema.nullish(),
    role: z.enum(ParticipationRole),
    citations: citationsSchema.nullish(),
  })
  .superRefine((p, ctx) => {
    if ((p.participantId ? 1 : 0) + (p.participant ? 1 : 0) !== 1)
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of participantId (an existing participant) or participant (a new one)',
        path: ['participantId'],
      });
  });

export const createEventSchema = z
  .object({
    ...eventFields,
    participants: z.array(eventParticipantSchema).max(100).optional(),
    citations: citationsSchema,
  })
  .superRefine(endNotBeforeStart)
  .superRefine((e, ctx) => {
    const seen = new Set<string>();
    (e.participants ?? []).forEach((p, i) => {
      const key = p.participantId ? `${p.participantId}/${p.role}` : undefined;
      if (key && seen.has(key))
        ctx.addIssue({
          code: 'custom',
          message: 'lists this participant in this role twice',
          path: ['participants', i],
        });
      if (key) seen.add(key);
    });
  });
export type CreateEventIn = z.output<typeof createEventSchema>;

export const updateEventSchema = z
  .object({
    id: globalId('Event'),
    version,
    slug: slug.optional(),
    kind: z.enum(EventKind).optional(),
    title: text(300).optional(),
    summary: text(5000).optional(),
    start: fuzzyDate.optional(),
    end: fuzzyDate.nullish(),
    placeName: optionalText(200),
    placeCountryId: globalId('Participant').nullish(),
    cameoCode: cameoCode.nullish(),
    ploverCategory: z.enum(PloverCategory).nullish(),
    ploverMode: ploverMode.nullish(),
    ploverContexts: ploverContexts.nullish(),
  })
  .superRefine(endNotBeforeStart);
export type UpdateEventIn = z.output<typeof updateEventSchema>;

export const attachParticipantSchema = z.object({
  eventId: globalId('Event'),
  participantId: globalId('Participant'),
  role: z.enum(ParticipationRole),
  citations: citationsSchema,
});

export const detachParticipantSchema = z.object({ participationId: globalId('Participation') });

/** Checks every existing id the input names, one query per table, before writing anything. */
async function checkReferences(scope: WriteScope, input: CreateEventIn, sources: SourceResolver) {
  const participants: Reference[] = [];
  if (input.placeCountryId) participants.push({ id: input.placeCountryId, field: 'input.placeCountryId' });
  const cited: { citation: CitationIn; field: string }[] = input.citations.map((citation, i) => ({
    citation,
    field: `input.citations[${i}]`,
  }));
  (input.participants ?? []).forEach((p, i) => {
    if (p.participantId)
      participants.push({ id: p.participantId, field: `input.participants[${i}].participantId` });
    p.citations?.forEach((citation, j) =>
      cited.push({ citation, field: `input.participants[${i}].citations[${j}]` }),
    );
  });
  await requireExisting(scope.tx, 'participant', participants);
  await sources.checkExisting(cited);
}

/** The CAMEO code, PLOVER mode and contexts must exist in the reference tables; BAD_USER_INPUT if not. */
async function checkCoding(scope: WriteScope, coding: Parameters<typeof codingProblems>[1]): Promise<void> {
  if (!coding.cameoCode && !coding.ploverMode && !coding.ploverContexts?.length) return;
  const [problem] = codingProblems(await loadCodebook(scope.tx), coding);
  if (problem)
    throw apiError(ErrorCode.BAD_USER_INPUT, `input.${problem.field}: ${problem.message}`, {
      field: `input.${problem.field}`,
    });
}

export async function createEvent(scope: WriteScope, input: CreateEventIn): Promise<string> {
  const { tx } = scope;
  const sources = new SourceResolver(scope);
  await checkCoding(scope, input);
  await checkReferences(scope, input, sources);
  if (input.slug && (await tx.event.findUnique({ where: { slug: input.slug }, select: { id: true } })))
    throw apiError(ErrorCode.CONFLICT, 'input.slug: another event has this slug', { field: 'input.slug' });
  const slugBase = `${slugify(input.title, 60)}-${input.start.date.toISOString().slice(0, 10)}`;
  const event = await tx.event.create({
    data: {
      slug: input.slug ?? (await freeSlug(tx, 'event', slugBase)),
      kind: input.kind,
      title: input.title,
      summary: input.summary,
      startDate: input.start.date,
      startPrecision: input.start.precision,
      endDate: input.end?.date ?? null,
      endPrecision: input.end?.precision ?? null,
      placeName: input.placeName ?? null,
      placeCountryId: input.placeCountryId ?? null,
      cameoCode: input.cameoCode ?? null,
      ploverCategory: input.ploverCategory ?? null,
      ploverMode: input.ploverMode ?? null,
      ploverContexts: input.ploverContexts ?? [],
    },
  });
  await writeCitations(scope, sources, { eventId: event.id }, input.citations, 'input.citations');
  for (const [i, p] of (input.participants ?? []).entries()) {
    const field = `input.participants[${i}]`;
    const participantId =
      p.participantId ?? (await createParticipant(scope, p.participant!, `${field}.participant`));
    const participation = await tx.participation.create({
      data: { eventId: event.id, participantId, role: p.role },
    });
    scope.audit({
      action: 'CREATE',
      entityType: 'Participation',
      entityId: participation.id,
      after: participation,
    });
    // Without citations of its own, a participation rests on the event's: the quote that reports a
    // meeting names who met.
    const citations = p.citations ?? input.citations;
    const field2 = p.citations ? `${field}.citations` : 'input.citations';
    await writeCitations(scope, sources, { participationId: participation.id }, citations, field2);
  }
  // Re-read so the audit snapshot includes what the database computed (latest_date).
  const created = await tx.event.findUniqueOrThrow({ where: { id: event.id } });
  scope.audit({ action: 'CREATE', entityType: 'Event', entityId: event.id, after: created });
  scope.announce({ eventId: event.id, operation: 'CREATED' });
  return event.id;
}

export async function updateEvent(scope: WriteScope, input: UpdateEventIn): Promise<string> {
  const { tx } = scope;
  const before = await loadForWrite(tx.event, 'event', input.id, input.version);
  if (input.placeCountryId)
    await requireExisting(tx, 'participant', [{ id: input.placeCountryId, field: 'input.placeCountryId' }]);
  if (
    input.slug &&
    input.slug !== before.slug &&
    (await tx.event.findUnique({ where: { slug: input.slug }, select: { id: true } }))
  )
    throw apiError(ErrorCode.CONFLICT, 'input.slug: another event has this slug', { field: 'input.slug' });
  await checkCoding(scope, {
    cameoCode: input.cameoCode,
    ploverCategory: input.ploverCategory === undefined ? before.ploverCategory : input.ploverCategory,
    ploverMode: input.ploverMode === undefined ? before.ploverMode : input.ploverMode,
    ploverContexts: input.ploverContexts,
  });
  const start = input.start ?? { date: before.startDate, precision: before.startPrecision };
  const endDate = input.end === undefined ? before.endDate : (input.end?.date ?? null);
  if (endDate && endDate < start.date)
    throw apiError(ErrorCode.BAD_USER_INPUT, 'input.end.date: must not be before start', {
      field: 'input.end.date',
    });
  const after = await updateVersioned(tx.event, 'event', before, {
    slug: input.slug,
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    startDate: input.start?.date,
    startPrecision: input.start?.precision,
    ...(input.end === undefined
      ? {}
      : { endDate: input.end?.date ?? null, endPrecision: input.end?.precision ?? null }),
    placeName: input.placeName,
    placeCountryId: input.placeCountryId,
    cameoCode: input.cameoCode,
    ploverCategory: input.ploverCategory,
    ploverMode: input.ploverMode,
    ploverContexts: input.ploverContexts === null ? [] : input.ploverContexts,
  });
  scope.audit({ action: 'UPDATE', entityType: 'Event', entityId: after.id, before, after });
  scope.announce({ eventId: after.id, operation: 'UPDATED' });
  return after.id;
}

export async function setEventDeleted(
  scope: WriteScope,
  id: string,
  expected: number,
  deleted: boolean,
): Promise<string> {
  const { tx } = scope;
  const before = await loadForWrite(tx.event, 'event', id, expected, deleted ? 'live' : 'deleted');
  // As for every other record: live remarks and agreements must not point at a hidden event, and a
  // restored event must not point at a deleted country.
  if (deleted) {
    const [remarks, agreements] = await Promise.all([
      tx.remark.count({ where: { eventId: id, deletedAt: null } }),
      tx.agreement.count({ where: { signingEventId: id, deletedAt: null } }),
    ]);
    refuseWhileReferenced('event', [
      { count: remarks, singular: 'remark' },
      { count: agreements, singular: 'agreement signed at it', plural: 'agreements signed at it' },
    ]);
  } else {
    await refuseDeletedLinks(tx, 'event', [
      { table: 'participant', id: before.placeCountryId, what: 'place country' },
    ]);
  }
  const after = await updateVersioned(tx.event, 'event', before, { deletedAt: deleted ? new Date() : null });
  scope.audit({ action: deleted ? 'DELETE' : 'RESTORE', entityType: 'Event', entityId: id, before, after });
  scope.announce({ eventId: id, operation: deleted ? 'DELETED' : 'RESTORED' });
  return id;
}

export async function attachParticipant(
  scope: WriteScope,
  input: z.output<typeof attachParticipantSchema>,
): Promise<string> {
  const { tx } = scope;
  await requireExisting(tx, 'event', [{ id: input.eventId, field: 'input.eventId' }]);
  await requireExisting(tx, 'participant', [{ id: input.participantId, field: 'input.participantId' }]);
  const sources = new SourceResolver(scope);
  await sources.checkExisting(
    input.citations.map((citation, i) => ({ citation, field: `input.citations[${i}]` })),
  );
  const existing = await tx.participation.findUnique({
    where: {
      eventId_participantId_role: {
        eventId: input.eventId,
        participantId: input.participantId,
        role: input.role,
      },
    },
  });
  if (existing)
    throw apiError(ErrorCode.CONFLICT, 'This participant already takes part in this event in this role', {
      field: 'input.role',
    });
  const participation = await tx.participation.create({
    data: { eventId: input.eventId, participantId: input.participantId, role: input.role },
  });
  await writeCitations(
    scope,
    sources,
    { participationId: participation.id },
    input.citations,
    'input.citations',
  );
  scope.audit({
    action: 'CREATE',
    entityType: 'Participation',
    entityId: participation.id,
    after: participation,
  });
  scope.announce({ eventId: input.eventId, operation: 'UPDATED' });
  return input.eventId;
}

/** Removes a participation and its citations (a link, not a record of its own: nothing to restore). */
export async function detachParticipant(scope: WriteScope, participationId: string): Promise<string> {
  const { tx } = scope;
  const before = await tx.participation.findUnique({
    where: { id: participationId },
    include: { citations: true },
  });
  if (!before)
    throw apiError(ErrorCode.NOT_FOUND, 'No participation with this id', { field: 'input.participationId' });
  await tx.participation.delete({ where: { id: participationId } });
  scope.audit({ action: 'DELETE', entityType: 'Participation', entityId: participationId, before });
  scope.announce({ eventId: before.eventId, operation: 'UPDATED' });
  return before.eventId;
}
