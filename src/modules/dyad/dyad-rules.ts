// Directed dyads: who acted on whom in an event (actor 1 → actor 2), derived from the directed roles of
// its participations. This table is the one place the rule lives; the SQL of dyadEvents, Event.dyads and
// the exports' actor columns is generated from it, and `dyadRules` serves it to clients.
//
// Conventions (after PLOVER and CAMEO): the visitor is the source and the host the recipient ("In events
// where one side is hosting and one is visiting, the visitor will always be coded as the source actor",
// PLOVER manual); a speaker acts on whom it addresses or talks about; signatories, and attendees of
// talks between equals, act on each other (mutual: both directions). HOST, AUDIENCE and SUBJECT are only
// ever recipients. A participant is never paired with itself.
import { Prisma } from '../../generated/prisma/client.js';
import type { ParticipationRole } from '../../generated/prisma/enums.js';

/** The directed roles a rule pairs, which every dyad it yields carries too. */
export interface DyadRoles {
  /** The role of actor 1 (the source). */
  actor1Role: ParticipationRole;
  /** The role of actor 2 (the recipient). */
  actor2Role: ParticipationRole;
  /** Both participants act on each other: the rule yields A → B and B → A. */
  mutual: boolean;
}

export interface DyadRule extends DyadRoles {
  why: string;
}

/** In order of precedence: the export's actor1/actor2 columns show an event's first dyad by this order. */
export const DYAD_RULES: readonly DyadRule[] = [
  {
    actor1Role: 'VISITOR',
    actor2Role: 'HOST',
    mutual: false,
    why: 'The visitor travels to and acts on the host (CAMEO 042; PLOVER codes the visitor as source).',
  },
  {
    actor1Role: 'SIGNATORY',
    actor2Role: 'SIGNATORY',
    mutual: true,
    why: 'Each signatory commits to the others (CAMEO 057).',
  },
  {
    actor1Role: 'SPEAKER',
    actor2Role: 'AUDIENCE',
    mutual: false,
    why: 'The speaker addresses the audience.',
  },
  {
    actor1Role: 'SPEAKER',
    actor2Role: 'SUBJECT',
    mutual: false,
    why: 'The speaker talks about (praises, criticises, warns) the subject.',
  },
  {
    actor1Role: 'SPEAKER',
    actor2Role: 'HOST',
    mutual: false,
    why: 'A speech given at a host’s venue or invitation is addressed to the host.',
  },
  {
    actor1Role: 'GUEST',
    actor2Role: 'HOST',
    mutual: false,
    why: 'A guest is received by the host, as a visitor is.',
  },
  {
    actor1Role: 'ORGANISER',
    actor2Role: 'GUEST',
    mutual: false,
    why: 'The organiser invites or receives the guest (an invitation is the organiser’s act).',
  },
  {
    actor1Role: 'ORGANISER',
    actor2Role: 'ATTENDEE',
    mutual: false,
    why: 'The organiser runs what the attendees take part in.',
  },
  {
    actor1Role: 'ATTENDEE',
    actor2Role: 'ATTENDEE',
    mutual: true,
    why: 'Attendees of talks or cooperation between equals act on each other.',
  },
];

/**
 * The rules as an SQL relation `rule(actor1_role, actor2_role, mutual, priority)`. A mutual rule between
 * two different roles is listed both ways; between the same role, the join yields both directions.
 */
export function dyadRulesSql(): Prisma.Sql {
  const rows: Prisma.Sql[] = [];
  DYAD_RULES.forEach((rule, priority) => {
    rows.push(
      Prisma.sql`(${rule.actor1Role}::text, ${rule.actor2Role}::text, ${rule.mutual}::boolean, ${priority}::int)`,
    );
    if (rule.mutual && rule.actor1Role !== rule.actor2Role)
      rows.push(Prisma.sql`(${rule.actor2Role}::text, ${rule.actor1Role}::text, true, ${priority}::int)`);
  });
  return Prisma.sql`rule (actor1_role, actor2_role, mutual, priority) AS (VALUES ${Prisma.join(rows)})`;
}

/** Role precedence for an event's first actor when it has no dyad (its most active participant). */
export const ACTOR_ROLE_ORDER: readonly ParticipationRole[] = [
  'VISITOR',
  'SIGNATORY',
  'SPEAKER',
  'ORGANISER',
  'GUEST',
  'ATTENDEE',
  'HOST',
  'AUDIENCE',
  'SUBJECT',
];
