// Event mutations: create (with participants, citations and new sources in one go), update, delete,
// restore, and attaching or detaching participants.
import { EDIT } from '../../core/auth/access.js';
import type { Event } from '../../generated/prisma/client.js';
import { builder } from '../../core/graphql/builder.js';
import { EventKindEnum, ParticipationRoleEnum, PloverCategoryEnum } from '../../core/graphql/enums.js';
import { FuzzyDateInput } from '../../core/graphql/fuzzy-date.js';
import { CreateParticipantInput } from '../participant/participant.inputs.js';
import { basisInputField, CitationInput, updateBasisInputField } from '../source/source.inputs.js';
import {
  columnsOnly,
  IDEMPOTENCY_KEY_ARG,
  mutate,
  replayedField,
  type WritePayload,
  softDeleteMutations,
} from '../../core/write/mutation-support.js';
import { parseInput } from '../../core/write/validation.js';
import {
  attachParticipant,
  attachParticipantSchema,
  createEvent,
  createEventSchema,
  detachParticipant,
  detachParticipantSchema,
  setEventDeleted,
  updateEvent,
  updateEventSchema,
} from './event.writes.js';

const EventPayload = builder.objectRef<WritePayload>('EventPayload').implement({
  description: 'The event a mutation wrote, as it is now.',
  fields: (t) => ({
    event: t.prismaField({
      type: 'Event',
      description: 'The event (deleted events are still returned here, with `deletedAt` set).',
      // A selection of the event's own columns only is answered from the row the write read last in its
      // transaction (every column), which is the event as committed.
      resolve: (query, payload, _args, ctx) =>
        payload.row && columnsOnly(query)
          ? (payload.row as Event)
          : ctx.prisma.event.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
    replayed: t.exposeBoolean('replayed', replayedField),
  }),
});

const EventParticipantInput = builder.inputType('EventParticipantInput', {
  description: 'Who took part in a new event, in which role: an existing participant or a new one.',
  fields: (t) => ({
    participantId: t.id({ required: false, description: 'An existing participant.' }),
    participant: t.field({
      type: CreateParticipantInput,
      required: false,
      description: 'A new participant.',
    }),
    role: t.field({ type: ParticipationRoleEnum, required: true, description: 'Their directed role.' }),
    basis: t.field(basisInputField),
    citations: t.field({
      type: [CitationInput],
      required: false,
      description: 'Sources for this participation; when omitted, the event’s citations support it too.',
    }),
  }),
});

const eventFieldsDoc = {
  slug: 'Stable identifier; made from the title and date when omitted.',
  kind: 'What kind of event.',
  title: 'Short title.',
  summary: 'What happened, in a sentence or two.',
  start: 'When it started, as precisely as the sources say.',
  end: 'When it ended, for multi-day events.',
  placeName: 'Where (city, venue).',
  placeCountryId: 'The country it took place in (a COUNTRY participant).',
  cameoCode: 'CAMEO 1.1b3 event code, 2 to 4 digits (e.g. 057); see `cameoCodes`.',
  ploverCategory: 'PLOVER category.',
  ploverMode: 'PLOVER mode, one of the category’s (e.g. visit for CONSULT); see `ploverCategories`.',
  ploverContexts: 'PLOVER contexts (e.g. military, cyber); see `ploverContexts`.',
};

const CreateEventInput = builder.inputType('CreateEventInput', {
  description: 'A new event with its participants and citations, all written in one transaction.',
  fields: (t) => ({
    slug: t.string({ required: false, description: eventFieldsDoc.slug }),
    kind: t.field({ type: EventKindEnum, required: true, description: eventFieldsDoc.kind }),
    title: t.string({ required: true, description: eventFieldsDoc.title }),
    summary: t.string({ required: true, description: eventFieldsDoc.summary }),
    start: t.field({ type: FuzzyDateInput, required: true, description: eventFieldsDoc.start }),
    end: t.field({ type: FuzzyDateInput, required: false, description: eventFieldsDoc.end }),
    placeName: t.string({ required: false, description: eventFieldsDoc.placeName }),
    placeCountryId: t.id({ required: false, description: eventFieldsDoc.placeCountryId }),
    cameoCode: t.string({ required: false, description: eventFieldsDoc.cameoCode }),
    ploverCategory: t.field({
      type: PloverCategoryEnum,
      required: false,
      description: eventFieldsDoc.ploverCategory,
    }),
    ploverMode: t.string({ required: false, description: eventFieldsDoc.ploverMode }),
    ploverContexts: t.stringList({ required: false, description: eventFieldsDoc.ploverContexts }),
    participants: t.field({ type: [EventParticipantInput], required: false, description: 'Who took part.' }),
    basis: t.field(basisInputField),
    citations: t.field({
      type: [CitationInput],
      required: true,
      description: 'The sources that report the event (at least one).',
    }),
  }),
});

const UpdateEventInput = builder.inputType('UpdateEventInput', {
  description: 'Changes to an event: only the fields given change; null clears an optional field.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The event.' }),
    version: t.int({
      required: true,
      description: 'The version you read; a stale one is refused with CONFLICT.',
    }),
    slug: t.string({ required: false, description: eventFieldsDoc.slug }),
    kind: t.field({ type: EventKindEnum, required: false, description: eventFieldsDoc.kind }),
    title: t.string({ required: false, description: eventFieldsDoc.title }),
    summary: t.string({ required: false, description: eventFieldsDoc.summary }),
    start: t.field({ type: FuzzyDateInput, required: false, description: eventFieldsDoc.start }),
    end: t.field({ type: FuzzyDateInput, required: false, description: eventFieldsDoc.end }),
    placeName: t.string({ required: false, description: eventFieldsDoc.placeName }),
    placeCountryId: t.id({ required: false, description: eventFieldsDoc.placeCountryId }),
    cameoCode: t.string({ required: false, description: eventFieldsDoc.cameoCode }),
    ploverCategory: t.field({
      type: PloverCategoryEnum,
      required: false,
      description: eventFieldsDoc.ploverCategory,
    }),
    ploverMode: t.string({ required: false, description: eventFieldsDoc.ploverMode }),
    ploverContexts: t.stringList({ required: false, description: eventFieldsDoc.ploverContexts }),
    basis: t.field(updateBasisInputField),
  }),
});

