// Writing participants: people, organisations and countries.
import { z } from 'zod';
import { ParticipantKind } from '../generated/prisma/enums.js';
import { apiError, ErrorCode } from '../errors.js';
import { globalId, optionalText, slug, text } from '../write/validation.js';
import { freeSlug, slugify } from '../write/slugs.js';
import { requireExisting } from '../write/references.js';
import type { WriteScope } from '../write/write-transaction.js';

const isoCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as JP');

export const participantFields = {
  slug: slug.optional(),
  kind: z.enum(ParticipantKind),
  name: text(200),
  aliases: z.array(text(200)).max(30).optional(),
  isoCode: isoCode.nullish(),
  countryId: globalId('Participant').nullish(),
  description: optionalText(5000),
};

/** Countries have an ISO code and belong to no country; everyone else the other way round. */
export function checkCountryRules(
  p: { kind?: ParticipantKind | undefined; isoCode?: string | null | undefined; countryId?: string | null | undefined },
  ctx: z.RefinementCtx,
) {
  if (p.kind === undefined) return;
  const isCountry = p.kind === 'COUNTRY';
  if (isCountry && !p.isoCode) ctx.addIssue({ code: 'custom', message: 'a COUNTRY needs its isoCode', path: ['isoCode'] });
  if (!isCountry && p.isoCode) ctx.addIssue({ code: 'custom', message: 'only a COUNTRY has an isoCode', path: ['isoCode'] });
  if (isCountry && p.countryId) ctx.addIssue({ code: 'custom', message: 'a COUNTRY belongs to no country', path: ['countryId'] });
}

export const newParticipantSchema = z.object(participantFields).superRefine(checkCountryRules);
export type NewParticipant = z.output<typeof newParticipantSchema>;

export async function createParticipant(scope: WriteScope, input: NewParticipant, field: string): Promise<string> {
  const { tx } = scope;
  if (input.slug && (await tx.participant.findUnique({ where: { slug: input.slug }, select: { id: true } })))
    throw apiError(ErrorCode.CONFLICT, `${field}.slug: another participant has this slug`, { field: `${field}.slug` });
  if (input.isoCode && (await tx.participant.findUnique({ where: { isoCode: input.isoCode }, select: { id: true } })))
    throw apiError(ErrorCode.CONFLICT, `${field}.isoCode: this country already exists`, { field: `${field}.isoCode` });
  if (input.countryId) await requireExisting(tx, 'participant', [{ id: input.countryId, field: `${field}.countryId` }]);
  const participant = await tx.participant.create({
    data: {
      slug: input.slug ?? (await freeSlug(tx, 'participant', slugify(input.name))),
      kind: input.kind,
      name: input.name,
      aliases: input.aliases ?? [],
      isoCode: input.isoCode ?? null,
      countryId: input.countryId ?? null,
      description: input.description ?? null,
    },
  });
  scope.audit({ action: 'CREATE', entityType: 'Participant', entityId: participant.id, after: participant });
  return participant.id;
}
