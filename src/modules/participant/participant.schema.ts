// Participants (people, organisations, countries), the positions people hold, and their participations.
import { liveWhere } from '../../core/db/models.js';
import { escapeLike } from '../../core/db/like-pattern.js';
import { READ } from '../../core/auth/access.js';
import { builder } from '../../core/graphql/builder.js';
import { rootRecordPage, relatedRecordPage, recordBySlug } from '../../core/graphql/record-fields.js';
import { recordNode } from '../../core/graphql/record-node.js';
import { ParticipantKindEnum, ParticipationRoleEnum } from '../../core/graphql/enums.js';
import { FuzzyDateInput } from '../../core/graphql/fuzzy-date.js';
import { fuzzyDateField } from '../../core/graphql/fuzzy-date-field.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { dateColumns, field, recordInput } from '../../core/write/input-fields.js';
import { fuzzyDate, globalId, text } from '../../core/write/validation.js';
import { notFound } from '../../core/errors.js';
import type { Prisma } from '../../generated/prisma/client.js';

export const ParticipantRef = recordNode('Participant', (t) => ({
  kind: t.expose('kind', { type: ParticipantKindEnum }),
  name: t.exposeString('name'),
  aliases: t.exposeStringList('aliases'),
  isoCode: t.expose('isoCode', { type: 'CountryCode', nullable: true }),
  description: t.exposeString('description', { nullable: true }),
  country: t.relation('country', { nullable: true }),
  members: t.relatedConnection('members', {
    ...relatedRecordPage,
    query: { where: liveWhere.Participant, orderBy: [{ name: 'asc' }, { id: 'asc' }] },
  }),
  positions: t.relation('positions', {
    query: {
      where: liveWhere.Position,
      orderBy: [{ startDate: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
    },
  }),
  participations: t.relatedConnection('participations', {
    ...relatedRecordPage,
    args: {
      roles: t.arg({ type: [ParticipationRoleEnum], required: false, description: 'Only these roles.' }),
    },
    query: (args) => ({
      where: {
        ...(args.roles?.length ? { role: { in: args.roles } } : {}),
        ...liveWhere.Participation,
      } satisfies Prisma.ParticipationWhereInput,
      orderBy: [{ event: { startDate: 'desc' as const } }, { id: 'desc' as const }],
    }),
  }),
  agreements: t.relation('agreementsAsParty', {
    query: { where: liveWhere.AgreementParty, orderBy: { id: 'asc' } },
  }),
  remarks: t.relatedConnection('remarks', {
    ...relatedRecordPage,
    query: {
      where: liveWhere.Remark,
      orderBy: [{ saidDate: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
    },
  }),
}));

/** A position's own fields as writes take them: create and update inputs, validation, row. */
export const positionInput = recordInput('Position', {
  holderId: field.required('ID', globalId('Participant'), 'The PERSON who holds the office.'),
  title: field.required('String', text(LIMITS.positionTitle.maxChars)),
  organisationId: field.nullable(
    'ID',
    globalId('Participant'),
    'The body the office belongs to (an organisation, unit or country).',
  ),
  start: field.nullable(FuzzyDateInput, fuzzyDate, 'Since when, as precisely as the sources say.', {
    row: dateColumns('start'),
  }),
  end: field.nullable(FuzzyDateInput, fuzzyDate, 'Until when, if it has ended.', {
    row: dateColumns('end'),
  }),
});

recordNode('Position', (t) => ({
  title: t.exposeString('title'),
  holder: t.relation('holder'),
  organisation: t.relation('organisation', { nullable: true }),
  start: t.field(fuzzyDateField('start', 'Since when, if known.')),
  end: t.field(fuzzyDateField('end', 'Until when, if it has ended and that is known.')),
}));

recordNode('Participation', (t) => ({
  role: t.expose('role', { type: ParticipationRoleEnum }),
  participant: t.relation('participant'),
  event: t.relation('event'),
}));

export const ParticipantFilter = builder.inputType('ParticipantFilter', {
  description: 'Narrows a list of participants.',
  fields: (t) => ({
    kinds: t.field({ type: [ParticipantKindEnum], required: false, description: 'Only these kinds.' }),
    country: t.field({
      type: 'CountryCode',
      required: false,
      description: 'Only people and bodies of this country.',
    }),
    name: t.string({ required: false, description: 'Name or alias contains this text (case-insensitive).' }),
  }),
});

function participantWhere(
  filter: typeof ParticipantFilter.$inferInput | null | undefined,
): Prisma.ParticipantWhereInput {
  const and: Prisma.ParticipantWhereInput[] = [liveWhere.Participant];
  if (filter?.kinds?.length) and.push({ kind: { in: filter.kinds } });
  if (filter?.country) and.push({ country: { isoCode: filter.country } });
  if (filter?.name) {
    and.push({
      OR: [
        { name: { contains: escapeLike(filter.name), mode: 'insensitive' } },
        { aliases: { has: filter.name } },
      ],
    });
  }
  return { AND: and };
}

builder.queryFields((t) => ({
  participants: t.prismaConnection(
    {
      ...rootRecordPage,
      type: 'Participant',
      description: 'People, organisations and countries, by name.',
      args: {
        filter: t.arg({ type: ParticipantFilter, required: false, description: 'Conditions to meet.' }),
      },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.participant.findMany({
          ...query,
          where: participantWhere(args.filter),
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        }),
      totalCount: (_root, args, ctx) =>
        ctx.prisma.participant.count({ where: participantWhere(args.filter) }),
    },
    { description: 'A page of participants.' },
    { description: 'A participant and its cursor.' },
  ),
  participant: t.prismaField(recordBySlug('Participant')),
  country: t.prismaField({
    authScopes: READ,
    type: 'Participant',
    nullable: true,
    description: 'A country by ISO 3166 code; NOT_FOUND when the log has no such country.',
    args: { isoCode: t.arg({ type: 'CountryCode', required: true, description: 'e.g. JP, VN.' }) },
    resolve: async (query, _root, { isoCode }, ctx) => {
      const found = await ctx.prisma.participant.findFirst({
        ...query,
        where: { isoCode, ...liveWhere.Participant },
      });
      if (!found) throw notFound('country', isoCode);
      return found;
    },
  }),
}));