const AttachParticipantInput = builder.inputType('AttachParticipantInput', {
  description: 'Adds a participant to an event in a role, with the sources that say so.',
  fields: (t) => ({
    eventId: t.id({ required: true, description: 'The event.' }),
    participantId: t.id({ required: true, description: 'The participant.' }),
    role: t.field({ type: ParticipationRoleEnum, required: true, description: 'Their directed role.' }),
    citations: t.field({ type: [CitationInput], required: true, description: 'At least one citation.' }),
    basis: t.field(basisInputField),
  }),
});

const DetachParticipantInput = builder.inputType('DetachParticipantInput', {
  description: 'Removes one participation (and its citations) from an event.',
  fields: (t) => ({
    participationId: t.id({ required: true, description: 'The participation (Event.participations.id).' }),
  }),
});

builder.mutationFields((t) => ({
  createEvent: t.field({
    type: EventPayload,
    authScopes: EDIT,
    description: 'Adds an event with its participants (existing or new), citations and any new sources.',
    args: {
      input: t.arg({ type: CreateEventInput, required: true, description: 'The new event.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(createEventSchema, args.input);
      return mutate(ctx, 'createEvent', args, async (scope) => {
        const row = await createEvent(scope, input);
        return { id: row.id, row };
      });
    },
  }),
  updateEvent: t.field({
    type: EventPayload,
    authScopes: EDIT,
    description: 'Changes an event, if nobody changed it since you read `version`.',
    args: {
      input: t.arg({ type: UpdateEventInput, required: true, description: 'The changes.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(updateEventSchema, args.input);
      return mutate(ctx, 'updateEvent', args, (scope) => updateEvent(scope, input));
    },
  }),
  attachParticipant: t.field({
    type: EventPayload,
    authScopes: EDIT,
    description: 'Adds a participant to an event in a role, with citations.',
    args: {
      input: t.arg({
        type: AttachParticipantInput,
        required: true,
        description: 'The event, participant, role and citations.',
      }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(attachParticipantSchema, args.input);
      return mutate(ctx, 'attachParticipant', args, (scope) => attachParticipant(scope, input));
    },
  }),
  detachParticipant: t.field({
    type: EventPayload,
    authScopes: EDIT,
    description: 'Removes a participation from an event.',
    args: {
      input: t.arg({
        type: DetachParticipantInput,
        required: true,
        description: 'The participation to remove.',
      }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(detachParticipantSchema, args.input);
      return mutate(ctx, 'detachParticipant', args, (scope) =>
        detachParticipant(scope, input.participationId),
      );
    },
  }),
}));

softDeleteMutations({
  typename: 'Event',
  payload: EventPayload,
  setDeleted: setEventDeleted,
  deleteDescription: 'Hides an event from every read (soft delete); `restoreEvent` brings it back.',
  restoreDescription: 'Brings back a deleted event.',
  inputDescription: 'The event and its version.',
});
