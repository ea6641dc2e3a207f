// The input fields a claim is written with besides its own: the citations that report it and the basis
// of its values, declared once (GraphQL type, description, validation) for every claim's inputs. They
// write no column of the claim: the claim's write turns them into citation and value_basis rows.
import { field } from '../../core/write/input-fields.js';
import { basesInputSchema } from './basis.js';
import { CitationInput, ValueBasisInput } from './source.inputs.js';
import { citationsSchema } from './source.writes.js';

const BASIS_RULE =
  'A date, place or signing event (startDate, endDate, placeName, placeCountry, signedDate, ' +
  'signingEvent, saidDate) with neither an entry here nor a citation that pins it (claimField and ' +
  'claimValue: the quote states it) is refused with BAD_USER_INPUT naming its input field.';

/** `basis`: on a create, the basis of the claim's values; on an update, of the values it changes. */
export const basisField = field.nullable(
  [ValueBasisInput],
  basesInputSchema,
  'How the log knows those of its values the quotes do not state: INFERRED (with the reasoning) or ' +
    `OUTSIDE_KNOWLEDGE (with what is known). ${BASIS_RULE} Other values without an entry are stated by ` +
    'the citations (those that pin their field, else all of them).',
  {
    updateDescription:
      'The basis of the values this update changes (the basis of a replaced value does not carry over), or ' +
      `a new basis for a value it keeps. ${BASIS_RULE} A changed value is pinned by the claim's existing ` +
      'citations (add one with addCitation first).',
    row: false,
  },
);

/** `citations`, at least one. */
export const citationsField = (description: string) =>
  field.required([CitationInput], citationsSchema, description, { row: false });

/** `citations` of a claim written with another, which rests on that one's when they are omitted. */
export const ownCitationsField = (description: string) =>
  field.nullable([CitationInput], citationsSchema, description, { row: false });

/** What a new claim is written with besides its own fields (in the order they are checked). */
export const claimFields = (label: string) => ({
  citations: citationsField(`The sources that report the ${label} (at least one).`),
  basis: basisField,
});
