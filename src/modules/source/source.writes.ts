// Writing sources and citations: the provenance every claim carries.
import { liveFragment } from '../../core/db/models.js';
import { z } from 'zod';
import { apiError, ErrorCode } from '../../core/errors.js';
import { globalId, noDuplicates, optionalText, recordVersion, text } from '../../core/write/validation.js';
import { LIMITS } from '../../core/graphql/input-limits.js';
import { refuseTakenSlug, slugify, slugOfNew } from '../../core/write/slugs.js';
import { refuseTaken } from '../../core/write/unique-values.js';
import {
  existingIdsQuery,
  refuseMissing,
  requireExisting,
  type Reference,
} from '../../core/write/references.js';
import { Prisma } from '../../generated/prisma/client.js';
import { anchorColumns, anchorQuote } from './quote-anchor.js';
import type { DeletionRules } from '../../core/write/soft-delete.js';
import { loadForWrite, updateRecord } from '../../core/write/versioned.js';
import type { Tx, WriteScope } from '../../core/write/write-transaction.js';
import type { Written } from '../../core/write/mutation-support.js';
import type { PreflightLookup } from '../../core/write/preflight.js';
import { sourceInput } from './source.inputs.js';

export const newSourceSchema = z.object(sourceInput.createShape);
export type NewSource = z.output<typeof newSourceSchema>;

export const citationSchema = z
  .object({
    sourceId: globalId('Source').nullish(),
    source: newSourceSchema.nullish(),
    quote: text(LIMITS.quote.maxChars),
    claimField: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9]{0,62}$/, 'must be a field name such as signedDate')
      .nullish(),
    claimValue: optionalText(LIMITS.claimValue.maxChars),
  })
  .superRefine((c, ctx) => {
    if ((c.sourceId ? 1 : 0) + (c.source ? 1 : 0) !== 1)
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of sourceId (an existing source) or source (a new one)',
        path: ['sourceId'],
      });
    if ((c.claimField == null) !== (c.claimValue == null))
      ctx.addIssue({
        code: 'custom',
        message: 'claimField and claimValue go together',
        path: ['claimValue'],
      });
  });
export type CitationIn = z.output<typeof citationSchema>;

/** One or more citations: every claim needs at least one. */
export const citationsSchema = z
  .array(citationSchema)
  .min(1, 'every claim needs at least one citation (a source and a verbatim quote)')
  .max(LIMITS.citations.maxItems)
  .superRefine((list, ctx) =>
    noDuplicates(
      list,
      // The same quote may pin different attributes (the sentence that reports a visit also dates it).
      (c) =>
        c.sourceId ? [c.sourceId, c.quote, c.claimField ?? '', c.claimValue ?? ''].join('\u0000') : undefined,
      ctx,
      'source, quote and claim',
    ),
  );

/** What a citation is attached to: exactly one claim. */
export type CitationTarget =
  | { eventId: string }
  | { participationId: string }
  | { agreementId: string }
  | { agreementPartyId: string }
  | { remarkId: string }
  | { positionId: string };

/** One source per URL. */
const refuseTakenUrl = (
  tx: Tx,
  url: string | null | undefined,
  current: string | null | undefined,
  refusal: { field: string; message: string },
) => refuseTaken(tx, 'Source', { column: 'url', value: url, current }, refusal);

export async function createSource(scope: WriteScope, input: NewSource, field: string): Promise<string> {
  const { tx } = scope;
  await refuseTakenUrl(tx, input.url, undefined, {
    field: `${field}.url`,
    message: 'a source with this URL already exists; cite it by sourceId',
  });
  const slug = await slugOfNew(tx, 'source', input.slug, slugify(input.title), `${field}.slug`);
  if (input.embeddedInId)
    await requireExisting(tx, 'source', [{ id: input.embeddedInId, field: `${field}.embeddedInId` }]);
  const source = await tx.source.create({
    data: { ...(sourceInput.row(input) as Prisma.SourceUncheckedCreateInput), slug },
  });
  scope.audit({ action: 'CREATE', entityType: 'Source', entityId: source.id, after: source });
  return source.id;
}

