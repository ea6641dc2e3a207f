// Position mutations: the offices people hold, each with the citations that say so.
import { createInputType } from '../../core/write/input-fields.js';
import { recordMutations } from '../../core/write/mutation-support.js';
import {
  createPosition,
  createPositionInput,
  createPositionSchema,
  positionDeletion,
  updatePosition,
  updatePositionInput,
  updatePositionSchema,
} from './position.writes.js';

recordMutations('Position', {
  create: {
    description: 'Adds an office a person holds, with its citations.',
    input: createInputType(
      'Position',
      'A new position with the citations that report it.',
      createPositionInput,
    ),
    schema: createPositionSchema,
    write: createPosition,
  },
  update: {
    input: updatePositionInput,
    note: 'Citations change with addCitation and removeCitation.',
    schema: updatePositionSchema,
    write: updatePosition,
  },
  deletion: positionDeletion,
  deleteDescription:
    'Hides a position from every read (soft delete); `restorePosition` brings it back. Refused with CONFLICT ' +
    'while live remarks name it as the office the speaker spoke in.',
  restoreDescription:
    'Brings back a deleted position (refused while its holder, organisation or a cited source is deleted).',
});
