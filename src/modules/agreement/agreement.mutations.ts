// Agreement mutations: create (with parties and citations in one go), update, delete, restore, and adding
// or removing parties.
import { EDIT } from '../../core/auth/access.js';
import { builder } from '../../core/graphql/builder.js';
import { AgreementKindEnum, AgreementStatusEnum, AgreementSubjectEnum } from '../../core/graphql/enums.js';
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
  addAgreementParty,
  addAgreementPartySchema,
  createAgreement,
  createAgreementSchema,
  removeAgreementParty,
  removeAgreementPartySchema,
  setAgreementDeleted,
  updateAgreement,
  updateAgreementSchema,
} from './agreement.writes.js';

const AgreementPayload = builder.objectRef<WritePayload>('AgreementPayload').implement({
  description: 'The agreement a mutation wrote, as it is now.',
  fields: (t) => ({
    agreement: t.prismaField({
      type: 'Agreement',
      description: 'The agreement (deleted agreements are still returned here).',
      resolve: (query, payload, _args, ctx) =>
        ctx.prisma.agreement.findUniqueOrThrow({ ...query, where: { id: payload.id } }),
    }),
    replayed: t.exposeBoolean('replayed', replayedField),
  }),
});

const agreementFieldsDoc = {
  slug: 'Stable identifier, unique among agreements; made from the title when omitted.',
  title: 'Title.',
  kind: 'Its legal form.',
  subjects: 'What it is about (replaces the list on update).',
  status: 'Where it stands.',
  signed: 'When it was signed, as precisely as the sources say.',
  signingEventId: 'The event at which it was signed.',
  summary: 'What it provides, in brief.',
};

const AgreementPartyInput = builder.inputType('AgreementPartyInput', {
  description: 'A party to a new agreement.',
  fields: (t) => ({
    participantId: t.id({ required: true, description: 'The party (a country or one of its bodies).' }),
    basis: t.field(basisInputField),
    citations: t.field({
      type: [CitationInput],
      required: false,
      description: 'Sources naming this party; when omitted, the agreement’s citations support it too.',
    }),
  }),
});

const CreateAgreementInput = builder.inputType('CreateAgreementInput', {
  description: 'A new agreement with its parties and citations, all written in one transaction.',
  fields: (t) => ({
    slug: t.string({ required: false, description: agreementFieldsDoc.slug }),
    title: t.string({ required: true, description: agreementFieldsDoc.title }),
    kind: t.field({ type: AgreementKindEnum, required: true, description: agreementFieldsDoc.kind }),
    subjects: t.field({
      type: [AgreementSubjectEnum],
      required: false,
      description: agreementFieldsDoc.subjects,
    }),
    status: t.field({ type: AgreementStatusEnum, required: true, description: agreementFieldsDoc.status }),
    signed: t.field({ type: FuzzyDateInput, required: false, description: agreementFieldsDoc.signed }),
    signingEventId: t.id({ required: false, description: agreementFieldsDoc.signingEventId }),
    summary: t.string({ required: false, description: agreementFieldsDoc.summary }),
    parties: t.field({
      type: [AgreementPartyInput],
      required: false,
      description: 'The parties, each once.',
    }),
    basis: t.field(basisInputField),
    citations: t.field({
      type: [CitationInput],
      required: true,
      description: 'The sources that report the agreement (at least one).',
    }),
  }),
});

