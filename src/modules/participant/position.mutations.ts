// Position mutations: the offices people hold, each with the citations that say so.
import { builder } from '../../core/graphql/builder.js';
import { basisInputField, CitationInput, updateBasisInputField } from '../source/source.inputs.js';
import { versionFields } from '../../core/write/input-fields.js';
import { softDeleteMutations, writeMutation, writePayload } from '../../core/write/mutation-support.js';
import {
  createPosition,
  createPositionSchema,
  setPositionDeleted,
  updatePosition,
  updatePositionSchema,
} from './position.writes.js';
import { positionInput } from './participant.schema.js';

const PositionPayload = writePayload('Position');

const CreatePositionInput = builder.inputType('CreatePositionInput', {
  description: 'A new position with the citations that report it.',
  fields: (t) => ({
    ...positionInput.graphql(t, 'create'),
    citations: t.field({
      type: [CitationInput],
      required: true,
      description: 'The sources that report the position (at least one).',
    }),
    basis: t.field(basisInputField),
  }),
});

const UpdatePositionInput = builder.inputType('UpdatePositionInput', {
  description:
    'Changes to a position: only the fields given change; null clears an optional field. Citations change ' +
    'with addCitation and removeCitation.',
  fields: (t) => ({
    ...versionFields(t, 'position'),
    ...positionInput.graphql(t, 'update'),
    basis: t.field(updateBasisInputField),
  }),
});

writeMutation('createPosition', {
  payload: PositionPayload,
  description: 'Adds an office a person holds, with its citations.',
  input: CreatePositionInput,
  inputDescription: 'The new position.',
  schema: createPositionSchema,
  write: createPosition,
});

writeMutation('updatePosition', {
  payload: PositionPayload,
  description: 'Changes a position, if nobody changed it since you read `version`.',
  input: UpdatePositionInput,
  inputDescription: 'The changes.',
  schema: updatePositionSchema,
  write: updatePosition,
});

softDeleteMutations({
  typename: 'Position',
  payload: PositionPayload,
  setDeleted: setPositionDeleted,
  deleteDescription:
    'Hides a position from every read (soft delete); `restorePosition` brings it back. Refused with CONFLICT ' +
    'while live remarks name it as the office the speaker spoke in.',
  restoreDescription:
    'Brings back a deleted position (refused while its holder, organisation or a cited source is deleted).',
});
