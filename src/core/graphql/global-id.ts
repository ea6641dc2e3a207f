// The one decoder of global ids: `node(id:)`, Pothos' globalID arguments, every write's zod id fields,
// the events filter, dyad sides, the audit filter and the export all read ids through it. A forged id
// (not canonical base64, an unknown type, anything but a UUID after the colon, oversized) is refused here,
// so it never reaches PostgreSQL as a cast error.
import { Buffer } from 'node:buffer';

/** The types whose records have global ids (every `Node` implementation; a test checks the list). */
export const GLOBAL_ID_TYPES = [
  'Agreement',
  'AgreementParty',
  'Citation',
  'Event',
  'Participant',
  'Participation',
  'Position',
  'Remark',
  'Source',
] as const;
export type GlobalIdType = (typeof GLOBAL_ID_TYPES)[number];

/** Longer than any real id (`AgreementParty:` + a UUID is 68 characters in base64). */
export const MAX_GLOBAL_ID_LENGTH = 100;

/** RFC 4122 syntax: 32 hex digits in groups of 8-4-4-4-12. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const KNOWN = new Set<string>(GLOBAL_ID_TYPES);

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export interface DecodedGlobalId {
  typename: GlobalIdType;
  /** The record's UUID, lower case. */
  id: string;
}

export function encodeGlobalId(typename: GlobalIdType | string, id: string): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

/** The type and UUID of a well-formed global id, or null for anything else. */
export function decodeGlobalId(value: unknown): DecodedGlobalId | null {
  if (typeof value !== 'string' || value.length > MAX_GLOBAL_ID_LENGTH || !BASE64.test(value)) return null;
  const bytes = Buffer.from(value, 'base64');
  // Canonical only: the padding bits must be zero, so that each id has exactly one spelling.
  if (bytes.toString('base64') !== value) return null;
  const text = bytes.toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const typename = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (!KNOWN.has(typename) || !UUID.test(id)) return null;
  return { typename: typename as GlobalIdType, id: id.toLowerCase() };
}

/** The UUID of a global id of one of `typenames`, or null. */
export function decodeGlobalIdOf(value: unknown, typenames: readonly string[]): string | null {
  const decoded = decodeGlobalId(value);
  return decoded && typenames.includes(decoded.typename) ? decoded.id : null;
}
