// Every input's size bound, declared once. A list argument or input field holds at most `maxItems`
// values; a text value (String, ID, URL, dates, codes) at most `maxChars` characters. A default per kind
// covers every input; the entries below name the inputs whose real values need another bound, by schema
// coordinate (`Type.field` for an input field, `Type.field(arg)` for an argument).
//
// Three things read this one declaration: the operation check that refuses an oversized value before any
// resolver runs (src/core/server/input-guards.ts), the schema descriptions (src/schema.ts appends the
// bound to each input's description), and the writes' zod schemas and the export's query parameters,
// which take their numbers from the same entries (`LIMITS.sourceFullText.maxChars`). A test checks that
// every coordinate below exists and that every list and text input in the schema has a bound.
import { MAX_GLOBAL_ID_LENGTH } from './global-id.js';
import { MAX_CURSOR_LENGTH } from './cursors.js';

export interface InputBound {
  /** Most values in a list (for a list input). */
  maxItems?: number;
  /** Most characters in one text value (for a list input: in each item). */
  maxChars?: number;
  /** For ID inputs: a global id (the default) or a bare UUID (API keys). */
  idFormat?: 'globalId' | 'uuid';
}

/** Most values in any list input without an entry below. */
export const DEFAULT_MAX_ITEMS = 100;

/** Most characters of a text value without an entry below, by scalar. */
export const DEFAULT_MAX_CHARS: Readonly<Record<string, number>> = {
  String: 1000,
  ID: MAX_GLOBAL_ID_LENGTH,
  URL: 2048,
  Date: 10,
  DateTime: 40,
  CountryCode: 2,
};
/** A text scalar not listed above (a custom scalar added later) gets this. */
export const FALLBACK_MAX_CHARS = 1000;

/** Scalars whose values are not text (no character bound). */
export const NON_TEXT_SCALARS: ReadonlySet<string> = new Set(['Int', 'Float', 'Boolean']);

/** `after`/`before` of every connection. */
export const CURSOR_BOUND: InputBound = { maxChars: MAX_CURSOR_LENGTH };

interface Entry extends InputBound {
  at: readonly string[];
}
const entry = <B extends InputBound>(bound: B, ...at: string[]) => ({ ...bound, at }) as B & Entry;

/** Named bounds: the writes' zod schemas and the export use these numbers too. */
export const LIMITS = {
  slug: entry(
    { maxChars: 120 },
    'CreateAgreementInput.slug',
    'UpdateAgreementInput.slug',
    'CreateEventInput.slug',
    'UpdateEventInput.slug',
    'CreateParticipantInput.slug',
    'UpdateParticipantInput.slug',
    'CreateRemarkInput.slug',
    'UpdateRemarkInput.slug',
    'CreateSourceInput.slug',
    'UpdateSourceInput.slug',
    'Query.agreement(slug)',
    'Query.event(slug)',
    'Query.participant(slug)',
    'Query.source(slug)',
  ),
  eventTitle: entry({ maxChars: 300 }, 'CreateEventInput.title', 'UpdateEventInput.title'),
  eventSummary: entry({ maxChars: 5000 }, 'CreateEventInput.summary', 'UpdateEventInput.summary'),
  placeName: entry({ maxChars: 200 }, 'CreateEventInput.placeName', 'UpdateEventInput.placeName'),
  ploverContexts: entry(
    { maxItems: 20 },
    'CreateEventInput.ploverContexts',
    'UpdateEventInput.ploverContexts',
  ),
  eventParticipants: entry({ maxItems: 100 }, 'CreateEventInput.participants'),
  participantName: entry({ maxChars: 200 }, 'CreateParticipantInput.name', 'UpdateParticipantInput.name'),
  aliases: entry(
    { maxItems: 30, maxChars: 200 },
    'CreateParticipantInput.aliases',
    'UpdateParticipantInput.aliases',
  ),
  participantDescription: entry(
    { maxChars: 5000 },
    'CreateParticipantInput.description',
    'UpdateParticipantInput.description',
  ),
  positionTitle: entry({ maxChars: 300 }, 'CreatePositionInput.title', 'UpdatePositionInput.title'),
  remarkContent: entry({ maxChars: 10_000 }, 'CreateRemarkInput.content', 'UpdateRemarkInput.content'),
  remarkAudience: entry({ maxChars: 300 }, 'CreateRemarkInput.audience', 'UpdateRemarkInput.audience'),
  remarkTopics: entry(
    { maxItems: 30, maxChars: 100 },
    'CreateRemarkInput.topics',
    'UpdateRemarkInput.topics',
    'Query.remarks(topic)',
  ),
  agreementTitle: entry({ maxChars: 500 }, 'CreateAgreementInput.title', 'UpdateAgreementInput.title'),
  agreementSummary: entry({ maxChars: 5000 }, 'CreateAgreementInput.summary', 'UpdateAgreementInput.summary'),
  agreementSubjects: entry(
    { maxItems: 20 },
    'CreateAgreementInput.subjects',
    'UpdateAgreementInput.subjects',
  ),
  agreementParties: entry({ maxItems: 50 }, 'CreateAgreementInput.parties'),
  sourceTitle: entry({ maxChars: 500 }, 'CreateSourceInput.title', 'UpdateSourceInput.title'),
  publisher: entry({ maxChars: 200 }, 'CreateSourceInput.publisher', 'UpdateSourceInput.publisher'),
  authors: entry({ maxItems: 50, maxChars: 200 }, 'CreateSourceInput.authors', 'UpdateSourceInput.authors'),
  /** A source's full text can be a whole article. */
  sourceFullText: entry({ maxChars: 500_000 }, 'CreateSourceInput.fullText', 'UpdateSourceInput.fullText'),
  attributions: entry(
    { maxItems: 20, maxChars: 1000 },
    'CreateSourceInput.attributions',
    'UpdateSourceInput.attributions',
  ),
  citations: entry(
    { maxItems: 50 },
    'CreateEventInput.citations',
    'EventParticipantInput.citations',
    'AttachParticipantInput.citations',
    'CreateAgreementInput.citations',
    'AgreementPartyInput.citations',
    'AddAgreementPartyInput.citations',
    'CreatePositionInput.citations',
    'CreateRemarkInput.citations',
  ),
  quote: entry({ maxChars: 5000 }, 'CitationInput.quote'),
  claimField: entry({ maxChars: 63 }, 'CitationInput.claimField'),
  claimValue: entry({ maxChars: 1000 }, 'CitationInput.claimValue'),
  apiKeyName: entry({ maxChars: 64 }, 'CreateApiKeyInput.name'),
  /** ApiKey ids are bare UUIDs, not global ids. */
  uuid: entry({ maxChars: 36, idFormat: 'uuid' }, 'RevokeApiKeyInput.id', 'AuditFilter.apiKeyId'),
  auditOperation: entry({ maxChars: 100 }, 'AuditFilter.operation'),
  auditEntityType: entry({ maxChars: 40 }, 'AuditFilter.entityType'),
  /** Full-text search text (websearch syntax). */
  searchQuery: entry({ maxChars: 500 }, 'Query.search(query)'),
  cameoCode: entry(
    { maxChars: 4 },
    'Query.cameoCode(code)',
    'Query.cameoCodes(prefix)',
    'CreateEventInput.cameoCode',
    'UpdateEventInput.cameoCode',
    'EventFilter.cameoCodes',
  ),
  /** `relationship(between:)` takes exactly two countries. */
  relationshipBetween: entry({ maxItems: 2 }, 'Query.relationship(between)'),
  participantNameFilter: entry({ maxChars: 200 }, 'ParticipantFilter.name'),
} as const satisfies Record<string, Entry>;

