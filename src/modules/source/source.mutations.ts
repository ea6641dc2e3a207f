// Source mutations (create, update, delete, restore) and citation mutations (add one to a claim, remove
// one from it).
import { builder } from '../../core/graphql/builder.js';
import { recordIfAny } from '../../core/graphql/record-loaders.js';
import {
  recordMutations,
  replayedField,
  resultPayload,
  writeMutation,
} from '../../core/write/mutation-support.js';
import {
  addCitation,
  AddCitationInput,
  removeCitation,
  RemoveCitationInput,
  type CitationWriteResult,
} from './citation.writes.js';
import { CreateSourceInput, sourceInput } from './source.inputs.js';
import {
  createSource,
  newSourceSchema,
  sourceDeletion,
  updateSource,
  updateSourceSchema,
} from './source.writes.js';

type CitationPayloadShape = CitationWriteResult & { replayed: boolean };

const CitationPayloadRef = builder.objectRef<CitationPayloadShape>('CitationPayload').implement({
  description: 'A citation a mutation added or removed, and the claim it backs.',
  fields: (t) => ({
    citation: t.prismaField({
      type: 'Citation',
      nullable: true,
      description: 'The citation added; null after removeCitation (the citation is gone).',
      resolve: (query, payload, _args, ctx) => recordIfAny(ctx, 'Citation', payload.citationId, query),
    }),
    claim: t.node({
      description:
        'The claim the citation backs (or backed): an Event, Participation, Agreement, AgreementParty, Remark or ' +
        'Position, with its citations as they are now.',
      id: (payload) => ({ type: payload.claimType, id: payload.claimId }),
    }),
    replayed: t.exposeBoolean('replayed', replayedField),
  }),
});

const CitationPayload = resultPayload(CitationPayloadRef);

recordMutations('Source', {
  create: {
    description:
      'Adds a source, to cite by id afterwards. A URL another source has is refused with CONFLICT.',
    input: CreateSourceInput,
    schema: newSourceSchema,
    write: (scope, input) => createSource(scope, input, 'input'),
  },
  update: { input: sourceInput, schema: updateSourceSchema, write: updateSource },
  deletion: sourceDeletion,
  deleteDescription:
    'Hides a source from every read (soft delete); `restoreSource` brings it back. Refused with CONFLICT while ' +
    'live claims cite it or live posts are embedded in it.',
  restoreDescription:
    'Brings back a deleted source (refused while the article it is embedded in is deleted).',
});

writeMutation('addCitation', {
  payload: CitationPayload,
  description: 'Adds a citation (an existing or new source, and a verbatim quote) to an existing claim.',
  input: AddCitationInput.ref,
  inputDescription: 'The claim and the citation.',
  schema: AddCitationInput.schema,
  write: addCitation,
});

writeMutation('removeCitation', {
  payload: CitationPayload,
  description:
    'Removes a citation from its claim. The last citation of a claim is refused with BAD_USER_INPUT: add ' +
    'another first, or delete the claim.',
  input: RemoveCitationInput.ref,
  inputDescription: 'The citation to remove.',
  schema: RemoveCitationInput.schema,
  write: (scope, input) => removeCitation(scope, input.citationId),
});
