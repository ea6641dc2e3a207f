// Event codes over GraphQL: the CAMEO hierarchy with names and Goldstein weights, PLOVER's categories,
// modes and contexts, and each event's coding (`Event.eventCode`). All of it is reference data, served
// from the in-memory codebook (codebook.ts): no statement per request.
import type { PloverCategory } from '../../../generated/prisma/enums.js';
import { READ } from '../../../core/auth/access.js';
import { badInput, notFound } from '../../../core/errors.js';
import { builder } from '../../../core/graphql/builder.js';
import { namedEnum, PloverCategoryEnum } from '../../../core/graphql/enums.js';
import {
  loadCodebook,
  type CameoEntry,
  type Codebook,
  type PloverCategoryEntry,
  type PloverContextEntry,
  type PloverModeEntry,
} from './codebook.js';

export const QuadClassEnum = builder.enumType('QuadClass', {
  description:
    'GDELT’s four-way grouping of CAMEO root codes (its QuadClass 1–4), used for PLOVER categories too.',
  values: {
    VERBAL_COOPERATION: { value: 1, description: '1: verbal cooperation (CAMEO 01–05).' },
    MATERIAL_COOPERATION: { value: 2, description: '2: material cooperation (CAMEO 06–09).' },
    VERBAL_CONFLICT: { value: 3, description: '3: verbal conflict (CAMEO 10–14).' },
    MATERIAL_CONFLICT: { value: 4, description: '4: material conflict (CAMEO 15–20).' },
  } as const,
});

export const CameoLevelEnum = namedEnum('CameoLevel', 'Where a code sits in the CAMEO hierarchy.', {
  ROOT: 'A two-digit root code, 01–20 ("04" Consult).',
  BASE: 'A three-digit base code ("042" Make a visit).',
  DETAILED: 'A four-digit code ("0211" Appeal for economic cooperation).',
});

/** A CAMEO code in a resolver that has the codebook at hand. */
type CameoValue = CameoEntry;

const lookup = async (ctx: { prisma: Parameters<typeof loadCodebook>[0] }, code: string | null) =>
  code ? ((await loadCodebook(ctx.prisma)).cameoByCode.get(code) ?? null) : null;

export const CameoCodeRef = builder.objectRef<CameoValue>('CameoCode');
CameoCodeRef.implement({
  description:
    'A CAMEO event code (codebook version 1.1b3) with its name, place in the hierarchy, Goldstein weight ' +
    'and the PLOVER category it converts to.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Two to four digits, e.g. "042".' }),
    name: t.exposeString('name', { description: 'The codebook’s name, e.g. "Make a visit".' }),
    level: t.expose('level', { type: CameoLevelEnum, description: 'Root, base or four-digit code.' }),
    goldstein: t.exposeFloat('goldstein', {
      description: 'Goldstein conflict–cooperation weight, −10 (most conflictual) to +10 (most cooperative).',
    }),
    quadClass: t.field({
      type: QuadClassEnum,
      description: 'Verbal or material cooperation or conflict (GDELT QuadClass).',
      resolve: (c) => c.quadClass as 1 | 2 | 3 | 4,
    }),
    root: t.field({
      type: CameoCodeRef,
      description: 'The root code ("04" for "042"); a root is its own root.',
      resolve: async (c, _args, ctx) => (await lookup(ctx, c.rootCode))!,
    }),
    base: t.field({
      type: CameoCodeRef,
      nullable: true,
      description: 'The three-digit base code ("042" for "0421" and for "042"); null for a root.',
      resolve: (c, _args, ctx) => lookup(ctx, c.baseCode),
    }),
    parent: t.field({
      type: CameoCodeRef,
      nullable: true,
      description: 'The code one level up; null for a root.',
      resolve: (c, _args, ctx) => lookup(ctx, c.parentCode),
    }),
    children: t.field({
      type: [CameoCodeRef],
      description: 'The codes one level down, in code order.',
      resolve: async (c, _args, ctx) => (await loadCodebook(ctx.prisma)).childrenOf.get(c.code) ?? [],
    }),
    ploverCategory: t.field({
      type: PloverCategoryEnum,
      nullable: true,
      description:
        'The PLOVER category the code converts to (OEDA’s CAMEO2PLOVER table); null for statements (01x) and appeals (02x), which PLOVER does not code.',
      resolve: (c) => c.ploverCategory,
    }),
    ploverMode: t.exposeString('ploverMode', {
      nullable: true,
      description: 'The PLOVER mode it converts to, where the conversion table gives one ("visit" for 042).',
    }),
  }),
});

