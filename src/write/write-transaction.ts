// Every write goes through `runWrite`: one transaction that does the work, appends its audit entries,
// announces its changes (NOTIFY, delivered at commit) and records its idempotency key — so that all of
// it happens, or none of it does.
import { createHash } from 'node:crypto';
import type { AuditAction } from '../generated/prisma/enums.js';
import { Prisma } from '../generated/prisma/client.js';
import type { RequestContext } from '../graphql/context.js';
import { apiError, ErrorCode } from '../errors.js';
import { announceChange, type EventChange } from '../live/change-feed.js';
import { databaseWriteError } from './write-errors.js';

export type Tx = Prisma.TransactionClient;
type JsonObject = { [key: string]: Prisma.InputJsonValue | null };

export interface AuditRecord {
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

export interface WriteScope {
  readonly tx: Tx;
  /** Appends an audit entry (written with the rest of the transaction). */
  audit(record: AuditRecord): void;
  /** Tells subscribers about a change to an event once the transaction commits. */
  announce(change: EventChange): void;
}

export interface WriteSpec {
  /** The mutation's name, as recorded in the audit log. */
  operation: string;
  /** The mutation's arguments (what an idempotent retry must repeat exactly). */
  args: unknown;
  idempotencyKey?: string | null | undefined;
  /** How long the transaction may run (default 20 s); bulk imports need longer. */
  timeoutMs?: number;
}

export interface WriteOutcome<R> {
  result: R;
  /** True when an earlier request with the same idempotency key already did this write. */
  replayed: boolean;
}

/** A record as JSON (dates as ISO strings), for audit snapshots. */
export const snapshot = (row: object | null | undefined): Prisma.InputJsonValue | typeof Prisma.DbNull =>
  row ? (JSON.parse(JSON.stringify(row)) as Prisma.InputJsonValue) : Prisma.DbNull;

/** Stable JSON (sorted keys), so that the same arguments always hash the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

function validIdempotencyKey(key: string): string {
  if (key.length < 1 || key.length > 255 || /[\u0000-\u001f]/.test(key))
    throw apiError(ErrorCode.BAD_USER_INPUT, 'idempotencyKey must be 1 to 255 printable characters', {
      field: 'idempotencyKey',
    });
  return key;
}

export async function runWrite<R extends JsonObject>(
  ctx: Pick<RequestContext, 'prisma' | 'viewer' | 'requestId'>,
  spec: WriteSpec,
  work: (scope: WriteScope) => Promise<R>,
): Promise<WriteOutcome<R>> {
  const viewer = ctx.viewer;
  // The field's auth scope has already refused anonymous callers; this keeps the types honest.
  if (viewer.kind !== 'apiKey')
    throw apiError(ErrorCode.UNAUTHENTICATED, `${spec.operation} needs an API key`);
  const key = spec.idempotencyKey == null ? null : validIdempotencyKey(spec.idempotencyKey);
  const requestHash = createHash('sha256')
    .update(canonicalJson([spec.operation, spec.args]))
    .digest('hex');

  try {
    return await ctx.prisma.$transaction(
      async (tx) => {
        if (key !== null) {
          // Serialises retries of the same key: the second waits for the first to commit, then replays it.
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${viewer.keyId + ':' + key}, 0))`;
          const earlier = await tx.idempotencyRecord.findUnique({
            where: { apiKeyId_key: { apiKeyId: viewer.keyId, key } },
          });
          if (earlier) {
            if (earlier.operation !== spec.operation || earlier.requestHash !== requestHash)
              throw apiError(
                ErrorCode.CONFLICT,
                'This idempotency key was already used for a different request; use a new key for a new write',
                { field: 'idempotencyKey' },
              );
            return { result: earlier.result as R, replayed: true };
          }
        }

        const audits: AuditRecord[] = [];
        const changes: EventChange[] = [];
        const result = await work({
          tx,
          audit: (record) => void audits.push(record),
          announce: (change) => void changes.push(change),
        });

        await tx.auditEntry.createMany({
          data: audits.map((a) => ({
            apiKeyId: viewer.keyId,
            operation: spec.operation,
            action: a.action,
            entityType: a.entityType,
            entityId: a.entityId,
            before: snapshot(a.before),
            after: snapshot(a.after),
            requestId: ctx.requestId ?? null,
          })),
        });
        for (const change of dedupeChanges(changes)) await announceChange(tx, change);
        if (key !== null) {
          await tx.idempotencyRecord.create({
            data: { apiKeyId: viewer.keyId, key, operation: spec.operation, requestHash, result },
          });
        }
        return { result, replayed: false };
      },
      { maxWait: 5_000, timeout: spec.timeoutMs ?? 20_000 },
    );
  } catch (error) {
    throw databaseWriteError(error) ?? error;
  }
}

/** One notification per event and transaction: the most telling operation wins (CREATED over UPDATED). */
function dedupeChanges(changes: EventChange[]): EventChange[] {
  const rank = { CREATED: 3, DELETED: 2, RESTORED: 2, UPDATED: 1 } as const;
  const byEvent = new Map<string, EventChange>();
  for (const change of changes) {
    const seen = byEvent.get(change.eventId);
    if (!seen || rank[change.operation] > rank[seen.operation]) byEvent.set(change.eventId, change);
  }
  return [...byEvent.values()];
}
