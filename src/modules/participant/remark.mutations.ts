// Remark mutations: what participants said, each with the citations that report it.
import { createInputType } from '../../core/write/input-fields.js';
import { recordMutations } from '../../core/write/mutation-support.js';
import {
  createRemark,
  createRemarkInput,
  createRemarkSchema,
  remarkDeletion,
  updateRemark,
  updateRemarkInput,
  updateRemarkSchema,
} from './remark.writes.js';

recordMutations('Remark', {
  create: {
    description: 'Adds what a participant said, with its citations.',
    input: createInputType('Remark', 'A new remark with the citations that report it.', createRemarkInput),
    schema: createRemarkSchema,
    write: createRemark,
  },
  update: {
    input: updateRemarkInput,
    note: 'Citations change with addCitation and removeCitation.',
    schema: updateRemarkSchema,
    write: updateRemark,
  },
  deletion: remarkDeletion,
  deleteDescription: 'Hides a remark from every read (soft delete); `restoreRemark` brings it back.',
  restoreDescription:
    'Brings back a deleted remark (refused while its speaker, addressee, office, event or a cited source is deleted).',
});