/** A sub-select (kind = 'text:<id>', value = full text) of the held full texts of the sources `refs` name. */
export function sourceTextsQuery(refs: readonly Reference[]): Prisma.Sql {
  const ids = [...new Set(refs.map((r) => r.id))];
  return Prisma.sql`SELECT 'text:' || id::text AS kind, full_text AS value FROM "source" s
    WHERE id = ANY(${ids}::uuid[]) AND ${liveFragment('Source', 's')} AND full_text IS NOT NULL`;
}

/** The full texts among rows of sourceTextsQuery, by source id. */
export function sourceTextsFrom(rows: readonly { kind: string; value: string }[]): Map<string, string> {
  return new Map(rows.filter((r) => r.kind.startsWith('text:')).map((r) => [r.kind.slice(5), r.value]));
}

/**
 * Resolves the sources of a batch of citations: checks that cited ids exist and creates new sources once
 * each (two citations of the same new article, by URL, share one source). It also knows the sources'
 * full texts (read with the existence check, in the same statement), so that each quote is verified and
 * anchored in its source before it is written.
 */
export class SourceResolver {
  readonly #created = new Map<string, string>();
  /** Full text by source id; null when the source holds none. */
  readonly #texts = new Map<string, string | null>();
  constructor(private readonly scope: WriteScope) {}

  /** Records the full texts a preflight read (ids checked but absent from `texts` hold no text). */
  knowTexts(ids: readonly string[], texts: ReadonlyMap<string, string>): void {
    for (const id of ids) this.#texts.set(id, texts.get(id) ?? null);
  }

  /** The preflight lookup of the full texts of the sources `refs` cite (none when they cite none). */
  textsLookup(refs: readonly Reference[]): PreflightLookup | undefined {
    if (refs.length === 0) return undefined;
    return {
      query: sourceTextsQuery(refs),
      read: (rows) =>
        this.knowTexts(
          refs.map((r) => r.id),
          sourceTextsFrom(rows),
        ),
    };
  }

  async checkExisting(citations: { citation: CitationIn; field: string }[]): Promise<void> {
    const refs: Reference[] = citations.flatMap(({ citation, field }) =>
      citation.sourceId ? [{ id: citation.sourceId, field: `${field}.sourceId` }] : [],
    );
    if (refs.length === 0) return;
    const rows = await this.scope.tx.$queryRaw<{ kind: string; value: string }[]>`
      (${existingIdsQuery('source', refs)}) UNION ALL (${sourceTextsQuery(refs)})`;
    refuseMissing({ source: refs }, rows);
    this.knowTexts(
      refs.map((r) => r.id),
      sourceTextsFrom(rows),
    );
  }

  async sourceIdFor(citation: CitationIn, field: string): Promise<string> {
    if (citation.sourceId) return citation.sourceId;
    const source = citation.source!;
    const key = source.url ?? source.slug ?? `${source.title}\u0000${field}`;
    const known = this.#created.get(key);
    if (known) return known;
    const id = await createSource(this.scope, source, `${field}.source`);
    this.#created.set(key, id);
    this.#texts.set(id, source.fullText ?? null);
    return id;
  }

  /**
   * The anchor columns of a citation of `sourceId`: where its quote occurs in the source's full text
   * (all null when the source holds none: unverified). A quote that does not occur is BAD_USER_INPUT
   * naming `${field}.quote`.
   */
  async anchorFor(sourceId: string, quote: string, field: string) {
    if (!this.#texts.has(sourceId)) {
      const row = await this.scope.tx.source.findUnique({
        where: { id: sourceId },
        select: { fullText: true },
      });
      this.#texts.set(sourceId, row?.fullText ?? null);
    }
    const text = this.#texts.get(sourceId);
    if (text == null) return anchorColumns(null);
    const anchor = anchorQuote(text, quote);
    if (!anchor) throw quoteNotInSource(`${field}.quote`);
    return anchorColumns(anchor);
  }
}

export function quoteNotInSource(field: string) {
  return apiError(
    ErrorCode.BAD_USER_INPUT,
    `${field}: the quote does not occur in the source's full text (quotes must be verbatim; only ` +
      'whitespace, typographic quotes and dashes may differ)',
    { field },
  );
}

