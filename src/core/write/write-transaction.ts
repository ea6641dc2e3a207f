// Every write goes through `runWrite`: one transaction that does the work, appends its audit entries,
// announces its changes (NOTIFY, delivered at commit) and records its idempotency key — so that all of
// it happens, or none of it does.
import { ARGUMENT_LIMITS } from '../graphql/input-limits.js';
import { createHash } from 'node:crypto';
import type { AuditAction } from '../../generated/prisma/enums.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { RequestContext } from '../graphql/context.js';
import { apiError, ErrorCode } from '../errors.js';
import { CHANGES_CHANNEL, type EventChange } from '../live/change-feed.js';
import { databaseRefusal } from '../errors.js';

export type Tx = Prisma.TransactionClient;
type JsonObject = { [key: string]: Prisma.InputJsonValue | null };

export interface AuditRecord {
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** The record as it was and is: stored as JSON (dates as ISO strings). */
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
  if (key.length < 1 || key.length > ARGUMENT_LIMITS.idempotencyKey.maxChars || /[\u0000-\u001f]/.test(key))
    throw apiError(
      ErrorCode.BAD_USER_INPUT,
      `idempotencyKey must be 1 to ${ARGUMENT_LIMITS.idempotencyKey.maxChars} printable characters`,
      {
        field: 'idempotencyKey',
      },
    );
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
  const claim: KeyClaim | null =
    key === null ? null : { apiKeyId: viewer.keyId, key, operation: spec.operation, requestHash };

  try {
    return await ctx.prisma.$transaction(
      async (tx) => {
        if (claim) {
          const earlier = await claimKey(tx, claim);
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
        await finishWrite(tx, {
          apiKeyId: viewer.keyId,
          operation: spec.operation,
          requestId: ctx.requestId ?? null,
          audits,
          changes: dedupeChanges(changes),
          claim,
          result,
        });
        return { result, replayed: false };
      },
      { maxWait: 5_000, timeout: spec.timeoutMs ?? 20_000 },
    );
  } catch (error) {
    throw databaseRefusal(error) ?? error;
  }
}

interface KeyClaim {
  apiKeyId: string;
  key: string;
  operation: string;
  requestHash: string;
}

/**
 * Claims an idempotency key for this transaction; returns the earlier request's record if another
 * transaction already holds the key. The claim is the record itself, inserted now with a placeholder
 * result (finishWrite fills it in) and visible to nobody else until commit. While another transaction
 * holds an uncommitted claim on the same key, PostgreSQL makes this INSERT wait for it: if that one
 * commits, ON CONFLICT DO NOTHING inserts nothing and the SELECT that follows (a new statement, hence
 * a new snapshot under READ COMMITTED) reads its record to replay; if it rolls back, the claim
 * succeeds. So a new key costs one statement, a replay two, and retries of one key are serialised.
 * (An advisory lock plus a lookup in the same statement would not do: the lookup's snapshot would
 * predate the wait and miss the record that the wait was for.)
 */
async function claimKey(tx: Tx, claim: KeyClaim) {
  for (let attempt = 1; ; attempt++) {
    const claimed = await tx.$queryRaw<unknown[]>`
      INSERT INTO idempotency_record (api_key_id, key, operation, request_hash, result)
      VALUES (${claim.apiKeyId}::uuid, ${claim.key}, ${claim.operation}, ${claim.requestHash}, 'null'::jsonb)
      ON CONFLICT DO NOTHING
      RETURNING 1 AS claimed`;
    if (claimed.length > 0) return null;
    const earlier = await tx.idempotencyRecord.findUnique({
      where: { apiKeyId_key: { apiKeyId: claim.apiKeyId, key: claim.key } },
      select: { operation: true, requestHash: true, result: true },
    });
    if (earlier) return earlier;
    // Records are never deleted while their key exists, so this is a race with something unforeseen.
    if (attempt === 3) throw new Error('idempotency key neither claimable nor claimed');
  }
}

/** Audit entries per statement: bounds the JSON parameter of a bulk import's audit trail. */
const AUDIT_CHUNK = 2_000;

/**
 * Ends a write in one statement (a bulk import's audit trail in several): appends the audit entries,
 * records the idempotency key's result and announces the changes. pg_notify queues the notification
 * until COMMIT, so subscribers hear of the change only if (and once) it is committed.
 */
async function finishWrite(
  tx: Tx,
  w: {
    apiKeyId: string;
    operation: string;
    requestId: string | null;
    audits: AuditRecord[];
    changes: EventChange[];
    claim: KeyClaim | null;
    result: JsonObject;
  },
): Promise<void> {
  const entries = w.audits.map((a) => ({
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId,
    // Absent keys become SQL NULL (a JSON null would be stored as the JSON value null).
    ...(a.before ? { before: a.before } : {}),
    ...(a.after ? { after: a.after } : {}),
  }));
  // The application's clock, as for every other row's created_at (Prisma sets those client-side).
  const occurredAt = new Date();
  const insertAudits = (chunk: typeof entries) => Prisma.sql`
    INSERT INTO audit_entry (occurred_at, api_key_id, operation, action, entity_type, entity_id, before, after, request_id)
    SELECT ${occurredAt}::timestamptz, ${w.apiKeyId}::uuid, ${w.operation}, (e->>'action')::"AuditAction", e->>'entityType',
           (e->>'entityId')::uuid, e->'before', e->'after', ${w.requestId}
    FROM jsonb_array_elements(${JSON.stringify(chunk)}::jsonb) WITH ORDINALITY AS x(e, n)
    ORDER BY n`;
  let last = entries;
  while (last.length > AUDIT_CHUNK) {
    await tx.$executeRaw(insertAudits(last.slice(0, AUDIT_CHUNK)));
    last = last.slice(AUDIT_CHUNK);
  }
  if (last.length === 0 && w.changes.length === 0 && !w.claim) return;

  const parts: Prisma.Sql[] = [];
  if (last.length > 0) parts.push(Prisma.sql`audit AS (${insertAudits(last)})`);
  if (w.claim)
    parts.push(Prisma.sql`record AS (
      UPDATE idempotency_record SET result = ${JSON.stringify(w.result)}::jsonb
      WHERE api_key_id = ${w.claim.apiKeyId}::uuid AND key = ${w.claim.key})`);
  const payloads = JSON.stringify(w.changes.map((change) => JSON.stringify(change)));
  // Data-modifying WITH clauses run to completion whether or not the main query reads them.
  await tx.$executeRaw`
    ${parts.length > 0 ? Prisma.sql`WITH ${Prisma.join(parts, ', ')}` : Prisma.empty}
    SELECT pg_notify(${CHANGES_CHANNEL}, payload) FROM jsonb_array_elements_text(${payloads}::jsonb) AS payload`;
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
