// GraphQL input types for participants, shared by participant and event mutations.
import { builder } from '../../core/graphql/builder.js';
import { ParticipantKindEnum } from '../../core/graphql/enums.js';

export const CreateParticipantInput = builder.inputType('CreateParticipantInput', {
  description: 'A new person, organisation or country.',
  fields: (t) => ({
    slug: t.string({ required: false, description: 'Stable identifier; made from the name when omitted.' }),
    kind: t.field({
      type: ParticipantKindEnum,
      required: true,
      description: 'Person, organisation, country…',
    }),
    name: t.string({ required: true, description: 'Canonical name.' }),
    aliases: t.stringList({ required: false, description: 'Other names the sources use.' }),
    isoCode: t.field({
      type: 'CountryCode',
      required: false,
      description: 'For a COUNTRY (and only then): its ISO code.',
    }),
    countryId: t.id({
      required: false,
      description: 'For people and organisations: the country they belong to.',
    }),
    description: t.string({ required: false, description: 'A short description.' }),
  }),
});
