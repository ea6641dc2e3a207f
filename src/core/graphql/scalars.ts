// Scalars come from graphql-scalars (well kept, spec-compliant) rather than hand-written parsers. Each
// names its specification (@specifiedBy), so that client tooling can map it; the codegen scalar map that
// clients use is in docs/frontend.md and tests/clients/codegen.test.ts.
import {
  CountryCodeResolver,
  DateResolver,
  DateTimeResolver,
  JSONResolver,
  URLResolver,
} from 'graphql-scalars';
import { builder } from './builder.js';

builder.addScalarType('Date', DateResolver, {
  description: 'A calendar date, YYYY-MM-DD (RFC 3339 full-date).',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
});
builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'A moment in time, RFC 3339 date-time in UTC.',
  specifiedByURL: 'https://www.rfc-editor.org/rfc/rfc3339#section-5.6',
});
builder.addScalarType('URL', URLResolver, {
  description: 'An absolute http(s) URL.',
  specifiedByURL: 'https://url.spec.whatwg.org/',
});
builder.addScalarType('CountryCode', CountryCodeResolver, {
  description: 'An ISO 3166-1 alpha-2 country code, e.g. JP or VN.',
  specifiedByURL: 'https://www.iso.org/iso-3166-country-codes.html',
});
builder.addScalarType('JSON', JSONResolver, {
  description: 'Any JSON value (used for audit snapshots of a record before and after a write).',
});
