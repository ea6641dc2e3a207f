// Which citations reads may show: those whose claim is live. A citation of a soft-deleted remark (or of
// a party to a deleted agreement…) would otherwise lead a reader to the deleted record through its
// `remark`, `agreement`… field. The rule itself is the registry's (db/models.ts).
import type { Prisma } from '../../generated/prisma/client.js';
import { ofLiveClaim, ofLiveClaimSql } from '../../core/db/models.js';

export { ofLiveClaim };

/** Citations whose claim is neither deleted nor part of a deleted record. */
export const citationOfLiveClaim: Prisma.CitationWhereInput = ofLiveClaim;

/** The same rule in SQL, for a citation aliased `c` (hand-written queries such as search). */
export const CITATION_OF_LIVE_CLAIM_SQL = ofLiveClaimSql('c');
