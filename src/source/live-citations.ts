// Which citations reads may show: those whose claim is live. A citation of a soft-deleted remark (or of
// a party to a deleted agreement…) would otherwise lead a reader to the deleted record through its
// `remark`, `agreement`… field.
import type { Prisma } from '../generated/prisma/client.js';

/**
 * A row tied to one claim (a citation, a value's basis) whose claim is neither deleted nor part of a
 * deleted record: both tables name their claim through the same six relations.
 */
export const ofLiveClaim = {
  OR: [
    { event: { deletedAt: null } },
    { participation: { event: { deletedAt: null } } },
    { agreement: { deletedAt: null } },
    { agreementParty: { agreement: { deletedAt: null } } },
    { remark: { deletedAt: null } },
    { position: { deletedAt: null } },
  ],
} satisfies Prisma.CitationWhereInput & Prisma.ValueBasisWhereInput;

/** Citations whose claim is neither deleted nor part of a deleted record. */
export const citationOfLiveClaim: Prisma.CitationWhereInput = ofLiveClaim;

/** The same rule in SQL, for a citation aliased `c` (hand-written queries such as search). */
export const CITATION_OF_LIVE_CLAIM_SQL = `(
  EXISTS (SELECT 1 FROM event e WHERE e.id = c.event_id AND e.deleted_at IS NULL)
  OR EXISTS (SELECT 1 FROM participation pa JOIN event e ON e.id = pa.event_id
             WHERE pa.id = c.participation_id AND e.deleted_at IS NULL)
  OR EXISTS (SELECT 1 FROM agreement a WHERE a.id = c.agreement_id AND a.deleted_at IS NULL)
  OR EXISTS (SELECT 1 FROM agreement_party ap JOIN agreement a ON a.id = ap.agreement_id
             WHERE ap.id = c.agreement_party_id AND a.deleted_at IS NULL)
  OR EXISTS (SELECT 1 FROM remark r WHERE r.id = c.remark_id AND r.deleted_at IS NULL)
  OR EXISTS (SELECT 1 FROM position po WHERE po.id = c.position_id AND po.deleted_at IS NULL)
)`;