const UpdateAgreementInput = builder.inputType('UpdateAgreementInput', {
  description:
    'Changes to an agreement: only the fields given change; null clears an optional field. Parties change with ' +
    'addAgreementParty and removeAgreementParty, citations with addCitation and removeCitation.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The agreement.' }),
    version: t.int({
      required: true,
      description: 'The version you read; a stale one is refused with CONFLICT.',
    }),
    slug: t.string({ required: false, description: agreementFieldsDoc.slug }),
    title: t.string({ required: false, description: agreementFieldsDoc.title }),
    kind: t.field({ type: AgreementKindEnum, required: false, description: agreementFieldsDoc.kind }),
    subjects: t.field({
      type: [AgreementSubjectEnum],
      required: false,
      description: agreementFieldsDoc.subjects,
    }),
    status: t.field({ type: AgreementStatusEnum, required: false, description: agreementFieldsDoc.status }),
    signed: t.field({ type: FuzzyDateInput, required: false, description: agreementFieldsDoc.signed }),
    signingEventId: t.id({ required: false, description: agreementFieldsDoc.signingEventId }),
    summary: t.string({ required: false, description: agreementFieldsDoc.summary }),
    basis: t.field(updateBasisInputField),
  }),
});

const AddAgreementPartyInput = builder.inputType('AddAgreementPartyInput', {
  description: 'Adds a party to an agreement, with the sources that name it.',
  fields: (t) => ({
    agreementId: t.id({ required: true, description: 'The agreement.' }),
    participantId: t.id({
      required: true,
      description: 'The new party (a participant not yet a party to it).',
    }),
    citations: t.field({ type: [CitationInput], required: true, description: 'At least one citation.' }),
    basis: t.field(basisInputField),
  }),
});

const RemoveAgreementPartyInput = builder.inputType('RemoveAgreementPartyInput', {
  description: 'Removes one party (and its citations) from an agreement.',
  fields: (t) => ({
    agreementPartyId: t.id({ required: true, description: 'The party (Agreement.parties.id).' }),
  }),
});

builder.mutationFields((t) => ({
  createAgreement: t.field({
    type: AgreementPayload,
    authScopes: EDIT,
    description: 'Adds an agreement with its parties, citations and any new sources.',
    args: {
      input: t.arg({ type: CreateAgreementInput, required: true, description: 'The new agreement.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(createAgreementSchema, args.input);
      return mutate(ctx, 'createAgreement', args, (scope) => createAgreement(scope, input));
    },
  }),
  updateAgreement: t.field({
    type: AgreementPayload,
    authScopes: EDIT,
    description: 'Changes an agreement, if nobody changed it since you read `version`.',
    args: {
      input: t.arg({ type: UpdateAgreementInput, required: true, description: 'The changes.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(updateAgreementSchema, args.input);
      return mutate(ctx, 'updateAgreement', args, (scope) => updateAgreement(scope, input));
    },
  }),
  addAgreementParty: t.field({
    type: AgreementPayload,
    authScopes: EDIT,
    description:
      'Adds a party to an agreement, with citations; a participant already a party is refused with CONFLICT.',
    args: {
      input: t.arg({
        type: AddAgreementPartyInput,
        required: true,
        description: 'The agreement, party and citations.',
      }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(addAgreementPartySchema, args.input);
      return mutate(ctx, 'addAgreementParty', args, (scope) => addAgreementParty(scope, input));
    },
  }),
  removeAgreementParty: t.field({
    type: AgreementPayload,
    authScopes: EDIT,
    description: 'Removes a party (and its citations) from an agreement.',
    args: {
      input: t.arg({ type: RemoveAgreementPartyInput, required: true, description: 'The party to remove.' }),
      idempotencyKey: t.arg.string(IDEMPOTENCY_KEY_ARG),
    },
    resolve: (_root, args, ctx) => {
      const input = parseInput(removeAgreementPartySchema, args.input);
      return mutate(ctx, 'removeAgreementParty', args, (scope) =>
        removeAgreementParty(scope, input.agreementPartyId),
      );
    },
  }),
}));

softDeleteMutations({
  typename: 'Agreement',
  payload: AgreementPayload,
  setDeleted: setAgreementDeleted,
  deleteDescription: 'Hides an agreement from every read (soft delete); `restoreAgreement` brings it back.',
  restoreDescription:
    'Brings back a deleted agreement (refused while its signing event, a party or a cited source is deleted).',
  inputDescription: 'The agreement and its version.',
});