const PloverModeRef = builder.objectRef<PloverModeEntry>('PloverMode').implement({
  description: 'A PLOVER mode: how an event of one category was carried out.',
  fields: (t) => ({
    category: t.expose('category', { type: PloverCategoryEnum, description: 'The category it belongs to.' }),
    mode: t.exposeString('mode', { description: 'The mode, as PLOVER spells it ("visit", "third-party").' }),
    description: t.exposeString('description', { description: 'What it means.' }),
  }),
});

const PloverCategoryDefinitionRef = builder
  .objectRef<PloverCategoryEntry>('PloverCategoryDefinition')
  .implement({
    description: 'A PLOVER event category described, with its modes.',
    fields: (t) => ({
      category: t.expose('category', { type: PloverCategoryEnum, description: 'The category.' }),
      name: t.exposeString('name', { description: 'Its name ("Consult").' }),
      description: t.exposeString('description', { description: 'What it covers, after the PLOVER manual.' }),
      quadClass: t.field({
        type: QuadClassEnum,
        description: 'Verbal or material cooperation or conflict.',
        resolve: (c) => c.quadClass as 1 | 2 | 3 | 4,
      }),
      score: t.exposeFloat('score', {
        description: 'The PLOVER manual’s conflict–cooperation score for the category (−10 … +10).',
      }),
      modes: t.field({
        type: [PloverModeRef],
        description: 'Its modes (empty for categories without any).',
        resolve: async (c, _args, ctx) => (await loadCodebook(ctx.prisma)).modesOf.get(c.category) ?? [],
      }),
    }),
  });

const PloverContextRef = builder.objectRef<PloverContextEntry>('PloverContext').implement({
  description: 'A PLOVER context: what an event is about, or whether it happened at all.',
  fields: (t) => ({
    context: t.exposeString('context', {
      description: 'The context, as PLOVER spells it ("military", "human_rights").',
    }),
    description: t.exposeString('description', { description: 'What it means.' }),
    modality: t.exposeBoolean('modality', {
      description:
        'True for future, historical, hypothetical and negation: whether the event took place, not what about.',
    }),
  }),
});

/** What `Event.eventCode` is resolved from: the event's coding columns. */
export interface EventCodingValue {
  cameoCode: string | null;
  ploverCategory: PloverCategory | null;
  ploverMode: string | null;
  ploverContexts: string[];
}

const cameoOf = async (e: EventCodingValue, ctx: { prisma: Parameters<typeof loadCodebook>[0] }) =>
  lookup(ctx, e.cameoCode);

