// Database refusals during a write, as API errors. Validation catches almost everything first; these are
// the database's own guarantees (unique keys, foreign keys, checks, the provenance triggers) surfacing
// with a stable code instead of an internal error.
import { GraphQLError } from 'graphql';
import { Prisma } from '../generated/prisma/client.js';
import { apiError, ErrorCode } from '../errors.js';

const COLUMN_TO_FIELD: Record<string, string> = {
  slug: 'slug',
  url: 'url',
  iso_code: 'isoCode',
  name: 'name',
};

/** The columns of a unique violation, wherever this Prisma version puts them. */
function uniqueFields(error: Prisma.PrismaClientKnownRequestError): string[] {
  const meta = error.meta as
    | { target?: string[] | string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } }
    | undefined;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target ?? [];
  return (Array.isArray(fields) ? fields : [fields]).map((f) => f.replaceAll('"', ''));
}

function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalMessage?: string } } } }).meta
    ?.driverAdapterError?.cause?.originalMessage;
  return `${error.message} ${cause ?? ''}`;
}

export function databaseWriteError(error: unknown): GraphQLError | undefined {
  if (error instanceof GraphQLError) return undefined;
  const message = messageOf(error);
  if (/has no citation|would leave .* (uncited|without a citation)|_requires_citation/.test(message))
    return apiError(
      ErrorCode.BAD_USER_INPUT,
      'Every claim needs at least one citation (a source and a verbatim quote)',
      {
        field: 'citations',
      },
    );
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002') {
      const columns = uniqueFields(error);
      const field = columns.map((c) => COLUMN_TO_FIELD[c] ?? c).join(', ') || undefined;
      return apiError(
        ErrorCode.CONFLICT,
        field
          ? `Another record already has this ${field}`
          : 'A record with the same unique values already exists',
        field ? { field } : {},
      );
    }
    if (error.code === 'P2003')
      return apiError(
        ErrorCode.CONFLICT,
        'The write refers to a record that does not exist, or removes one still in use',
      );
    if (error.code === 'P2034')
      return apiError(ErrorCode.CONFLICT, 'The write clashed with a concurrent write; retry it');
  }
  const check = /violates check constraint "([a-z_]+)"/.exec(message);
  if (check)
    return apiError(ErrorCode.BAD_USER_INPUT, `The database refused the values (${check[1]})`, {
      field: check[1],
    });
  return undefined;
}
