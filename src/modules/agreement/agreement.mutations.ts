// Agreement mutations: create (with parties and citations in one go), update, delete, restore, and adding
// or removing parties.
import { builder } from '../../core/graphql/builder.js';
import { basisInputField, CitationInput, updateBasisInputField } from '../source/source.inputs.js';
import { versionFields } from '../../core/write/input-fields.js';
import { softDeleteMutations, writeMutation, writePayload } from '../../core/write/mutation-support.js';
import { agreementInput } from './agreement.schema.js';
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

const AgreementPayload = writePayload('Agreement');

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
    ...agreementInput.graphql(t, 'create'),
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
    ...versionFields(t, 'agreement'),
    ...agreementInput.graphql(t, 'update'),
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

writeMutation('createAgreement', {
  payload: AgreementPayload,
  description: 'Adds an agreement with its parties, citations and any new sources.',
  input: CreateAgreementInput,
  inputDescription: 'The new agreement.',
  schema: createAgreementSchema,
  write: createAgreement,
});

writeMutation('updateAgreement', {
  payload: AgreementPayload,
  description: 'Changes an agreement, if nobody changed it since you read `version`.',
  input: UpdateAgreementInput,
  inputDescription: 'The changes.',
  schema: updateAgreementSchema,
  write: updateAgreement,
});

writeMutation('addAgreementParty', {
  payload: AgreementPayload,
  description:
    'Adds a party to an agreement, with citations; a participant already a party is refused with CONFLICT.',
  input: AddAgreementPartyInput,
  inputDescription: 'The agreement, party and citations.',
  schema: addAgreementPartySchema,
  write: addAgreementParty,
});

writeMutation('removeAgreementParty', {
  payload: AgreementPayload,
  description: 'Removes a party (and its citations) from an agreement.',
  input: RemoveAgreementPartyInput,
  inputDescription: 'The party to remove.',
  schema: removeAgreementPartySchema,
  write: (scope, input) => removeAgreementParty(scope, input.agreementPartyId),
});

softDeleteMutations({
  typename: 'Agreement',
  payload: AgreementPayload,
  setDeleted: setAgreementDeleted,
  deleteDescription: 'Hides an agreement from every read (soft delete); `restoreAgreement` brings it back.',
  restoreDescription:
    'Brings back a deleted agreement (refused while its signing event, a party or a cited source is deleted).',
});
