// Sentences for the synthetic dataset: titles, summaries, remarks and the quotes citations carry. They are
// built from templates shaped like the seed's real sentences ("Kishi and his Vietnamese counterpart Phan Van
// Giang discussed regional security…"), so full-text search ranks, stems and highlights real English.
import type { EventKind, ParticipationRole } from '../../src/generated/prisma/enums.js';
import type { Prng } from './prng.js';
import { REGIONS, SAY_VERBS, TOPICS, VERB_PHRASES } from './vocabulary.js';

/** A participant as the text needs it. */
export interface Actor {
  id: string;
  name: string;
  /** Family name of a person, else the name. */
  short: string;
  kind: 'PERSON' | 'ORGANISATION' | 'COUNTRY';
  /** ISO code of the country the actor is or belongs to. */
  iso: string;
  countryName: string;
  adjective: string;
  /** Id of the position a person holds, if any (remarks name it). */
  positionId: string | null;
  positionTitle: string | null;
}

/** Topics are skewed: the first of TOPICS appear in many texts, the last in few (as in real coverage). */
export const topic = (rng: Prng) => rng.skewed(TOPICS, 2.2);
const verb = (rng: Prng) => rng.pick(VERB_PHRASES);
const say = (rng: Prng) => rng.pick(SAY_VERBS);

/** "Defense Minister Taro Yamada" when the actor holds an office, else the name. */
function styled(actor: Actor): string {
  return actor.positionTitle && actor.positionTitle.length < 40
    ? `${actor.positionTitle} ${actor.name}`
    : actor.name;
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function eventTitle(rng: Prng, kind: EventKind, a: Actor, b: Actor, place: string): string {
  const pair = `${a.countryName}–${b.countryName}`;
  switch (kind) {
    case 'MEETING':
      return rng.pick([
        `${pair} defence ministers’ meeting (${a.short}–${b.short}), ${place}`,
        `${a.name} meets ${b.name} in ${place}`,
        `${pair} talks on ${topic(rng)}`,
      ]);
    case 'VISIT':
      return rng.chance(0.5) ? `${a.name}’s visit to ${b.countryName}` : `${a.name} visits ${place}`;
    case 'COURTESY_CALL':
      return `${a.name}’s courtesy call on ${b.name}`;
    case 'TALKS':
      return rng.chance(0.5) ? `${pair} consultations on ${topic(rng)}` : `${pair} ${topic(rng)} dialogue`;
    case 'SIGNING':
      return `Signing of the ${pair} memorandum on ${topic(rng)}`;
    case 'SPEECH':
      return rng.chance(0.5)
        ? `${a.name}’s speech on ${topic(rng)} in ${place}`
        : `${a.name} delivers keynote on ${topic(rng)}`;
    case 'PRESS_REMARKS':
      return `${a.name}’s remarks to reporters on ${topic(rng)}`;
    case 'STATEMENT':
      return `${a.name} statement on ${topic(rng)}`;
    case 'EXERCISE':
      return `${pair} joint exercise on ${topic(rng)} near ${place}`;
    case 'CEREMONY':
      return rng.chance(0.5) ? `Guard of honour for ${b.name} in ${place}` : `Handover ceremony in ${place}`;
    case 'PORT_CALL':
      return `${a.adjective} vessels’ port call at ${place}`;
    case 'OTHER':
      return `${pair} ${topic(rng)} event in ${place}`;
  }
}

export function eventSummary(rng: Prng, a: Actor, b: Actor, place: string): string {
  const did = rng.pick(['discussed', 'held talks on', 'reviewed', 'exchanged views on', 'focused on']);
  return (
    `${a.name} and ${b.name} ${did} ${topic(rng)} and ${topic(rng)} in ${place}, ` +
    `and agreed to ${verb(rng)} ${topic(rng)}.`
  );
}

/** What a source says about the event as a whole. */
export function eventQuote(rng: Prng, a: Actor, b: Actor, place: string): string {
  switch (rng.int(0, 3)) {
    case 0:
      return (
        `${styled(a)} and his ${b.adjective} counterpart ${b.name} discussed ${topic(rng)} in ${place}, ` +
        `confirming the countries’ cooperation on ${topic(rng)}.`
      );
    case 1:
      return `The two sides agreed to ${verb(rng)} ${topic(rng)}, according to ${a.adjective} officials.`;
    case 2:
      return `${a.short} ${say(rng)} that ${a.countryName} and ${b.countryName} would ${verb(rng)} ${topic(rng)}.`;
    default:
      return `The meeting took place in ${place}, where ${a.short} and ${b.short} also touched on ${topic(rng)}.`;
  }
}

/** What a source says about one participant's part in the event. */
export function participationQuote(rng: Prng, p: Actor, role: ParticipationRole, place: string): string {
  switch (role) {
    case 'HOST':
      return `${styled(p)} hosted the talks in ${place}`;
    case 'VISITOR':
      return `${styled(p)} arrived in ${place} for a ${rng.int(2, 5)}-day visit`;
    case 'GUEST':
      return `${p.name} was received with a military guard of honour`;
    case 'SIGNATORY':
      return `${p.name} signed the document on ${topic(rng)}`;
    case 'SPEAKER':
      return `${styled(p)} ${say(rng)} on ${topic(rng)}`;
    case 'AUDIENCE':
      return `speaking to ${p.name}`;
    case 'SUBJECT':
      return `seemingly referring to ${p.name}’s activities in the ${rng.pick(REGIONS)}`;
    case 'ORGANISER':
      return `the exercise, organised by ${p.name}`;
    case 'ATTENDEE':
      return `${p.name} also attended`;
  }
}

/** A remark's words: the speaker's own when direct, else the source's paraphrase. */
export function remarkContent(rng: Prng, speaker: Actor, other: Actor, direct: boolean): string {
  if (direct) {
    return rng.pick([
      `We will ${verb(rng)} ${topic(rng)} with ${other.countryName}.`,
      `Our cooperation on ${topic(rng)} must aim for further heights.`,
      `${speaker.countryName} and ${other.countryName} share the same destiny in ${rng.pick(REGIONS)}.`,
    ]);
  }
  return rng.pick([
    `${speaker.countryName} would ${verb(rng)} ${topic(rng)} with ${other.countryName}`,
    `agreed to oppose any unilateral attempts to change the status quo by coercion in the ${rng.pick(REGIONS)}`,
    `called for a boost in ${topic(rng)} based on the rule of law`,
  ]);
}

export function remarkQuote(rng: Prng, speaker: Actor, content: string, direct: boolean): string {
  return direct
    ? `“${content}” ${speaker.name} ${say(rng)}.`
    : `${styled(speaker)} ${say(rng)} that ${content}.`;
}

export function sourceTitle(rng: Prng, a: string, b: string, place: string): string {
  return rng.pick([
    `${a}, ${b} agree to ${verb(rng)} ${topic(rng)}`,
    `${a} and ${b} sign a deal on ${topic(rng)}`,
    `Defence chiefs meet in ${place}, vow to ${verb(rng)} ${topic(rng)}`,
    `${a} to help ${b} with ${topic(rng)}`,
  ]);
}

export function sourceText(rng: Prng, a: string, b: string, place: string): string {
  return (
    `${a} and ${b} agreed to ${verb(rng)} ${topic(rng)} at talks in ${place}. ` +
    `Officials also discussed ${topic(rng)} and ${topic(rng)}, and reaffirmed the importance of ${topic(rng)}. ` +
    `Details of ${topic(rng)} are still being discussed.`
  );
}
