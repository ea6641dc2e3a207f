// How the synthetic dataset is distributed: kinds of events and how often, their CAMEO/PLOVER coding
// (as the seed codes such events), the directed roles of their two main participants, date precisions,
// participants per event, and the kinds of sources and agreements. Weights are relative.
import type {
  AgreementKind,
  AgreementStatus,
  DatePrecision,
  EventKind,
  ParticipationRole,
  PloverCategory,
  SourceKind,
} from '../../src/generated/prisma/enums.js';
import { weightedTable, type WeightedTable } from './prng.js';

export const EVENT_KINDS: WeightedTable<EventKind> = weightedTable<EventKind>([
  ['MEETING', 22],
  ['VISIT', 12],
  ['TALKS', 10],
  ['STATEMENT', 10],
  ['COURTESY_CALL', 8],
  ['SPEECH', 8],
  ['PRESS_REMARKS', 8],
  ['SIGNING', 6],
  ['EXERCISE', 5],
  ['PORT_CALL', 5],
  ['CEREMONY', 4],
  ['OTHER', 2],
]);

/** CAMEO code and PLOVER category per kind, as the seed codes them. */
export const CODING: Record<EventKind, [string | null, PloverCategory | null]> = {
  MEETING: ['040', 'CONSULT'],
  VISIT: ['042', 'CONSULT'],
  COURTESY_CALL: ['042', 'CONSULT'],
  TALKS: ['046', 'CONSULT'],
  SIGNING: ['057', 'AGREE'],
  SPEECH: ['030', 'AGREE'],
  PRESS_REMARKS: ['010', null],
  STATEMENT: ['010', null],
  EXERCISE: ['150', 'MOBILIZE'],
  CEREMONY: ['043', 'CONSULT'],
  PORT_CALL: ['042', 'CONSULT'],
  OTHER: [null, null],
};

/** The directed roles of the two main participants (a from the first side, b from the other). */
export const CORE_ROLES: Record<EventKind, [ParticipationRole, ParticipationRole]> = {
  MEETING: ['VISITOR', 'HOST'],
  VISIT: ['VISITOR', 'HOST'],
  COURTESY_CALL: ['VISITOR', 'HOST'],
  TALKS: ['VISITOR', 'HOST'],
  PORT_CALL: ['VISITOR', 'HOST'],
  SIGNING: ['SIGNATORY', 'SIGNATORY'],
  SPEECH: ['SPEAKER', 'AUDIENCE'],
  PRESS_REMARKS: ['SPEAKER', 'SUBJECT'],
  STATEMENT: ['SPEAKER', 'SUBJECT'],
  EXERCISE: ['ATTENDEE', 'ORGANISER'],
  CEREMONY: ['GUEST', 'HOST'],
  OTHER: ['ATTENDEE', 'ATTENDEE'],
};

export const PRECISIONS: WeightedTable<DatePrecision> = weightedTable<DatePrecision>([
  ['DAY', 85],
  ['MONTH', 10],
  ['YEAR', 5],
]);
export const PARTICIPANT_COUNTS = weightedTable([
  [2, 30],
  [3, 30],
  [4, 20],
  [5, 12],
  [6, 8],
]);
export const SOURCE_KINDS = weightedTable<SourceKind>([
  ['NEWS_ARTICLE', 80],
  ['SOCIAL_POST', 8],
  ['OFFICIAL_STATEMENT', 5],
  ['PRESS_RELEASE', 4],
  ['WIRE_REPORT', 3],
]);
export const AGREEMENT_KINDS = weightedTable<AgreementKind>([
  ['MEMORANDUM', 40],
  ['AGREEMENT', 30],
  ['ARRANGEMENT', 15],
  ['JOINT_STATEMENT', 10],
  ['TREATY', 5],
]);
export const SIGNED_STATUSES = weightedTable<AgreementStatus>([
  ['SIGNED', 40],
  ['IN_FORCE', 40],
  ['EXPIRED', 10],
  ['SUSPENDED', 5],
  ['TERMINATED', 5],
]);
export const KIND_WORDS: Record<AgreementKind, string> = {
  MEMORANDUM: 'memorandum',
  AGREEMENT: 'agreement',
  ARRANGEMENT: 'arrangement',
  JOINT_STATEMENT: 'joint statement',
  TREATY: 'treaty',
};
