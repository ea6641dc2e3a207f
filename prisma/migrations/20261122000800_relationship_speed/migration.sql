-- The relationship view's aggregate (src/relationship/relationship.data.ts), found by the benchmark: at
-- 100k events one view held a pool connection for 1.1–1.9 s and 16 concurrent clients timed out waiting.
--
-- The bilateral events are most events (86% at 100k), so the GIN index on country_ids finds them but
-- then every one is read from the 80 MB heap: the counts by year, month and kind, the events' total,
-- the events page and the remarks made at bilateral events all did. This index holds what those read
-- (date, id, kind, precision and the countries) for the live events in (start_date DESC, id DESC) order,
-- 12 MB: the counts become one index-only scan (about 30 ms instead of 250 ms) and a page of bilateral
-- events or the first and latest contact an index-only scan that stops after the page.
-- Prisma's schema cannot express INCLUDE with a WHERE, so it lives here only.
CREATE INDEX "event_bilateral_idx" ON "event" ("start_date" DESC, "id" DESC)
  INCLUDE ("kind", "start_precision", "country_ids")
  WHERE "deleted_at" IS NULL;
