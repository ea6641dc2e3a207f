// Participant mutations: create, update, delete and restore people, organisations and countries.
import { builder } from '../../core/graphql/builder.js';
import { versionFields } from '../../core/write/input-fields.js';
import { softDeleteMutations, writeMutation, writePayload } from '../../core/write/mutation-support.js';
import { CreateParticipantInput, participantInput } from './participant.inputs.js';
import {
  createParticipant,
  newParticipantSchema,
  setParticipantDeleted,
  updateParticipant,
  updateParticipantSchema,
} from './participant.writes.js';

const ParticipantPayload = writePayload('Participant');

const UpdateParticipantInput = builder.inputType('UpdateParticipantInput', {
  description:
    'Changes to a participant: only the fields given change; null clears an optional field. The result must ' +
    'still be valid: a COUNTRY has an isoCode and no country, anyone else the other way round.',
  fields: (t) => ({
    ...versionFields(t, 'participant'),
    ...participantInput.graphql(t, 'update'),
  }),
});

writeMutation('createParticipant', {
  payload: ParticipantPayload,
  description: 'Adds a person, organisation or country.',
  input: CreateParticipantInput,
  inputDescription: 'The new participant.',
  schema: newParticipantSchema,
  write: (scope, input) => createParticipant(scope, input, 'input'),
});

writeMutation('updateParticipant', {
  payload: ParticipantPayload,
  description: 'Changes a participant, if nobody changed it since you read `version`.',
  input: UpdateParticipantInput,
  inputDescription: 'The changes.',
  schema: updateParticipantSchema,
  write: updateParticipant,
});

softDeleteMutations({
  typename: 'Participant',
  payload: ParticipantPayload,
  setDeleted: setParticipantDeleted,
  deleteDescription:
    'Hides a participant from every read (soft delete); `restoreParticipant` brings it back. Refused with ' +
    'CONFLICT while live records (participations, agreements, remarks, positions, members) refer to it.',
  restoreDescription: 'Brings back a deleted participant (refused while its country is deleted).',
});
