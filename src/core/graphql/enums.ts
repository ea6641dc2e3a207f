// GraphQL enums, each value described for the docs: those of Prisma enums mirror them value for value
// (`describedEnum`); the others are their values' names (`namedEnum`).
import * as prismaEnums from '../../generated/prisma/enums.js';
import type { EnumRef, SchemaTypes } from '@pothos/core';
import { builder } from './builder.js';

type Described<E extends Record<string, string>> = { [K in keyof E]: string };

/** The GraphQL enum of the Prisma enum `name`, under the same name, with a description per value. */
export function describedEnum<N extends keyof typeof prismaEnums, E extends (typeof prismaEnums)[N]>(
  name: N,
  description: string,
  values: Described<E>,
) {
  const source: E = prismaEnums[name] as E;
  const config = {
    description,
    values: Object.fromEntries(
      Object.keys(source).map((key) => [
        key,
        { value: source[key as keyof E], description: values[key as keyof E] },
      ]),
    ),
  };
  // The generic signature defeats Pothos' overload inference; the cast restores the value type.
  return builder.enumType(name, config as never) as unknown as EnumRef<SchemaTypes, E[keyof E], E[keyof E]>;
}

export const DatePrecisionEnum = describedEnum('DatePrecision', 'How precisely a date is known.', {
  DAY: 'Known to the day.',
  MONTH: 'Known to the month ("in April 2021"); the date is the first of that month.',
  YEAR: 'Known to the year ("in 2021"); the date is 1 January of that year.',
  ON_OR_BEFORE:
    'Not known, only bound: it was on or before the date (the sources say "has held talks" in an article of that day). There is no earliest date; EDTF "[..2021-11-24]".',
});

export const EventKindEnum = describedEnum('EventKind', 'What kind of thing happened.', {
  MEETING: 'Two or more parties met (e.g. a defence ministers’ meeting).',
  VISIT: 'An official visit by one party to another (one event, with a VISITOR and a HOST).',
  SIGNING: 'An agreement or memorandum was signed.',
  SPEECH: 'A speech or keynote address.',
  STATEMENT: 'A public statement by a party.',
  COURTESY_CALL: 'A courtesy call on a head of state or government.',
  PRESS_REMARKS: 'Remarks to reporters or the media.',
  EXERCISE: 'A military exercise.',
  TALKS: 'Talks or consultations on a subject.',
  CEREMONY: 'A ceremony (e.g. a guard of honour).',
  PORT_CALL: 'A port call by vessels or aircraft.',
  OTHER: 'Anything else.',
});

export const PloverCategoryEnum = describedEnum(
  'PloverCategory',
  'PLOVER event categories (the successor ontology of CAMEO), for joining with POLECAT data. `ploverCategories` describes each, with its modes.',
  {
    AGREE: 'Agree to, offer or promise cooperation, including promises to sign or ratify agreements.',
    CONSULT: 'Meet, visit, discuss or negotiate.',
    SUPPORT: 'Express support, praise or endorsement; sign, ratify or finalise an agreement.',
    CONCEDE: 'Concede verbally: promised concessions, declared ceasefires, expressions of regret.',
    COOPERATE: 'Cooperate materially: economic, military, judicial or intelligence exchange.',
    AID: 'Provide aid.',
    RETREAT: 'Concede materially: release, return, withdraw, disarm or de-escalate.',
    REQUEST: 'Demand or order something (DEMAND in the PLOVER manual drafts).',
    ACCUSE: 'Accuse, criticise, denounce or investigate.',
    REJECT: 'Reject or refuse.',
    THREATEN: 'Threaten.',
    PROTEST: 'Protest or demonstrate.',
    SANCTION: 'Impose sanctions or cut ties.',
    MOBILIZE: 'Mobilise or increase military readiness.',
    COERCE: 'Coerce, seize or restrict.',
    ASSAULT: 'Use unconventional violence.',
  },
);

export const ParticipantKindEnum = describedEnum('ParticipantKind', 'What kind of actor.', {
  PERSON: 'A person.',
  ORGANISATION: 'A ministry, agency, alliance or other organisation.',
  COUNTRY: 'A country (carries an ISO 3166 code).',
  MILITARY_UNIT: 'An armed force or military unit.',
});

export const ParticipationRoleEnum = describedEnum(
  'ParticipationRole',
  'The directed part a participant plays in an event.',
  {
    HOST: 'Receives the other party.',
    VISITOR: 'Travels to the host.',
    GUEST: 'Invited guest.',
    SIGNATORY: 'Signs an agreement.',
    SPEAKER: 'Speaks or makes the statement.',
    AUDIENCE: 'Is spoken to.',
    SUBJECT: 'Is spoken about or acted upon.',
    ATTENDEE: 'Takes part without a more specific role.',
    ORGANISER: 'Organises the event.',
  },
);

export const AgreementKindEnum = describedEnum('AgreementKind', 'The legal form of an agreement.', {
  TREATY: 'A treaty.',
  AGREEMENT: 'An agreement.',
  MEMORANDUM: 'A memorandum (of understanding or cooperation).',
  ARRANGEMENT: 'An arrangement.',
  JOINT_STATEMENT: 'A joint statement or declaration.',
});

export const AgreementStatusEnum = describedEnum('AgreementStatus', 'Where an agreement stands.', {
  UNDER_NEGOTIATION: 'Being negotiated.',
  SIGNED: 'Signed.',
  IN_FORCE: 'In force.',
  SUSPENDED: 'Suspended.',
  EXPIRED: 'Expired.',
  TERMINATED: 'Terminated.',
});

export const AgreementSubjectEnum = describedEnum('AgreementSubject', 'What an agreement is about.', {
  DEFENCE_EQUIPMENT_TRANSFER: 'Transfer of defence equipment and technology.',
  CYBERSECURITY: 'Cybersecurity and cyber defence.',
  MILITARY_MEDICINE: 'Military medicine.',
  MARITIME_SECURITY: 'Maritime security.',
  PEACEKEEPING: 'Peacekeeping operations.',
  TRAINING: 'Training and education.',
  INTELLIGENCE: 'Intelligence sharing.',
  GENERAL_DEFENCE_COOPERATION: 'Defence cooperation in general.',
});

export const SourceKindEnum = describedEnum('SourceKind', 'What kind of source.', {
  NEWS_ARTICLE: 'A news article.',
  SOCIAL_POST: 'A social-media post.',
  OFFICIAL_STATEMENT: 'An official statement.',
  PRESS_RELEASE: 'A press release.',
  WIRE_REPORT: 'A news-agency wire report.',
  OTHER: 'Anything else.',
});

/** A GraphQL enum whose values are their own names (`values`: each one's description). */
export function namedEnum<V extends string>(name: string, description: string, values: Record<V, string>) {
  const config = {
    description,
    values: Object.fromEntries(Object.entries(values).map(([key, about]) => [key, { description: about }])),
  };
  return builder.enumType(name, config as never) as unknown as EnumRef<SchemaTypes, V, V>;
}

export const SortDirectionEnum = namedEnum('SortDirection', 'Sort order.', {
  ASC: 'Oldest or smallest first.',
  DESC: 'Newest or largest first.',
});