export async function writeCitations(
  scope: WriteScope,
  sources: SourceResolver,
  target: CitationTarget,
  citations: readonly CitationIn[],
  field: string,
): Promise<void> {
  const data = [];
  for (const [index, citation] of citations.entries()) {
    const sourceId = await sources.sourceIdFor(citation, `${field}.${index}`);
    data.push({
      ...target,
      sourceId,
      quote: citation.quote,
      claimField: citation.claimField ?? null,
      claimValue: citation.claimValue ?? null,
      ...(await sources.anchorFor(sourceId, citation.quote, `${field}.${index}`)),
    });
  }
  // One INSERT … RETURNING for the lot.
  const rows = await scope.tx.citation.createManyAndReturn({ data });
  for (const row of rows)
    scope.audit({ action: 'CREATE', entityType: 'Citation', entityId: row.id, after: row });
}

export const updateSourceSchema = recordVersion('Source').extend(sourceInput.updateShape);
export type UpdateSourceIn = z.output<typeof updateSourceSchema>;

/** A post is embedded in an article, not in itself, and not (through others) in a post embedded in it. */
async function refuseEmbeddingCycle(tx: Tx, id: string, embeddedInId: string): Promise<void> {
  const seen = new Set<string>();
  for (let at: string | null = embeddedInId; at && !seen.has(at);) {
    if (at === id)
      throw apiError(ErrorCode.BAD_USER_INPUT, 'input.embeddedInId: a source cannot be embedded in itself', {
        field: 'input.embeddedInId',
      });
    seen.add(at);
    const row: { embeddedInId: string | null } | null = await tx.source.findUnique({
      where: { id: at },
      select: { embeddedInId: true },
    });
    at = row?.embeddedInId ?? null;
  }
}

export async function updateSource(scope: WriteScope, input: UpdateSourceIn): Promise<Written> {
  const { tx } = scope;
  const before = await loadForWrite(tx, 'Source', input.id, input.version);
  if (input.embeddedInId) {
    await requireExisting(tx, 'source', [{ id: input.embeddedInId, field: 'input.embeddedInId' }]);
    await refuseEmbeddingCycle(tx, before.id, input.embeddedInId);
  }
  await refuseTakenSlug(tx, 'source', input.slug, before.slug);
  await refuseTakenUrl(tx, input.url, before.url, {
    field: 'input.url',
    message: 'another source has this URL',
  });
  const after = await updateRecord(scope, 'Source', before, sourceInput.row(input));
  if (input.fullText !== undefined && input.fullText !== before.fullText)
    await reanchorCitations(tx, after.id, after.fullText);
  return { id: after.id, row: after };
}

/**
 * Anchors every citation of a source again in its new full text (or marks them unverified when the text
 * is removed). A new text that no longer contains a quote cited from it is refused, naming input.fullText.
 */
async function reanchorCitations(tx: Tx, sourceId: string, text: string | null): Promise<void> {
  const citations = await tx.citation.findMany({
    where: { sourceId },
    select: { id: true, quote: true },
    orderBy: { id: 'asc' },
  });
  const rows = citations.map((c) => {
    const anchor = text == null ? null : anchorQuote(text, c.quote);
    if (text != null && !anchor)
      throw apiError(
        ErrorCode.BAD_USER_INPUT,
        `input.fullText: the new text no longer contains the quote "${c.quote.slice(0, 80)}" of citation ` +
          `${c.id}; fix the text, or the citation first`,
        { field: 'input.fullText' },
      );
    return { id: c.id, ...anchorColumns(anchor) };
  });
  for (const { id, ...columns } of rows) await tx.citation.update({ where: { id }, data: columns });
}

/**
 * A source that live claims still cite, or that live posts are embedded in, cannot be deleted: the claims
 * would be left quoting a source nobody can read. It comes back only with the article it is embedded in.
 */
export const sourceDeletion: DeletionRules<'Source'> = {
  dependents: [
    { model: 'Citation', by: 'sourceId', singular: 'citation' },
    { model: 'Source', by: 'embeddedInId', singular: 'source embedded in it' },
  ],
  restoreLinks: (_tx, source) => [{ table: 'source', id: source.embeddedInId, what: 'embedding article' }],
};

export type { Tx };
