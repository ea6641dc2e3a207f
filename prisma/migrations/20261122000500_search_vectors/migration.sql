-- Full-text search reads stored document vectors instead of the integrity migration's expression
-- indexes. With only an expression index, the GIN index finds the matching rows but ts_rank and
-- ts_headline still parse every matching text again (to_tsvector per row): 40,000 parses for a common
-- word. A stored generated column is parsed once, when the row is written (COPY included), and ranking
-- reads it.
--
-- The texts and configuration are exactly those of the expression indexes (no weights), so every rank
-- stays what it was. The indexes keep their names; only what they index changes.
--
-- Adding a stored generated column rewrites the table (each row's vector is computed then).

DROP INDEX "event_search_idx";
ALTER TABLE "event" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "title" || ' ' || "summary")) STORED;
CREATE INDEX "event_search_idx" ON "event" USING GIN ("search_vector");

DROP INDEX "remark_search_idx";
ALTER TABLE "remark" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "content")) STORED;
CREATE INDEX "remark_search_idx" ON "remark" USING GIN ("search_vector");

DROP INDEX "citation_search_idx";
ALTER TABLE "citation" ADD COLUMN "search_vector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "quote")) STORED;
CREATE INDEX "citation_search_idx" ON "citation" USING GIN ("search_vector");
