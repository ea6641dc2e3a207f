// Remark mutations: what participants said, each with the citations that report it.
import { builder } from '../../core/graphql/builder.js';
import { basisInputField, CitationInput, updateBasisInputField } from '../source/source.inputs.js';
import { versionFields } from '../../core/write/input-fields.js';
import { softDeleteMutations, writeMutation, writePayload } from '../../core/write/mutation-support.js';
import { remarkInput } from './remark.schema.js';
import {
  createRemark,
  createRemarkSchema,
  setRemarkDeleted,
  updateRemark,
  updateRemarkSchema,
} from './remark.writes.js';

const RemarkPayload = writePayload('Remark');

const CreateRemarkInput = builder.inputType('CreateRemarkInput', {
  description: 'A new remark with the citations that report it.',
  fields: (t) => ({
    ...remarkInput.graphql(t, 'create'),
    basis: t.field(basisInputField),
    citations: t.field({
      type: [CitationInput],
      required: true,
      description: 'The sources that report the remark (at least one).',
    }),
  }),
});

const UpdateRemarkInput = builder.inputType('UpdateRemarkInput', {
  description:
    'Changes to a remark: only the fields given change; null clears an optional field. Citations change with ' +
    'addCitation and removeCitation.',
  fields: (t) => ({
    ...versionFields(t, 'remark'),
    ...remarkInput.graphql(t, 'update'),
    basis: t.field(updateBasisInputField),
  }),
});

writeMutation('createRemark', {
  payload: RemarkPayload,
  description: 'Adds what a participant said, with its citations.',
  input: CreateRemarkInput,
  inputDescription: 'The new remark.',
  schema: createRemarkSchema,
  write: createRemark,
});

writeMutation('updateRemark', {
  payload: RemarkPayload,
  description: 'Changes a remark, if nobody changed it since you read `version`.',
  input: UpdateRemarkInput,
  inputDescription: 'The changes.',
  schema: updateRemarkSchema,
  write: updateRemark,
});

softDeleteMutations({
  typename: 'Remark',
  payload: RemarkPayload,
  setDeleted: setRemarkDeleted,
  deleteDescription: 'Hides a remark from every read (soft delete); `restoreRemark` brings it back.',
  restoreDescription:
    'Brings back a deleted remark (refused while its speaker, addressee, office, event or a cited source is deleted).',
});
