// Remark mutations: what participants said, each with the citations that report it.
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
  createRemark,
  createRemarkSchema,
  setRemarkDeleted,
  updateRemark,
  updateRemarkSchema,
} from './remark.writes.js';

const RemarkPayload = builder.objectRef<WritePayload>('RemarkPayload').implement({
  description: 'The remark a mutation wrote, as it is now.',
  fields: (t) => ({
    remark: t.prismaField({
      type: 'Remark',
      description: 'The remark (deleted remarks are still returned here).',
      resolve: (query, payload, _args, ctx) =>
        ctx.prisma.remark.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
    replayed: t.exposeBoolean('replayed', replayedField),
  }),
});

const remarkFieldsDoc = {
  slug: 'Stable identifier, unique among remarks; made from the speaker, words and date when omitted.',
  speakerId: 'Who said it.',
  speakerPositionId: 'The office the speaker spoke in (one of the speaker’s positions), if the source says.',
  content: 'The words: verbatim when isDirectQuote, else as the source paraphrases them.',
  isDirectQuote: 'Whether content is the speaker’s own words.',
  said: 'When it was said.',
  audience: 'Who heard it, when not a participant ("reporters").',
  addresseeId: 'The participant it was addressed to.',
  eventId: 'The event at which it was said.',
  topics: 'Countries (upper-case ISO codes) or regions ("South China Sea") it is about.',
};

const CreateRemarkInput = builder.inputType('CreateRemarkInput', {
  description: 'A new remark with the citations that report it.',
  fields: (t) => ({
    slug: t.string({ required: false, description: remarkFieldsDoc.slug }),
    speakerId: t.id({ required: true, description: remarkFieldsDoc.speakerId }),
    speakerPositionId: t.id({ required: false, description: remarkFieldsDoc.speakerPositionId }),
    content: t.string({ required: true, description: remarkFieldsDoc.content }),
    isDirectQuote: t.boolean({ required: true, description: remarkFieldsDoc.isDirectQuote }),
    said: t.field({ type: FuzzyDateInput, required: false, description: remarkFieldsDoc.said }),
    audience: t.string({ required: false, description: remarkFieldsDoc.audience }),
    addresseeId: t.id({ required: false, description: remarkFieldsDoc.addresseeId }),
    eventId: t.id({ required: false, description: remarkFieldsDoc.eventId }),
    topics: t.stringList({ required: false, description: remarkFieldsDoc.topics }),
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
    id: t.id({ required: true, description: 'The remark.' }),
    version: t.int({
      required: true,
      description: 'The version you read; a stale one is refused with CONFLICT.',
    }),
    slug: t.string({ required: false, description: remarkFieldsDoc.slug }),
    speakerId: t.id({ required: false, description: remarkFieldsDoc.speakerId }),
    speakerPositionId: t.id({ required: false, description: remarkFieldsDoc.speakerPositionId }),
    content: t.string({ required: false, description: remarkFieldsDoc.content }),
    isDirectQuote: t.boolean({ required: false, description: remarkFieldsDoc.isDirectQuote }),
    said: t.field({ type: FuzzyDateInput, required: false, description: remarkFieldsDoc.said }),
    audience: t.string({ required: false, description: remarkFieldsDoc.audience }),
    addresseeId: t.id({ required: false, description: remarkFieldsDoc.addresseeId }),
    eventId: t.id({ required: false, description: remarkFieldsDoc.eventId }),
    topics: t.stringList({ required: false, description: `${remarkFieldsDoc.topics} Replaces the list.` }),
    basis: t.field(updateBasisInputField),
  }),
});

builder.mutationFields((t) => ({
  createRemark: t.field({
    type: RemarkPayload,
    authScopes: EDIT,
    description: 'Adds what a participant said, with its citations.',
    args: {
      input: t.arg({ type: CreateRemarkInput, required: true, description: 'The new remark.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(createRemarkSchema, args.input);
      return mutate(ctx, 'createRemark', args, (scope) => createRemark(scope, input));
    },
  }),
  updateRemark: t.field({
    type: RemarkPayload,
    authScopes: EDIT,
    description: 'Changes a remark, if nobody changed it since you read `version`.',
    args: {
      input: t.arg({ type: UpdateRemarkInput, required: true, description: 'The changes.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(updateRemarkSchema, args.input);
      return mutate(ctx, 'updateRemark', args, (scope) => updateRemark(scope, input));
    },
  }),
}));

softDeleteMutations({
  typename: 'Remark',
  payload: RemarkPayload,
  setDeleted: setRemarkDeleted,
  deleteDescription: 'Hides a remark from every read (soft delete); `restoreRemark` brings it back.',
  restoreDescription:
    'Brings back a deleted remark (refused while its speaker, addressee, office, event or a cited source is deleted).',
  inputDescription: 'The remark and its version.',
});
