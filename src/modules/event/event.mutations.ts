// Event mutations: create (with participants, citations and new sources in one go), update, delete,
// restore, and attaching or detaching participants.
import { builder } from '../../core/graphql/builder.js';
import { ParticipationRoleEnum } from '../../core/graphql/enums.js';
import { versionFields } from '../../core/write/input-fields.js';
import { CreateParticipantInput } from '../participant/participant.inputs.js';
import { basisInputField, CitationInput, updateBasisInputField } from '../source/source.inputs.js';
import { softDeleteMutations, writeMutation, writePayload } from '../../core/write/mutation-support.js';
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
import { eventInput } from './event.schema.js';

const EventPayload = writePayload('Event', {
  fieldDescription: 'The event (deleted events are still returned here, with `deletedAt` set).',
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

const CreateEventInput = builder.inputType('CreateEventInput', {
  description: 'A new event with its participants and citations, all written in one transaction.',
  fields: (t) => ({
    ...eventInput.graphql(t, 'create'),
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
    ...versionFields(t, 'event'),
    ...eventInput.graphql(t, 'update'),
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

writeMutation('createEvent', {
  payload: EventPayload,
  description: 'Adds an event with its participants (existing or new), citations and any new sources.',
  input: CreateEventInput,
  inputDescription: 'The new event.',
  schema: createEventSchema,
  write: async (scope, input) => {
    const row = await createEvent(scope, input);
    return { id: row.id, row };
  },
});

writeMutation('updateEvent', {
  payload: EventPayload,
  description: 'Changes an event, if nobody changed it since you read `version`.',
  input: UpdateEventInput,
  inputDescription: 'The changes.',
  schema: updateEventSchema,
  write: updateEvent,
});

writeMutation('attachParticipant', {
  payload: EventPayload,
  description: 'Adds a participant to an event in a role, with citations.',
  input: AttachParticipantInput,
  inputDescription: 'The event, participant, role and citations.',
  schema: attachParticipantSchema,
  write: attachParticipant,
});

writeMutation('detachParticipant', {
  payload: EventPayload,
  description: 'Removes a participation from an event.',
  input: DetachParticipantInput,
  inputDescription: 'The participation to remove.',
  schema: detachParticipantSchema,
  write: (scope, input) => detachParticipant(scope, input.participationId),
});

softDeleteMutations({
  typename: 'Event',
  payload: EventPayload,
  setDeleted: setEventDeleted,
  deleteDescription: 'Hides an event from every read (soft delete); `restoreEvent` brings it back.',
  restoreDescription: 'Brings back a deleted event.',
});
