// Scalars come from graphql-scalars (well kept, spec-compliant) rather than hand-written parsers.
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
});
builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'A moment in time, RFC 3339 date-time in UTC.',
});
builder.addScalarType('URL', URLResolver, { description: 'An absolute http(s) URL.' });
builder.addScalarType('CountryCode', CountryCodeResolver, {
  description: 'An ISO 3166-1 alpha-2 country code, e.g. JP or VN.',
});
builder.addScalarType('JSON', JSONResolver, {
  description: 'Any JSON value (used for audit snapshots of a record before and after a write).',
});
