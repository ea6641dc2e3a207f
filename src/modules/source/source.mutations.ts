// Source mutations (create, update, delete, restore) and citation mutations (add one to a claim, remove
// one from it).
import { builder } from '../../core/graphql/builder.js';
import { versionFields } from '../../core/write/input-fields.js';
import {
  replayedField,
  softDeleteMutations,
  writeMutation,
  writePayload,
  resultPayload,
} from '../../core/write/mutation-support.js';
import {
  addCitation,
  addCitationSchema,
  removeCitation,
  removeCitationSchema,
  type CitationWriteResult,
} from './citation.writes.js';
import { CitationInput, CreateSourceInput, sourceInput } from './source.inputs.js';
import {
  createSource,
  newSourceSchema,
  setSourceDeleted,
  updateSource,
  updateSourceSchema,
} from './source.writes.js';

const SourcePayload = writePayload('Source');

type CitationPayloadShape = CitationWriteResult & { replayed: boolean };

const CitationPayloadRef = builder.objectRef<CitationPayloadShape>('CitationPayload').implement({
  description: 'A citation a mutation added or removed, and the claim it backs.',
  fields: (t) => ({
    citation: t.prismaField({
      type: 'Citation',
      nullable: true,
      description: 'The citation added; null after removeCitation (the citation is gone).',
      resolve: (query, payload, _args, ctx) =>
        payload.citationId
          ? ctx.prisma.citation.findUnique({ ...query, where: { id: payload.citationId } })
          : null,
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

const UpdateSourceInput = builder.inputType('UpdateSourceInput', {
  description: 'Changes to a source: only the fields given change; null clears an optional field.',
  fields: (t) => ({
    ...versionFields(t, 'source'),
    ...sourceInput.graphql(t, 'update'),
  }),
});

const AddCitationInput = builder.inputType('AddCitationInput', {
  description: 'A new citation for an existing claim.',
  fields: (t) => ({
    targetId: t.id({
      required: true,
      description:
        'The claim: the id of an Event, Participation, Agreement, AgreementParty, Remark or Position.',
    }),
    citation: t.field({ type: CitationInput, required: true, description: 'The source and quote.' }),
  }),
});

const RemoveCitationInput = builder.inputType('RemoveCitationInput', {
  description: 'Removes one citation from its claim; the last citation of a claim cannot be removed.',
  fields: (t) => ({
    citationId: t.id({ required: true, description: 'The citation.' }),
  }),
});

writeMutation('createSource', {
  payload: SourcePayload,
  description: 'Adds a source, to cite by id afterwards. A URL another source has is refused with CONFLICT.',
  input: CreateSourceInput,
  inputDescription: 'The new source.',
  schema: newSourceSchema,
  write: (scope, input) => createSource(scope, input, 'input'),
});

writeMutation('updateSource', {
  payload: SourcePayload,
  description: 'Changes a source, if nobody changed it since you read `version`.',
  input: UpdateSourceInput,
  inputDescription: 'The changes.',
  schema: updateSourceSchema,
  write: updateSource,
});

writeMutation('addCitation', {
  payload: CitationPayload,
  description: 'Adds a citation (an existing or new source, and a verbatim quote) to an existing claim.',
  input: AddCitationInput,
  inputDescription: 'The claim and the citation.',
  schema: addCitationSchema,
  write: addCitation,
});

writeMutation('removeCitation', {
  payload: CitationPayload,
  description:
    'Removes a citation from its claim. The last citation of a claim is refused with BAD_USER_INPUT: add ' +
    'another first, or delete the claim.',
  input: RemoveCitationInput,
  inputDescription: 'The citation to remove.',
  schema: removeCitationSchema,
  write: (scope, input) => removeCitation(scope, input.citationId),
});

softDeleteMutations({
  typename: 'Source',
  payload: SourcePayload,
  setDeleted: setSourceDeleted,
  deleteDescription:
    'Hides a source from every read (soft delete); `restoreSource` brings it back. Refused with CONFLICT while ' +
    'live claims cite it or live posts are embedded in it.',
  restoreDescription:
    'Brings back a deleted source (refused while the article it is embedded in is deleted).',
});
