// LIKE/ILIKE treat `%` and `_` as wildcards and `\` as their escape (PostgreSQL's default). Text a
// client typed must match itself: escape all three before it goes into a pattern, including the
// patterns Prisma's `contains`/`startsWith`/`endsWith` build, which do not escape them.
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
