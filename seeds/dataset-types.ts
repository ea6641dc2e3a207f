// The shape of a hand-curated seed dataset. Entries refer to each other by `key`, which becomes the
// row's slug (and, through a UUID v5, its id, so that seeding twice gives the same rows).
import type {
  AgreementKind,
  AgreementStatus,
  AgreementSubject,
  DatePrecision,
  EventKind,
  ParticipantKind,
  ParticipationRole,
  PloverCategory,
  SourceKind,
} from '../src/generated/prisma/enums.js';

/** A date as precise as the source makes it: "in April 2021" is { date: '2021-04-01', precision: 'MONTH' }. */
export interface SeedDate {
  /** ISO date, YYYY-MM-DD; the first day of the period for MONTH and YEAR precision, the bound for ON_OR_BEFORE. */
  date: string;
  precision: DatePrecision;
}

/** A source and the verbatim quote from its text that supports a claim. */
export interface SeedCitation {
  /** Key of a SeedSource. */
  source: string;
  /** Copied character for character from the source's text (curly quotes and all). */
  quote: string;
  /** When the citation pins one attribute of its claim (e.g. 'signedDate'), the attribute's name… */
  claimField?: string;
  /** …and the value this source gives it (e.g. '2021-11-23'). Two sources giving different values = a conflict. */
  claimValue?: string;
}

/**
 * How the log knows a value the citations do not simply state (see src/modules/source/basis.ts). A value with
 * no SeedBasis is STATED: by a citation that pins its field with this value, else by the claim's
 * citations as a whole; tests/seed-basis.test.ts holds the seed to that.
 */
export interface SeedBasis {
  /** The attribute: startDate, endDate, placeName, placeCountry, kind, role, signedDate, … */
  field: string;
  basis: 'STATED' | 'INFERRED' | 'OUTSIDE_KNOWLEDGE';
  /** The reasoning of an inference, or what outside knowledge says. */
  note?: string;
  reference?: string;
  /** Only for another value a source gives (a conflict side), as its claimValue. */
  value?: string;
}

export interface SeedSource {
  key: string;
  kind: SourceKind;
  title: string;
  publisher?: string;
  authors: string[];
  url?: string;
  published?: SeedDate;
  /** File under seeds/ holding the full text, copied unchanged. */
  textFile?: string;
  /** The full text when there is no file (e.g. a post as embedded in an article). */
  fullText?: string;
  attributions: string[];
  /** Key of the article this post is embedded in. */
  embeddedIn?: string;
}

export interface SeedPosition {
  title: string;
  /** Key of the organisation participant. */
  organisation?: string;
  start?: SeedDate;
  end?: SeedDate;
  basis?: SeedBasis[];
  citations: SeedCitation[];
}

export interface SeedParticipant {
  key: string;
  kind: ParticipantKind;
  name: string;
  aliases?: string[];
  /** ISO 3166-1 alpha-2, for countries only. */
  isoCode?: string;
  /** Key of the country participant this person or body belongs to. */
  country?: string;
  description?: string;
  positions?: SeedPosition[];
}

export interface SeedParticipation {
  /** Key of the participant. */
  participant: string;
  role: ParticipationRole;
  basis?: SeedBasis[];
  citations: SeedCitation[];
}

export interface SeedEvent {
  key: string;
  kind: EventKind;
  title: string;
  summary: string;
  start: SeedDate;
  end?: SeedDate;
  placeName?: string;
  /** Key of the country participant where it took place. */
  placeCountry?: string;
  /** A CAMEO 1.1b3 code (a row of cameo_code). */
  cameoCode?: string;
  ploverCategory?: PloverCategory;
  /** One of the category's PLOVER modes (a row of plover_mode). */
  ploverMode?: string;
  /** PLOVER contexts (rows of plover_context). */
  ploverContexts?: string[];
  /** Why this CAMEO code and PLOVER coding were chosen. */
  codingNote?: string;
  participants: SeedParticipation[];
  basis?: SeedBasis[];
  citations: SeedCitation[];
}

export interface SeedAgreementParty {
  participant: string;
  basis?: SeedBasis[];
  citations: SeedCitation[];
}

export interface SeedAgreement {
  key: string;
  title: string;
  kind: AgreementKind;
  subjects: AgreementSubject[];
  status: AgreementStatus;
  signed?: SeedDate;
  /** Key of the event at which it was signed. */
  signingEvent?: string;
  summary?: string;
  parties: SeedAgreementParty[];
  basis?: SeedBasis[];
  citations: SeedCitation[];
}

export interface SeedRemark {
  key: string;
  /** Key of the participant who spoke. */
  speaker: string;
  /** Title of one of the speaker's positions, when the source says in which capacity they spoke. */
  speakerPosition?: string;
  content: string;
  isDirectQuote: boolean;
  said?: SeedDate;
  audience?: string;
  /** Key of the participant spoken to. */
  addressee?: string;
  /** Key of the event at which it was said. */
  event?: string;
  /** ISO country codes or region names the remark is about ('CN', 'Indo-Pacific', 'South China Sea'). */
  topics: string[];
  basis?: SeedBasis[];
  citations: SeedCitation[];
}

export interface SeedDataset {
  sources: SeedSource[];
  participants: SeedParticipant[];
  events: SeedEvent[];
  agreements: SeedAgreement[];
  remarks: SeedRemark[];
}
