// Position mutations: the offices people hold, each with the citations that say so.
import { EDIT } from '../../core/auth/access.js';
import { builder } from '../../core/graphql/builder.js';
import { FuzzyDateInput } from '../../core/graphql/fuzzy-date.js';
import { basisInputField, CitationInput, updateBasisInputField } from '../source/source.inputs.js';
import {
  IDEMPOTENCY_KEY_ARG,
  mutate,
  replayedField,
  type WritePayload,
  softDeleteMutations,
} from '../../core/write/mutation-support.js';
import { parseInput } from '../../core/write/validation.js';
import {
  createPosition,
  createPositionSchema,
  setPositionDeleted,
  updatePosition,
  updatePositionSchema,
} from './position.writes.js';

const PositionPayload = builder.objectRef<WritePayload>('PositionPayload').implement({
  description: 'The position a mutation wrote, as it is now.',
  fields: (t) => ({
    position: t.prismaField({
      type: 'Position',
      description: 'The position (deleted positions are still returned here).',
      resolve: (query, payload, _args, ctx) =>
        ctx.prisma.position.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
    replayed: t.exposeBoolean('replayed', replayedField),
  }),
});

const positionFieldsDoc = {
  holderId: 'The PERSON who holds the office.',
  title: 'The office, e.g. "Minister of Defense".',
  organisationId: 'The body the office belongs to (an organisation, unit or country).',
  start: 'Since when, as precisely as the sources say.',
  end: 'Until when, if it has ended.',
};

const CreatePositionInput = builder.inputType('CreatePositionInput', {
  description: 'A new position with the citations that report it.',
  fields: (t) => ({
    holderId: t.id({ required: true, description: positionFieldsDoc.holderId }),
    title: t.string({ required: true, description: positionFieldsDoc.title }),
    organisationId: t.id({ required: false, description: positionFieldsDoc.organisationId }),
    start: t.field({ type: FuzzyDateInput, required: false, description: positionFieldsDoc.start }),
    end: t.field({ type: FuzzyDateInput, required: false, description: positionFieldsDoc.end }),
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
    id: t.id({ required: true, description: 'The position.' }),
    version: t.int({
      required: true,
      description: 'The version you read; a stale one is refused with CONFLICT.',
    }),
    holderId: t.id({ required: false, description: positionFieldsDoc.holderId }),
    title: t.string({ required: false, description: positionFieldsDoc.title }),
    organisationId: t.id({ required: false, description: positionFieldsDoc.organisationId }),
    start: t.field({ type: FuzzyDateInput, required: false, description: positionFieldsDoc.start }),
    end: t.field({ type: FuzzyDateInput, required: false, description: positionFieldsDoc.end }),
    basis: t.field(updateBasisInputField),
  }),
});

builder.mutationFields((t) => ({
  createPosition: t.field({
    type: PositionPayload,
    authScopes: EDIT,
    description: 'Adds an office a person holds, with its citations.',
    args: {
      input: t.arg({ type: CreatePositionInput, required: true, description: 'The new position.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(createPositionSchema, args.input);
      return mutate(ctx, 'createPosition', args, (scope) => createPosition(scope, input));
    },
  }),
  updatePosition: t.field({
    type: PositionPayload,
    authScopes: EDIT,
    description: 'Changes a position, if nobody changed it since you read `version`.',
    args: {
      input: t.arg({ type: UpdatePositionInput, required: true, description: 'The changes.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(updatePositionSchema, args.input);
      return mutate(ctx, 'updatePosition', args, (scope) => updatePosition(scope, input));
    },
  }),
}));

softDeleteMutations({
  typename: 'Position',
  payload: PositionPayload,
  setDeleted: setPositionDeleted,
  deleteDescription:
    'Hides a position from every read (soft delete); `restorePosition` brings it back. Refused with CONFLICT ' +
    'while live remarks name it as the office the speaker spoke in.',
  restoreDescription:
    'Brings back a deleted position (refused while its holder, organisation or a cited source is deleted).',
  inputDescription: 'The position and its version.',
});
