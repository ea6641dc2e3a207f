// Agreement mutations: create (with parties and citations in one go), update, delete, restore, and adding
// or removing parties.
import { createInputType } from '../../core/write/input-fields.js';
import { recordMutations, writeMutation } from '../../core/write/mutation-support.js';
import {
  addAgreementParty,
  AddAgreementPartyInput,
  agreementDeletion,
  createAgreement,
  createAgreementInput,
  createAgreementSchema,
  removeAgreementParty,
  RemoveAgreementPartyInput,
  updateAgreement,
  updateAgreementInput,
  updateAgreementSchema,
} from './agreement.writes.js';

const AgreementPayload = recordMutations('Agreement', {
  create: {
    description: 'Adds an agreement with its parties, citations and any new sources.',
    input: createInputType(
      'Agreement',
      'A new agreement with its parties and citations, all written in one transaction.',
      createAgreementInput,
    ),
    schema: createAgreementSchema,
    write: createAgreement,
  },
  update: {
    input: updateAgreementInput,
    note:
      'Parties change with addAgreementParty and removeAgreementParty, citations with addCitation and ' +
      'removeCitation.',
    schema: updateAgreementSchema,
    write: updateAgreement,
  },
  deletion: agreementDeletion,
  deleteDescription: 'Hides an agreement from every read (soft delete); `restoreAgreement` brings it back.',
  restoreDescription:
    'Brings back a deleted agreement (refused while its signing event, a party or a cited source is deleted).',
});

writeMutation('addAgreementParty', {
  payload: AgreementPayload,
  description:
    'Adds a party to an agreement, with citations; a participant already a party is refused with CONFLICT.',
  input: AddAgreementPartyInput.ref,
  inputDescription: 'The agreement, party and citations.',
  schema: AddAgreementPartyInput.schema,
  write: addAgreementParty,
});

writeMutation('removeAgreementParty', {
  payload: AgreementPayload,
  description: 'Removes a party (and its citations) from an agreement.',
  input: RemoveAgreementPartyInput.ref,
  inputDescription: 'The party to remove.',
  schema: RemoveAgreementPartyInput.schema,
  write: (scope, input) => removeAgreementParty(scope, input.agreementPartyId),
});
