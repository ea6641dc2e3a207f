// PGlite serialises a JavaScript array parameter only when it knows the parameter's array type; for
// arrays of enums (e.g. AgreementSubject[]) it falls back to String(array) = "A,B", which PostgreSQL
// rejects as a malformed array literal. Sending string lists as array literals ("{"A","B"}") works for
// every array type, since PostgreSQL parses the literal with the parameter's own type.
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { withQueryHook } from './adapter-hooks.js';

export function toArrayLiteral(values: readonly (string | null)[]): string {
  const items = values.map((v) =>
    v === null ? 'NULL' : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
  );
  return `{${items.join(',')}}`;
}

export function withListArgsAsLiterals<F extends SqlDriverAdapterFactory>(factory: F): F {
  return withQueryHook(factory, (query) => {
    if (!query.args.some((a) => Array.isArray(a))) return query;
    const args = query.args.map((arg) =>
      Array.isArray(arg) && arg.every((v) => typeof v === 'string' || v === null) ? toArrayLiteral(arg) : arg,
    );
    return { ...query, args };
  });
}
