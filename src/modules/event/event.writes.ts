// Writing events and who took part in them. Every function runs inside runWrite's transaction and
// records what it changed in the audit log.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ParticipationRole } from '../../generated/prisma/enums.js';
import { endsBeforeStart } from '../../core/graphql/fuzzy-date.js';
import { apiError, ErrorCode } from '../../core/errors.js';
import { newParticipantSchema, createParticipant } from '../participant/participant.writes.js';
import { SourceResolver, writeCitations, type CitationIn } from '../source/source.writes.js';
import { basisField, citationsField, claimFields, ownCitationsField } from '../source/claim-inputs.js';
import { field, inputObject, recordInput } from '../../core/write/input-fields.js';
import { ParticipationRoleEnum } from '../../core/graphql/enums.js';
import { CreateParticipantInput } from '../participant/participant.inputs.js';
import { insertRows } from '../../core/write/insert-rows.js';
import { preflight } from '../../core/write/preflight.js';
import { type Reference, type ReferenceChecks } from '../../core/write/references.js';
import { pickFreeSlug, slugify } from '../../core/write/slugs.js';
import { endNotBeforeStart, globalId, recordVersion } from '../../core/write/validation.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import type { DeletionRules } from '../../core/write/soft-delete.js';
import { loadForWrite } from '../../core/write/versioned.js';
import { updateClaim, type ClaimTable } from '../source/claim-update.js';
import type { WriteScope } from '../../core/write/write-transaction.js';
import type { Written } from '../../core/write/mutation-support.js';
import { codingProblems, loadCodebook } from './codes/codebook.js';
import { eventInput } from './event.schema.js';
import {
  checkClaimBases,
  dayValue,
  basisRows,
  writeBases,
  type BasisIn,
  type BasisTarget,
  type WrittenValue,
} from '../source/basis.js';

const role = field.required(ParticipationRoleEnum, z.enum(ParticipationRole), 'Their directed role.');

const EventParticipantInput = inputObject(
  'EventParticipantInput',
  'Who took part in a new event, in which role: an existing participant or a new one.',
  {
    participantId: field.nullable('ID', globalId('Participant'), 'An existing participant.'),
    participant: field.nullable(CreateParticipantInput, newParticipantSchema, 'A new participant.'),
    role,
    citations: ownCitationsField(
      'Sources for this participation; when omitted, the event’s citations support it too.',
    ),
    basis: basisField,
  },
);

const eventParticipantSchema = EventParticipantInput.schema.superRefine((p, ctx) => {
  if ((p.participantId ? 1 : 0) + (p.participant ? 1 : 0) !== 1)
    ctx.addIssue({
      code: 'custom',
      message: 'give exactly one of participantId (an existing participant) or participant (a new one)',
      path: ['participantId'],
    });
});

/** What a create and an update of an event take: its own fields, with its citations and bases. */
export const createEventInput = recordInput({
  ...eventInput.declarations,
  participants: field.optional(
    [EventParticipantInput.ref],
    z.array(eventParticipantSchema).max(LIMITS.eventParticipants.maxItems),
    'Who took part.',
    { row: false },
  ),
  ...claimFields('event'),
});
export const updateEventInput = recordInput({ ...eventInput.declarations, basis: basisField });

export const createEventSchema = z
  .object(createEventInput.createShape)
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

export const updateEventSchema = recordVersion('Event')
  .extend(updateEventInput.updateShape)
  .superRefine(endNotBeforeStart);
export type UpdateEventIn = z.output<typeof updateEventSchema>;

export const AttachParticipantInput = inputObject(
  'AttachParticipantInput',
  'Adds a participant to an event in a role, with the sources that say so.',
  {
    eventId: field.required('ID', globalId('Event'), 'The event.'),
    participantId: field.required('ID', globalId('Participant'), 'The participant.'),
    role,
    citations: citationsField('At least one citation.'),
    basis: basisField,
  },
);

