// Event mutations: create (with participants, citations and new sources in one go), update, delete,
// restore, and attaching or detaching participants.
import { createInputType } from '../../core/write/input-fields.js';
import { recordMutations, writeMutation, writePayload } from '../../core/write/mutation-support.js';
import {
  attachParticipant,
  AttachParticipantInput,
  createEvent,
  createEventInput,
  createEventSchema,
  detachParticipant,
  DetachParticipantInput,
  eventDeletion,
  updateEvent,
  updateEventInput,
  updateEventSchema,
} from './event.writes.js';

const EventPayload = recordMutations('Event', {
  payload: writePayload('Event', {
    fieldDescription: 'The event (deleted events are still returned here, with `deletedAt` set).',
  }),
  create: {
    description: 'Adds an event with its participants (existing or new), citations and any new sources.',
    input: createInputType(
      'Event',
      'A new event with its participants and citations, all written in one transaction.',
      createEventInput,
    ),
    schema: createEventSchema,
    write: createEvent,
  },
  update: { input: updateEventInput, schema: updateEventSchema, write: updateEvent },
  deletion: eventDeletion,
  deleteDescription: 'Hides an event from every read (soft delete); `restoreEvent` brings it back.',
  restoreDescription: 'Brings back a deleted event.',
});

writeMutation('attachParticipant', {
  payload: EventPayload,
  description: 'Adds a participant to an event in a role, with citations.',
  input: AttachParticipantInput.ref,
  inputDescription: 'The event, participant, role and citations.',
  schema: AttachParticipantInput.schema,
  write: attachParticipant,
});

writeMutation('detachParticipant', {
  payload: EventPayload,
  description: 'Removes a participation from an event.',
  input: DetachParticipantInput.ref,
  inputDescription: 'The participation to remove.',
  schema: DetachParticipantInput.schema,
  write: (scope, input) => detachParticipant(scope, input.participationId),
});
