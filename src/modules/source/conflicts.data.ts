// Claims the sources disagree on. A citation may pin one attribute of its claim (claimField/claimValue);
// when citations pin the same attribute of the same claim to different values, that is a conflict, and
// the log keeps every side with its source rather than picking one silently.
import DataLoader from 'dataloader';
import type { Citation, PrismaClient, Source } from '../../generated/prisma/client.js';
import type { Loaders } from '../../core/graphql/loaders.js';
import { CLAIM_MODELS, MODELS, type ClaimField, type ClaimKind } from '../../core/db/models.js';
import { citationOfLiveClaim } from './live-citations.js';
import { basisOfSide, type ValueBasisView } from './basis.js';
import { heldValuesById, type BasisClaimType } from './claim-values.js';

type CitationWithSource = Citation & { source: Source };

export type { ClaimKind };

export interface ConflictingClaim {
  value: string;
  citations: CitationWithSource[];
  /** How the log knows this side's value (stated by its quotes, or inferred from them, …). */
  basis?: ValueBasisView;
  /** True for the value the claim holds. */
  held?: boolean;
}

export interface Conflict {
  claimKind: ClaimKind;
  claimId: string;
  field: string;
  claims: ConflictingClaim[];
}

const TARGETS: [ClaimKind, ClaimField][] = CLAIM_MODELS.map((m) => [
  MODELS[m].claim.kind,
  MODELS[m].claim.field,
]);

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
  const conflicts = [...groups.values()].filter((g) => g.claims.length > 1);
  await attachBases(prisma, conflicts);
  return conflicts;
}

const BASIS_TYPE = Object.fromEntries(CLAIM_MODELS.map((m) => [MODELS[m].claim.kind, m])) as Record<
  ClaimKind,
  BasisClaimType
>;

/**
 * Each side's basis: its recorded basis, else stated by the quotes that give it. One statement for the
 * recorded bases and one per kind of claim disputed, at once.
 */
async function attachBases(prisma: PrismaClient, conflicts: Conflict[]): Promise<void> {
  if (conflicts.length === 0) return;
  const ids = [...new Set(conflicts.map((c) => c.claimId))];
  const idsByType = new Map<BasisClaimType, Set<string>>();
  for (const { claimKind, claimId } of conflicts) {
    const type = BASIS_TYPE[claimKind];
    idsByType.set(type, (idsByType.get(type) ?? new Set()).add(claimId));
  }
  const [rows, ...held] = await Promise.all([
    prisma.valueBasis.findMany({ where: { OR: TARGETS.map(([, column]) => ({ [column]: { in: ids } })) } }),
    ...[...idsByType].map(([type, claimIds]) => heldValuesById(prisma, type, [...claimIds])),
  ]);
  const heldValues = new Map(held.flatMap((byId) => [...byId]));
  for (const conflict of conflicts) {
    const value = heldValues.get(conflict.claimId)?.[conflict.field];
    const mine = rows.filter((r) => Object.values(r).includes(conflict.claimId));
    for (const side of conflict.claims) {
      side.held = side.value === value;
      side.basis = basisOfSide(conflict.field, side.value, value ?? null, mine, side.citations);
    }
  }
}

/** The request's loader of the conflicts on claims, by claim id: one query for a whole list of claims. */
export function conflictsByTarget(ctx: {
  prisma: PrismaClient;
  loaders: Loaders;
}): DataLoader<string, Conflict[]> {
  return ctx.loaders.named(
    'conflictsByTarget',
    () =>
      new DataLoader<string, Conflict[]>(async (ids) => {
        const conflicts = await findConflicts(ctx.prisma, ids);
        return ids.map((id) => conflicts.filter((c) => c.claimId === id));
      }),
  );
}