export const DetachParticipantInput = inputObject(
  'DetachParticipantInput',
  'Removes one participation (and its citations) from an event.',
  {
    participationId: field.required(
      'ID',
      globalId('Participation'),
      'The participation (Event.participations.id).',
    ),
  },
);

/** Every existing id the input names, for preflight: participants (place, who took part) and cited sources. */
function referencesOf(input: CreateEventIn): ReferenceChecks {
  const participants: Reference[] = [];
  const sources: Reference[] = [];
  if (input.placeCountryId) participants.push({ id: input.placeCountryId, field: 'input.placeCountryId' });
  const cite = (citations: readonly CitationIn[], field: string) =>
    citations.forEach((c, i) => {
      if (c.sourceId) sources.push({ id: c.sourceId, field: `${field}.${i}.sourceId` });
    });
  cite(input.citations, 'input.citations');
  (input.participants ?? []).forEach((p, i) => {
    if (p.participantId)
      participants.push({ id: p.participantId, field: `input.participants.${i}.participantId` });
    if (p.citations) cite(p.citations, `input.participants.${i}.citations`);
  });
  return { participant: participants, source: sources };
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

// The SQL types of the columns createEvent writes, by Prisma field (see insertRows).
const EVENT_COLUMNS = {
  id: 'uuid',
  slug: 'text',
  kind: '"EventKind"',
  title: 'text',
  summary: 'text',
  startDate: 'date',
  startPrecision: '"DatePrecision"',
  endDate: 'date',
  endPrecision: '"DatePrecision"',
  placeName: 'text',
  placeCountryId: 'uuid',
  cameoCode: 'text',
  ploverCategory: '"PloverCategory"',
  ploverMode: 'text',
  ploverContexts: 'text[]',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
};
const PARTICIPATION_COLUMNS = {
  id: 'uuid',
  eventId: 'uuid',
  participantId: 'uuid',
  role: '"ParticipationRole"',
  createdAt: 'timestamptz',
};
const CITATION_COLUMNS = {
  id: 'uuid',
  sourceId: 'uuid',
  quote: 'text',
  claimField: 'text',
  claimValue: 'text',
  anchorExact: 'text',
  anchorPrefix: 'text',
  anchorSuffix: 'text',
  anchorStart: 'integer',
  anchorEnd: 'integer',
  eventId: 'uuid',
  participationId: 'uuid',
  createdAt: 'timestamptz',
};
const BASIS_COLUMNS = {
  id: 'uuid',
  field: 'text',
  value: 'text',
  basis: '"Basis"',
  note: 'text',
  reference: 'text',
  eventId: 'uuid',
  participationId: 'uuid',
  createdAt: 'timestamptz',
};

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The basis rule (checkClaimBases) for the event and each of its participants. */
async function checkEventBases(scope: WriteScope, input: CreateEventIn): Promise<void> {
  const values = {
    kind: input.kind,
    startDate: day(input.start.date),
    endDate: dayValue(input.end?.date),
    placeName: input.placeName ?? null,
    placeCountry: input.placeCountryId ? { table: 'participant' as const, id: input.placeCountryId } : null,
  };
  await checkClaimBases(
    scope.tx,
    'Event',
    { held: values, written: values, bases: input.basis, citations: input.citations },
    'input',
  );
  for (const [i, p] of (input.participants ?? []).entries())
    await checkClaimBases(
      scope.tx,
      'Participation',
      {
        held: { role: p.role },
        written: { role: p.role },
        bases: p.basis,
        citations: p.citations ?? input.citations,
      },
      `input.participants.${i}`,
    );
}

/**
 * Writes an event with its participations and citations in three statements, however many participants
 * and citations it has: a preflight (ids exist, free slug), one INSERT of the whole tree (ids made here,
 * so that the rows can refer to each other), and one read of the tree as the database now has it. That
 * read gives the audit snapshots the columns the database computes (latest_date; country_ids, which the
 * participation triggers recompute) in Prisma's shape. New participants and sources (rare) cost a few
 * statements each. Returns the event with its row as the transaction leaves it.
 */
export async function createEvent(scope: WriteScope, input: CreateEventIn): Promise<Written> {
  const { tx } = scope;
  const sources = new SourceResolver(scope);
  await checkCoding(scope, input);
  const slugBase = input.slug ?? `${slugify(input.title, 60)}-${day(input.start.date)}`;
  const references = referencesOf(input);
  const takenSlugs = await preflight(tx, {
    references,
    slug: { table: 'event', base: slugBase, exact: input.slug !== undefined },
    also: [sources.textsLookup(references.source ?? [])],
  });
  if (input.slug && takenSlugs.has(input.slug))
    throw apiError(ErrorCode.CONFLICT, 'input.slug: another event has this slug', { field: 'input.slug' });
  await checkEventBases(scope, input);

  // As Prisma would: one client-side timestamp for the rows' created_at and updated_at.
  const now = new Date();
  const eventId = randomUUID();
  const participants = input.participants ?? [];
  const participations: {
    id: string;
    eventId: string;
    participantId: string;
    role: string;
    createdAt: Date;
  }[] = [];
  for (const [i, p] of participants.entries())
    participations.push({
      id: randomUUID(),
      eventId,
      participantId:
        p.participantId ??
        (await createParticipant(scope, p.participant!, `input.participants.${i}.participant`)),
      role: p.role,
      createdAt: now,
    });
  const citations: { id: string; [field: string]: unknown }[] = [];
  const cite = async (target: object, list: readonly CitationIn[], field: string) => {
    for (const [i, c] of list.entries()) {
      const sourceId = await sources.sourceIdFor(c, `${field}.${i}`);
      citations.push({
        id: randomUUID(),
        sourceId,
        quote: c.quote,
        claimField: c.claimField ?? null,
        claimValue: c.claimValue ?? null,
        ...(await sources.anchorFor(sourceId, c.quote, `${field}.${i}`)),
        ...target,
        createdAt: now,
      });
    }
  };
  await cite({ eventId }, input.citations, 'input.citations');
  for (const [i, p] of participants.entries())
    // Without citations of its own, a participation rests on the event's: the quote that reports a
    // meeting names who met.
    await cite(
      { participationId: participations[i]!.id },
      p.citations ?? input.citations,
      p.citations ? `input.participants.${i}.citations` : 'input.citations',
    );
  const basisRowsOf = (target: BasisTarget, bases: readonly BasisIn[] | null | undefined) =>
    basisRows(target, bases ?? []).map((row) => ({ id: randomUUID(), ...row, createdAt: now }));

  await insertRows(tx, [
    {
      table: 'event',
      columns: EVENT_COLUMNS,
      rows: [
        {
          ...eventInput.row(input),
          id: eventId,
          slug: input.slug ?? pickFreeSlug(slugBase, takenSlugs),
          createdAt: now,
          updatedAt: now,
        },
      ],
    },
    { table: 'participation', columns: PARTICIPATION_COLUMNS, rows: participations },
    { table: 'citation', columns: CITATION_COLUMNS, rows: citations },
    {
      table: 'value_basis',
      columns: BASIS_COLUMNS,
      rows: [
        ...basisRowsOf({ eventId }, input.basis),
        ...participants.flatMap((p, i) => basisRowsOf({ participationId: participations[i]!.id }, p.basis)),
      ],
    },
  ]);

  const {
    participations: participationRows,
    citations: eventCitations,
    ...event
  } = await tx.event.findUniqueOrThrow({
    where: { id: eventId },
    include: { citations: true, participations: { include: { citations: true } } },
  });
  const citationRows = new Map(
    [...eventCitations, ...participationRows.flatMap((p) => p.citations)].map((c) => [c.id, c]),
  );
  const participationById = new Map(participationRows.map(({ citations: _, ...p }) => [p.id, p]));
  for (const { id } of participations)
    scope.audit({
      action: 'CREATE',
      entityType: 'Participation',
      entityId: id,
      after: participationById.get(id),
    });
  for (const { id } of citations)
    scope.audit({ action: 'CREATE', entityType: 'Citation', entityId: id, after: citationRows.get(id) });
  scope.audit({ action: 'CREATE', entityType: 'Event', entityId: eventId, after: event });
  scope.announce({ eventId, operation: 'CREATED' });
  return { id: eventId, row: event };
}

/** The values of an event that need a basis, spelled as the basis rule compares them. */
const eventValues = (e: {
  kind: string;
  startDate: Date;
  endDate: Date | null;
  placeName: string | null;
  placeCountryId: string | null;
}): Record<string, WrittenValue> => ({
  kind: e.kind,
  startDate: dayValue(e.startDate),
  endDate: dayValue(e.endDate),
  placeName: e.placeName,
  placeCountry: e.placeCountryId ? { table: 'participant', id: e.placeCountryId } : null,
});

const eventClaim: ClaimTable<'Event'> = { type: 'Event', values: eventValues };

export async function updateEvent(scope: WriteScope, input: UpdateEventIn): Promise<Written> {
  const { tx } = scope;
  const before = await loadForWrite(tx, 'Event', input.id, input.version);
  const newSlug = input.slug && input.slug !== before.slug ? input.slug : undefined;
  const takenSlugs = await preflight(tx, {
    references: {
      participant: input.placeCountryId ? [{ id: input.placeCountryId, field: 'input.placeCountryId' }] : [],
    },
    ...(newSlug ? { slug: { table: 'event' as const, base: newSlug, exact: true } } : {}),
  });
  if (newSlug && takenSlugs.has(newSlug))
    throw apiError(ErrorCode.CONFLICT, 'input.slug: another event has this slug', { field: 'input.slug' });
  await checkCoding(scope, {
    cameoCode: input.cameoCode,
    ploverCategory: input.ploverCategory === undefined ? before.ploverCategory : input.ploverCategory,
    ploverMode: input.ploverMode === undefined ? before.ploverMode : input.ploverMode,
    ploverContexts: input.ploverContexts,
  });
  const start = input.start ?? { date: before.startDate, precision: before.startPrecision };
  const endDate = input.end === undefined ? before.endDate : (input.end?.date ?? null);
  if (endDate && endsBeforeStart(start, { date: endDate }))
    throw apiError(ErrorCode.BAD_USER_INPUT, 'input.end.date: must not be before start', {
      field: 'input.end.date',
    });
  return updateClaim(scope, eventClaim, before, eventInput.row(input), input.basis);
}

/**
 * As for every other record: live remarks and agreements must not point at a hidden event, and a
 * restored event must not point at a deleted country, nor bring back claims (its own, its
 * participations') quoting a source deleted while it was away.
 */
export const eventDeletion: DeletionRules<'Event'> = {
  dependents: [
    { model: 'Remark', by: 'eventId', singular: 'remark' },
    { model: 'Agreement', by: 'signingEventId', singular: 'agreement signed at it' },
  ],
  restoreLinks: (_tx, event) => [{ table: 'participant', id: event.placeCountryId, what: 'place country' }],
};

export async function attachParticipant(
  scope: WriteScope,
  input: z.output<typeof AttachParticipantInput.schema>,
): Promise<string> {
  const { tx } = scope;
  const sources = new SourceResolver(scope);
  const cited = input.citations.flatMap((c, i) =>
    c.sourceId ? [{ id: c.sourceId, field: `input.citations.${i}.sourceId` }] : [],
  );
  await preflight(tx, {
    references: {
      event: [{ id: input.eventId, field: 'input.eventId' }],
      participant: [{ id: input.participantId, field: 'input.participantId' }],
      source: cited,
    },
    also: [sources.textsLookup(cited)],
  });
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
  await checkClaimBases(
    tx,
    'Participation',
    {
      held: { role: input.role },
      written: { role: input.role },
      bases: input.basis,
      citations: input.citations,
    },
    'input',
  );
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
  await writeBases(tx, { participationId: participation.id }, input.basis);
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
