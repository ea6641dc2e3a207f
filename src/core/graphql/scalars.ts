// Scalars come from graphql-scalars (well kept, spec-compliant) rather than hand-written parsers. Each
// names its specification (@specifiedBy), so that client tooling can map it; the codegen scalar map that
// clients use is in docs/frontend.md and tests/clients/codegen.test.ts.
import type { GraphQLScalarType } from 'graphql';
import {
  CountryCodeResolver,
  DateResolver,
  DateTimeResolver,
  JSONResolver,
  URLResolver,
} from 'graphql-scalars';
import { builder } from './builder.js';

const RFC_3339 = 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6';

/** Each scalar: its graphql-scalars implementation, its description and (where there is one) its spec. */
const SCALARS = {
  Date: [DateResolver, 'A calendar date, YYYY-MM-DD (RFC 3339 full-date).', RFC_3339],
  DateTime: [DateTimeResolver, 'A moment in time, RFC 3339 date-time in UTC.', RFC_3339],
  URL: [URLResolver, 'An absolute http(s) URL.', 'https://url.spec.whatwg.org/'],
  CountryCode: [
    CountryCodeResolver,
    'An ISO 3166-1 alpha-2 country code, e.g. JP or VN.',
    'https://www.iso.org/iso-3166-country-codes.html',
  ],
  JSON: [JSONResolver, 'Any JSON value (used for audit snapshots of a record before and after a write).'],
} satisfies Record<string, [GraphQLScalarType, string, string?]>;

for (const [name, [resolver, description, specifiedByURL]] of Object.entries(SCALARS))
  // The builder's scalar map (builder.ts) types each name; the loop's name is the union of them.
  builder.addScalarType(name as keyof typeof SCALARS, resolver as never, {
    description,
    ...(specifiedByURL ? { specifiedByURL } : {}),
  });
