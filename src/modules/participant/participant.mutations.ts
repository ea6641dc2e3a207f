// Participant mutations: create, update, delete and restore people, organisations and countries.
import { recordMutations } from '../../core/write/mutation-support.js';
import { CreateParticipantInput, participantInput } from './participant.inputs.js';
import {
  createParticipant,
  newParticipantSchema,
  participantDeletion,
  updateParticipant,
  updateParticipantSchema,
} from './participant.writes.js';

recordMutations('Participant', {
  create: {
    description: 'Adds a person, organisation or country.',
    input: CreateParticipantInput,
    schema: newParticipantSchema,
    write: (scope, input) => createParticipant(scope, input, 'input'),
  },
  update: {
    input: participantInput,
    note: 'The result must still be valid: a COUNTRY has an isoCode and no country, anyone else the other way round.',
    schema: updateParticipantSchema,
    write: updateParticipant,
  },
  deletion: participantDeletion,
  deleteDescription:
    'Hides a participant from every read (soft delete); `restoreParticipant` brings it back. Refused with ' +
    'CONFLICT while live records (participations, agreements, remarks, positions, members) refer to it.',
  restoreDescription: 'Brings back a deleted participant (refused while its country is deleted).',
});