export const EventCodeRef = builder.objectRef<EventCodingValue>('EventCode').implement({
  description:
    'The event-data coding of an event, for joining with GDELT, ICEWS and POLECAT: its CAMEO code with the ' +
    'code’s place in the hierarchy and Goldstein weight, and its PLOVER category, mode and contexts.',
  fields: (t) => ({
    cameo: t.exposeString('cameoCode', {
      nullable: true,
      description: 'CAMEO event code, e.g. "057"; null when only PLOVER coded.',
    }),
    cameoName: t.string({
      nullable: true,
      description: 'The CAMEO code’s name, e.g. "Sign formal agreement".',
      resolve: async (e, _args, ctx) => (await cameoOf(e, ctx))?.name ?? null,
    }),
    code: t.field({
      type: CameoCodeRef,
      nullable: true,
      description: 'The CAMEO code with its name, level, Goldstein weight and parents.',
      resolve: (e, _args, ctx) => cameoOf(e, ctx),
    }),
    root: t.field({
      type: CameoCodeRef,
      nullable: true,
      description: 'The root (two-digit) code: "05" Engage in diplomatic cooperation for "057".',
      resolve: async (e, _args, ctx) => lookup(ctx, (await cameoOf(e, ctx))?.rootCode ?? null),
    }),
    base: t.field({
      type: CameoCodeRef,
      nullable: true,
      description: 'The base (three-digit) code; null for an event coded at the root.',
      resolve: async (e, _args, ctx) => lookup(ctx, (await cameoOf(e, ctx))?.baseCode ?? null),
    }),
    goldstein: t.float({
      nullable: true,
      description: 'The Goldstein weight of the CAMEO code (−10 conflict … +10 cooperation).',
      resolve: async (e, _args, ctx) => (await cameoOf(e, ctx))?.goldstein ?? null,
    }),
    quadClass: t.field({
      type: QuadClassEnum,
      nullable: true,
      description: 'Verbal or material cooperation or conflict, by the CAMEO code.',
      resolve: async (e, _args, ctx) =>
        ((await cameoOf(e, ctx))?.quadClass as 1 | 2 | 3 | 4 | undefined) ?? null,
    }),
    plover: t.expose('ploverCategory', {
      type: PloverCategoryEnum,
      nullable: true,
      description: 'PLOVER category.',
    }),
    ploverMode: t.exposeString('ploverMode', {
      nullable: true,
      description: 'PLOVER mode: how it was carried out ("visit").',
    }),
    ploverContexts: t.exposeStringList('ploverContexts', {
      description: 'PLOVER contexts: what it was about ("military", "cyber").',
    }),
  }),
});

const CAMEO_PREFIX = /^[0-9]{2,4}$/;

builder.queryFields((t) => ({
  cameoCodes: t.field({
    authScopes: READ,
    type: [CameoCodeRef],
    description:
      'The CAMEO 1.1b3 event codes, in code order: all of them, or those under a prefix or at a level.',
    args: {
      prefix: t.arg.string({
        required: false,
        description:
          'Only this code and the codes under it: "04" gives 04, 040–046 and their four-digit codes.',
      }),
      level: t.arg({ type: CameoLevelEnum, required: false, description: 'Only codes at this level.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.prefix != null && !CAMEO_PREFIX.test(args.prefix))
        throw badInput('prefix', `"${args.prefix}" is not a CAMEO code (2–4 digits)`);
      const book: Codebook = await loadCodebook(ctx.prisma);
      return book.cameo.filter(
        (c) => (!args.prefix || c.code.startsWith(args.prefix)) && (!args.level || c.level === args.level),
      );
    },
  }),
  cameoCode: t.field({
    authScopes: READ,
    type: CameoCodeRef,
    nullable: true,
    description: 'One CAMEO code; NOT_FOUND when the codebook has no such code.',
    args: { code: t.arg.string({ required: true, description: 'Two to four digits, e.g. "042".' }) },
    resolve: async (_root, { code }, ctx) => {
      if (!CAMEO_PREFIX.test(code)) throw badInput('code', `"${code}" is not a CAMEO code (2–4 digits)`);
      const found = await lookup(ctx, code);
      if (!found) throw notFound('CAMEO code', code);
      return found;
    },
  }),
  ploverCategories: t.field({
    authScopes: READ,
    type: [PloverCategoryDefinitionRef],
    description: 'The PLOVER event categories in PLOVER’s order, each with its modes.',
    resolve: async (_root, _args, ctx) => (await loadCodebook(ctx.prisma)).plover,
  }),
  ploverContexts: t.field({
    authScopes: READ,
    type: [PloverContextRef],
    description: 'The PLOVER contexts an event can carry (topics first, then the modality contexts).',
    resolve: async (_root, _args, ctx) => (await loadCodebook(ctx.prisma)).contexts,
  }),
}));
