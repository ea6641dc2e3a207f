// What a connection's `after`/`before` cursor may look like, per connection, so that the operation check
// (src/core/server/input-guards.ts) refuses a forged cursor before any resolver runs. Prisma connections need
// no declaration: their format follows from the model of their nodes (a UUID or a bigint id, as
// plugin-prisma writes it). A hand-made connection declares its own with `cursorExtension(format)`; a
// connection with neither fails tests/input-bounds.test.ts.
import { Buffer } from 'node:buffer';
import { getNamedType, isObjectType, type GraphQLField, type GraphQLNamedType } from 'graphql';
import { getDatamodel } from '../../generated/pothos-types.js';
import { isUuid } from './global-id.js';

/** Longer than any cursor the API hands out. */
export const MAX_CURSOR_LENGTH = 200;

export interface CursorFormat {
  /** For messages: what a cursor of this list holds. */
  name: string;
  /** True for a cursor this list could have issued (checked before the database sees it). */
  accepts(cursor: string): boolean;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The text inside canonical base64, or null. */
export function strictBase64(value: string): string | null {
  if (value.length > MAX_CURSOR_LENGTH || !BASE64.test(value)) return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.toString('base64') === value ? bytes.toString('utf8') : null;
}

/** plugin-prisma's cursor of a single id column: base64 of `GPC:S:<uuid>` or `GPC:I:<bigint>`. */
function prismaIdCursor(idType: 'String' | 'BigInt'): CursorFormat {
  const accepts =
    idType === 'String'
      ? (payload: string) => payload.startsWith('S:') && isUuid(payload.slice(2))
      : (payload: string) => /^I:[1-9][0-9]{0,18}$/.test(payload);
  return {
    name: idType === 'String' ? 'a record id' : 'an entry number',
    accepts: (cursor) => {
      const text = strictBase64(cursor);
      return text !== null && text.startsWith('GPC:') && accepts(text.slice(4));
    },
  };
}

const FORMAT_KEY = 'cursorFormat';

/** Field `extensions` declaring the cursor format of a hand-made connection field. */
export const cursorExtension = (format: CursorFormat) => ({ [FORMAT_KEY]: format });

function modelIdType(typeName: string): 'String' | 'BigInt' | undefined {
  const models = getDatamodel().datamodel.models as Record<
    string,
    { fields: readonly { name: string; type: string; isId: boolean }[] }
  >;
  const id = models[typeName]?.fields.find((f) => f.isId);
  return id?.type === 'String' || id?.type === 'BigInt' ? id.type : undefined;
}

function nodeTypeOf(connection: GraphQLNamedType): GraphQLNamedType | undefined {
  if (!isObjectType(connection)) return undefined;
  const edges = connection.getFields().edges;
  const edge = edges && getNamedType(edges.type);
  const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  return node ? getNamedType(node.type) : undefined;
}

const formats = new WeakMap<object, CursorFormat | null>();

/** The cursor format of a field with `after`/`before` arguments, or undefined when none is known. */
export function cursorFormatOf(field: GraphQLField<unknown, unknown>): CursorFormat | undefined {
  const cached = formats.get(field);
  if (cached !== undefined) return cached ?? undefined;
  let format = (field.extensions as Record<string, unknown>)[FORMAT_KEY] as CursorFormat | undefined;
  if (!format) {
    const node = nodeTypeOf(getNamedType(field.type));
    const idType = node && modelIdType(node.name);
    if (idType) format = prismaIdCursor(idType);
  }
  formats.set(field, format ?? null);
  return format;
}

export const CURSOR_ARGS: ReadonlySet<string> = new Set(['after', 'before']);
