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
/** A field's coordinates on a type's create input and on its update input (one value, one bound). */
const createAndUpdate = (type: string, field: string) => [
  `Create${type}Input.${field}`,
  `Update${type}Input.${field}`,
];
/** A bound for a field that both the create and the update input of `type` take, and for `more`. */
const written = <B extends InputBound>(bound: B, type: string, field: string, ...more: string[]) =>
  entry(bound, ...createAndUpdate(type, field), ...more);

/** Named bounds: the writes' zod schemas and the export use these numbers too. */
export const LIMITS = {
  slug: entry(
    { maxChars: 120 },
    ...['Agreement', 'Event', 'Participant', 'Remark', 'Source'].flatMap((type) =>
      createAndUpdate(type, 'slug'),
    ),
    'Query.agreement(slug)',
    'Query.event(slug)',
    'Query.participant(slug)',
    'Query.source(slug)',
  ),
  eventTitle: written({ maxChars: 300 }, 'Event', 'title'),
  eventSummary: written({ maxChars: 5000 }, 'Event', 'summary'),
  placeName: written({ maxChars: 200 }, 'Event', 'placeName'),
  ploverContexts: written({ maxItems: 20 }, 'Event', 'ploverContexts'),
  eventParticipants: entry({ maxItems: 100 }, 'CreateEventInput.participants'),
  participantName: written({ maxChars: 200 }, 'Participant', 'name'),
  aliases: written({ maxItems: 30, maxChars: 200 }, 'Participant', 'aliases'),
  participantDescription: written({ maxChars: 5000 }, 'Participant', 'description'),
  positionTitle: written({ maxChars: 300 }, 'Position', 'title'),
  remarkContent: written({ maxChars: 10_000 }, 'Remark', 'content'),
  remarkAudience: written({ maxChars: 300 }, 'Remark', 'audience'),
  remarkTopics: written({ maxItems: 30, maxChars: 100 }, 'Remark', 'topics', 'Query.remarks(topic)'),
  agreementTitle: written({ maxChars: 500 }, 'Agreement', 'title'),
  agreementSummary: written({ maxChars: 5000 }, 'Agreement', 'summary'),
  agreementSubjects: written({ maxItems: 20 }, 'Agreement', 'subjects'),
  agreementParties: entry({ maxItems: 50 }, 'CreateAgreementInput.parties'),
  sourceTitle: written({ maxChars: 500 }, 'Source', 'title'),
  publisher: written({ maxChars: 200 }, 'Source', 'publisher'),
  authors: written({ maxItems: 50, maxChars: 200 }, 'Source', 'authors'),
  /** A source's full text can be a whole article. */
  sourceFullText: written({ maxChars: 500_000 }, 'Source', 'fullText'),
  attributions: written({ maxItems: 20, maxChars: 1000 }, 'Source', 'attributions'),
  /** Every input that takes citations of its own. */
  citations: entry(
    { maxItems: 50 },
    ...[
      'CreateEvent',
      'EventParticipant',
      'AttachParticipant',
      'CreateAgreement',
      'AgreementParty',
      'AddAgreementParty',
      'CreatePosition',
      'CreateRemark',
    ].map((input) => `${input}Input.citations`),
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
  cameoCode: written(
    { maxChars: 4 },
    'Event',
    'cameoCode',
    'Query.cameoCode(code)',
    'Query.cameoCodes(prefix)',
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
