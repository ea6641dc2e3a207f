// Claims the sources disagree on. A citation may pin one attribute of its claim (claimField/claimValue);
// when citations pin the same attribute of the same claim to different values, that is a conflict, and
// the log keeps every side with its source rather than picking one silently.
import type { Citation, PrismaClient, Source } from '../generated/prisma/client.js';
import { citationOfLiveClaim } from './live-citations.js';

type CitationWithSource = Citation & { source: Source };

export type ClaimKind = 'EVENT' | 'PARTICIPATION' | 'AGREEMENT' | 'AGREEMENT_PARTY' | 'REMARK' | 'POSITION';

export interface ConflictingClaim {
  value: string;
  citations: CitationWithSource[];
}

export interface Conflict {
  claimKind: ClaimKind;
  claimId: string;
  field: string;
  claims: ConflictingClaim[];
}

const TARGETS: [ClaimKind, keyof Citation][] = [
  ['EVENT', 'eventId'],
  ['PARTICIPATION', 'participationId'],
  ['AGREEMENT', 'agreementId'],
  ['AGREEMENT_PARTY', 'agreementPartyId'],
  ['REMARK', 'remarkId'],
  ['POSITION', 'positionId'],
];

function targetOf(c: Citation): [ClaimKind, string] {
  for (const [kind, column] of TARGETS) {
    const id = c[column];
    if (typeof id === 'string') return [kind, id];
  }
  throw new Error(`citation ${c.id} supports nothing`); // impossible: a check constraint forbids it
}

/** Conflicts among the given claims (by id), or among all claims when `claimIds` is omitted. */
export async function findConflicts(prisma: PrismaClient, claimIds?: readonly string[]): Promise<Conflict[]> {
  const pinned = await prisma.citation.findMany({
    where: {
      claimField: { not: null },
      // Deleted claims (and anything of theirs) have no conflicts to show.
      AND: [
        citationOfLiveClaim,
        ...(claimIds ? [{ OR: TARGETS.map(([, column]) => ({ [column]: { in: [...claimIds] } })) }] : []),
      ],
    },
    include: { source: true },
    orderBy: [{ claimValue: 'asc' }, { id: 'asc' }],
  });
  const groups = new Map<string, Conflict>();
  for (const citation of pinned) {
    const [claimKind, claimId] = targetOf(citation);
    const key = `${claimId}:${citation.claimField}`;
    const group = groups.get(key) ?? { claimKind, claimId, field: citation.claimField!, claims: [] };
    groups.set(key, group);
    const side = group.claims.find((c) => c.value === citation.claimValue);
    if (side) side.citations.push(citation);
    else group.claims.push({ value: citation.claimValue!, citations: [citation] });
  }
  return [...groups.values()].filter((g) => g.claims.length > 1);
}
