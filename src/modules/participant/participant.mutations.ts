// Participant mutations: create, update, delete and restore people, organisations and countries.
import { EDIT } from '../../core/auth/access.js';
import { builder } from '../../core/graphql/builder.js';
import { ParticipantKindEnum } from '../../core/graphql/enums.js';
import {
  IDEMPOTENCY_KEY_ARG,
  mutate,
  replayedField,
  type WritePayload,
  softDeleteMutations,
} from '../../core/write/mutation-support.js';
import { parseInput } from '../../core/write/validation.js';
import { CreateParticipantInput } from './participant.inputs.js';
import {
  createParticipant,
  newParticipantSchema,
  setParticipantDeleted,
  updateParticipant,
  updateParticipantSchema,
} from './participant.writes.js';

const ParticipantPayload = builder.objectRef<WritePayload>('ParticipantPayload').implement({
  description: 'The participant a mutation wrote, as it is now.',
  fields: (t) => ({
    participant: t.prismaField({
      type: 'Participant',
      description: 'The participant (deleted participants are still returned here).',
      resolve: (query, payload, _args, ctx) =>
        ctx.prisma.participant.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
    replayed: t.exposeBoolean('replayed', replayedField),
  }),
});

const UpdateParticipantInput = builder.inputType('UpdateParticipantInput', {
  description:
    'Changes to a participant: only the fields given change; null clears an optional field. The result must ' +
    'still be valid: a COUNTRY has an isoCode and no country, anyone else the other way round.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The participant.' }),
    version: t.int({
      required: true,
      description: 'The version you read; a stale one is refused with CONFLICT.',
    }),
    slug: t.string({ required: false, description: 'Stable identifier, unique among participants.' }),
    kind: t.field({
      type: ParticipantKindEnum,
      required: false,
      description: 'Person, organisation, country…',
    }),
    name: t.string({ required: false, description: 'Canonical name.' }),
    aliases: t.stringList({
      required: false,
      description: 'Other names the sources use (replaces the list).',
    }),
    isoCode: t.field({
      type: 'CountryCode',
      required: false,
      description: 'For a COUNTRY (and only then): its ISO code, unique.',
    }),
    countryId: t.id({ required: false, description: 'For people and bodies: the COUNTRY they belong to.' }),
    description: t.string({ required: false, description: 'A short description.' }),
  }),
});

builder.mutationFields((t) => ({
  createParticipant: t.field({
    type: ParticipantPayload,
    authScopes: EDIT,
    description: 'Adds a person, organisation or country.',
    args: {
      input: t.arg({ type: CreateParticipantInput, required: true, description: 'The new participant.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(newParticipantSchema, args.input);
      return mutate(ctx, 'createParticipant', args, (scope) => createParticipant(scope, input, 'input'));
    },
  }),
  updateParticipant: t.field({
    type: ParticipantPayload,
    authScopes: EDIT,
    description: 'Changes a participant, if nobody changed it since you read `version`.',
    args: {
      input: t.arg({ type: UpdateParticipantInput, required: true, description: 'The changes.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(updateParticipantSchema, args.input);
      return mutate(ctx, 'updateParticipant', args, (scope) => updateParticipant(scope, input));
    },
  }),
}));

softDeleteMutations({
  typename: 'Participant',
  payload: ParticipantPayload,
  setDeleted: setParticipantDeleted,
  deleteDescription:
    'Hides a participant from every read (soft delete); `restoreParticipant` brings it back. Refused with ' +
    'CONFLICT while live records (participations, agreements, remarks, positions, members) refer to it.',
  restoreDescription: 'Brings back a deleted participant (refused while its country is deleted).',
  inputDescription: 'The participant and its version.',
});
