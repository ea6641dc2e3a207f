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

interface AdapterCause {
  kind?: string;
  table?: string;
  constraint?: { fields?: string[]; index?: string };
}

const adapterCause = (error: Prisma.PrismaClientKnownRequestError): AdapterCause | undefined =>
  (error.meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined)?.driverAdapterError?.cause;

/** The columns of a unique violation, wherever this Prisma version puts them. */
function uniqueFields(error: Prisma.PrismaClientKnownRequestError): string[] {
  const cause = adapterCause(error);
  // A raw statement's violation may name only the index: Prisma's `<table>_<columns>_key`.
  const index = cause?.constraint?.index;
  const fromIndex =
    index && cause?.table && index.startsWith(`${cause.table}_`) && index.endsWith('_key')
      ? [index.slice(cause.table.length + 1, -'_key'.length)]
      : undefined;
  const fields =
    cause?.constraint?.fields ?? (error.meta as { target?: string[] | string })?.target ?? fromIndex ?? [];
  return (Array.isArray(fields) ? fields : [fields]).map((f) => f.replaceAll('"', ''));
}

/** The Prisma code of a refusal, also for raw statements (P2010), whose adapter error names its kind. */
function codeOf(error: Prisma.PrismaClientKnownRequestError): string {
  if (error.code !== 'P2010') return error.code;
  const kind = adapterCause(error)?.kind;
  if (kind === 'UniqueConstraintViolation') return 'P2002';
  if (kind === 'ForeignKeyConstraintViolation') return 'P2003';
  if (kind === 'TransactionWriteConflict') return 'P2034';
  return error.code;
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
    const code = codeOf(error);
    if (code === 'P2002') {
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
    if (code === 'P2003')
      return apiError(
        ErrorCode.CONFLICT,
        'The write refers to a record that does not exist, or removes one still in use',
      );
    if (code === 'P2034')
      return apiError(ErrorCode.CONFLICT, 'The write clashed with a concurrent write; retry it');
  }
  const check = /violates check constraint "([a-z_]+)"/.exec(message);
  if (check)
    return apiError(ErrorCode.BAD_USER_INPUT, `The database refused the values (${check[1]})`, {
      field: check[1],
    });
  return undefined;
}