/** Bounds of every argument of a name, on whichever field (a new mutation gets them too). */
export const ARGUMENT_LIMITS = {
  /** Checked again, with the same number, by the write pipeline (src/core/write/write-transaction.ts). */
  idempotencyKey: { maxChars: 255 },
} as const satisfies Record<string, InputBound>;

const byCoordinate = new Map<string, InputBound>();
for (const { at, ...bound } of Object.values(LIMITS) as Entry[]) {
  for (const coordinate of at) {
    if (byCoordinate.has(coordinate)) throw new Error(`Two input bounds for ${coordinate}`);
    byCoordinate.set(coordinate, bound);
  }
}

/** Every coordinate with its own entry (tests check each exists in the schema). */
export const DECLARED_COORDINATES: readonly string[] = [...byCoordinate.keys()];

/** The declared entry of a coordinate, if it has one. */
export const declaredBound = (coordinate: string): InputBound | undefined => byCoordinate.get(coordinate);

/**
 * The bound of the input at `coordinate`, of named type `scalar` (`undefined` for enums and input
 * objects), holding a list when `isList`: its own entry, else the defaults.
 */
export function boundOf(
  coordinate: string,
  scalar: string | undefined,
  isList: boolean,
  isCursor = false,
): InputBound {
  const argument = /\((\w+)\)$/.exec(coordinate)?.[1];
  const own: InputBound | undefined =
    byCoordinate.get(coordinate) ??
    (argument && Object.hasOwn(ARGUMENT_LIMITS, argument)
      ? ARGUMENT_LIMITS[argument as keyof typeof ARGUMENT_LIMITS]
      : undefined) ??
    (isCursor ? CURSOR_BOUND : undefined);
  const textual = scalar !== undefined && !NON_TEXT_SCALARS.has(scalar);
  return {
    ...(isList ? { maxItems: own?.maxItems ?? DEFAULT_MAX_ITEMS } : {}),
    ...(textual ? { maxChars: own?.maxChars ?? DEFAULT_MAX_CHARS[scalar] ?? FALLBACK_MAX_CHARS } : {}),
    ...(scalar === 'ID' ? { idFormat: own?.idFormat ?? 'globalId' } : {}),
  };
}

/** The sentence a description ends with, e.g. "At most 30 items of at most 200 characters each." */
export function boundSentence({ maxItems, maxChars }: InputBound): string | undefined {
  const n = (x: number) => x.toLocaleString('en');
  if (maxItems !== undefined && maxChars !== undefined)
    return `At most ${n(maxItems)} items of at most ${n(maxChars)} characters each.`;
  if (maxItems !== undefined) return `At most ${n(maxItems)} items.`;
  if (maxChars !== undefined) return `At most ${n(maxChars)} characters.`;
  return undefined;
}
