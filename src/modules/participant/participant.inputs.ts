// Participant input fields, and the GraphQL input for a new participant, shared by participant and event
// mutations.
import { ParticipantKindEnum } from '../../core/graphql/enums.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { createInputType, field, recordInput, textListField } from '../../core/write/input-fields.js';
import { globalId, slug, text } from '../../core/write/validation.js';
import { ParticipantKind } from '../../generated/prisma/enums.js';
import { z } from 'zod';

const isoCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as JP');

/** A participant's own fields as writes take them: create and update inputs, validation, row. */
export const participantInput = recordInput('Participant', {
  slug: field.optional('String', slug, 'Stable identifier; made from the name when omitted.', {
    updateDescription: 'Stable identifier, unique among participants.',
  }),
  kind: field.required(ParticipantKindEnum, z.enum(ParticipantKind)),
  name: field.required('String', text(LIMITS.participantName.maxChars)),
  aliases: textListField(LIMITS.aliases, 'Other names the sources use.'),
  isoCode: field.nullable('CountryCode', isoCode, 'For a COUNTRY (and only then): its ISO code.', {
    updateDescription: 'For a COUNTRY (and only then): its ISO code, unique.',
  }),
  countryId: field.nullable(
    'ID',
    globalId('Participant'),
    'For people and organisations: the country they belong to.',
    { updateDescription: 'For people and bodies: the COUNTRY they belong to.' },
  ),
  description: field.nullable('String', text(LIMITS.participantDescription.maxChars)),
});

export const CreateParticipantInput = createInputType(
  'Participant',
  'A new person, organisation or country.',
  participantInput,
);
