// Records loaded by id through prepared direct reads (db/direct-reads.ts) instead of Prisma `findMany`s:
// Prisma's client runtime costs more per call than the statement it sends, and the views that load
// records by id (the relationship view, dyads, search hits) make several such loads per request. Each
// record comes back as JSON built in PostgreSQL, with the fields the Pothos selection asks for (the same
// `select`/`include` object Prisma would get) and its to-one relations nested, so it has the shape Prisma
// would return. The loads of one pass, whatever their models, go out as ONE statement (a column per
// load): each statement costs the server a socket write and a reply to parse. A selection outside that
// subset (a to-many relation, a count, a type JSON cannot carry exactly) is left to Prisma.
import type { PrismaClient } from '../../generated/prisma/client.js';
import { StatementNames, type DirectRead } from '../db/direct-reads.js';
import { dataModelOf } from './compile/compiled-reads.js';
import {
  Aliases,
  ident,
  NotCompilable,
  refuse,
  type DataModel,
  type ModelInfo,
} from './compile/prisma-sql.js';
import type { Loaders } from './loaders.js';
import type { Query } from './merge-queries.js';

/** Scalar types whose JSON is exactly Prisma's value (DateTime once revived as a Date). */
const JSON_EXACT = new Set(['String', 'Int', 'Boolean', 'Float', 'DateTime']);
/** json_build_object takes at most 100 arguments: a key and a value per field. */
const MAX_FIELDS = 50;

/** Turns the parsed JSON of a record into Prisma's values (dates), in place. */
type Revive = (row: Record<string, unknown>) => void;

interface Compiled {
  /** A scalar subquery: the JSON array of the records whose ids are parameter `$n`. */
  sql: (n: number) => string;
  revive: Revive;
}

/** A record's JSON object and its reviver, for `model` under `alias` with this Prisma selection. */
function recordJson(dm: DataModel, model: ModelInfo, query: Query, alias: string, aliases: Aliases) {
  const { select, include, ...rest } = query as { select?: Query; include?: Query };
  if (Object.keys(rest).length > 0) refuse('arguments beside the selection');
  const wanted = new Map<string, unknown>();
  if (select) {
    for (const [name, value] of Object.entries(select)) if (value) wanted.set(name, value);
  } else {
    for (const f of model.fields.values()) if (f.kind !== 'object') wanted.set(f.name, true);
    for (const [name, value] of Object.entries(include ?? {})) if (value) wanted.set(name, value);
  }
  if (wanted.size > MAX_FIELDS) refuse('too many fields');
  const pairs: string[] = [];
  const revivers: Revive[] = [];
  for (const [name, value] of wanted) {
    const field = model.fields.get(name) ?? refuse(`no field ${model.name}.${name}`);
    pairs.push(`'${name}'`);
    if (field.kind === 'enum') pairs.push(`${alias}.${ident(field.column)}`);
    else if (field.kind === 'scalar') {
      if (!JSON_EXACT.has(field.type) || (field.type === 'DateTime' && field.isList)) refuse(field.type);
      pairs.push(`${alias}.${ident(field.column)}`);
      if (field.type === 'DateTime') {
        revivers.push((row) => {
          const v = row[name];
          if (typeof v === 'string') row[name] = new Date(v);
        });
      }
    } else {
      if (field.isList) refuse('a to-many relation');
      const { target, here, there } = dm.relationJoin(model, field);
      const inner = aliases.next(target.table);
      const nested = recordJson(dm, target, value === true ? {} : (value as Query), inner, aliases);
      pairs.push(
        `(SELECT ${nested.json} FROM ${ident(target.table)} ${inner} ` +
          `WHERE ${inner}.${ident(there)} = ${alias}.${ident(here)})`,
      );
      revivers.push((row) => {
        const v = row[name];
        if (v && typeof v === 'object') nested.revive(v as Record<string, unknown>);
      });
    }
  }
  const revive: Revive = (row) => {
    for (const r of revivers) r(row);
  };
  return { json: `json_build_object(${pairs.join(', ')})`, revive };
}

function compile(dm: DataModel, modelName: string, query: Query): Compiled | undefined {
  try {
    const model = dm.model(modelName);
    const aliases = new Aliases();
    const alias = aliases.next(model.table);
    const { json, revive } = recordJson(dm, model, query, alias, aliases);
    const from = `FROM ${ident(model.table)} ${alias} WHERE ${alias}.${ident(model.id.column)} = ANY`;
    return { sql: (n) => `(SELECT coalesce(json_agg(${json}), '[]') ${from}($${n}))::text`, revive };
  } catch (error) {
    if (error instanceof NotCompilable) return undefined;
    throw error;
  }
}

/** Compiled loads by model and selection (a view asks for a handful), and names for their combinations. */
const MAX_SHAPES = 64;
const compiled = new Map<string, Compiled | undefined>();
const statementNames = new StatementNames(MAX_SHAPES);
const dataModels = new WeakMap<PrismaClient, DataModel | undefined>();

interface Load {
  statement: Compiled;
  ids: readonly string[];
  resolve: (rows: unknown[]) => void;
  reject: (error: unknown) => void;
}

/** The request's direct record loads of one pass, sent together once the pass is over. */
class DirectRecordBatch {
  private pending: Load[] = [];

  constructor(private readonly read: DirectRead) {}

  load(statement: Compiled, ids: readonly string[]): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      // By-id loaders of different models run their batches in separate immediates of one turn of the
      // event loop; an immediate queued now runs in the next turn, after all of them.
      if (this.pending.length === 0) setImmediate(() => void this.send());
      this.pending.push({ statement, ids, resolve, reject });
    });
  }

  private async send(): Promise<void> {
    const loads = this.pending;
    this.pending = [];
    try {
      const sql = `SELECT ${loads.map((l, i) => l.statement.sql(i + 1)).join(', ')}`;
      const [row] = (
        await this.read(
          sql,
          loads.map((l) => l.ids),
          statementNames.nameFor(sql),
        )
      ).rows;
      loads.forEach((l, i) => {
        const rows = JSON.parse(row![i] as string) as Record<string, unknown>[];
        for (const r of rows) l.statement.revive(r);
        l.resolve(rows);
      });
    } catch (error) {
      for (const l of loads) l.reject(error);
    }
  }
}

/**
 * The records of `model` with these ids, with the fields `query` selects, read directly with the
 * request's other direct loads of the same pass; undefined when the selection is outside what the
 * direct read builds (the caller then asks Prisma).
 */
export async function directRecords<T>(
  ctx: { prisma: PrismaClient; read: DirectRead; loaders: Loaders },
  model: string,
  ids: readonly string[],
  query: Query,
): Promise<T[] | undefined> {
  if (!dataModels.has(ctx.prisma)) dataModels.set(ctx.prisma, dataModelOf(ctx.prisma));
  const dm = dataModels.get(ctx.prisma);
  if (!dm) return undefined;
  const key = `${model}:${JSON.stringify(query)}`;
  let statement = compiled.get(key);
  if (statement === undefined && !compiled.has(key)) {
    statement = compile(dm, model, query);
    if (compiled.size < MAX_SHAPES) compiled.set(key, statement);
  }
  if (!statement) return undefined;
  const batch = ctx.loaders.named('directRecords', () => new DirectRecordBatch(ctx.read));
  return (await batch.load(statement, ids)) as T[];
}
