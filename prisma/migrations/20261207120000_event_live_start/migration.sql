-- A person's events newest first (the person page): their participations are joined to their events for
-- each event's date and deletion, then sorted by date. With the date in an index of live events by id,
-- each of those lookups is an index-only scan instead of a fetch of the event's row (a busy person has
-- hundreds of participations; only 20 are kept after the sort).
-- Prisma's schema cannot express INCLUDE with a WHERE, so it lives here only.
CREATE INDEX "event_live_start_idx" ON "event" ("id") INCLUDE ("start_date") WHERE "deleted_at" IS NULL;
