-- The relationship view's remarks, summarised like its events (migration relationship_summaries): at 1M
-- events its remark total and first page read 500k remarks and their speakers (4–6 s per view).
--
-- A remark belongs to the relationship of countries a and b when its speaker is on one side (the
-- country itself, or a participant whose country it is: side = coalesce(country_id, id)) and it is about
-- the other country (its ISO code among the topics), about a region (a topic that is not a two-letter
-- code), or said at a live event of both countries; not deleted (src/relationship/relationship.data.ts).
-- A region remark belongs to every pair its side is in, so it is stored once, by side; the others are
-- stored per pair (a few rows each: the countries its topics name and its event's countries):
-- - relationship_region_remark (side, remark) and relationship_region_remark_count (side, n);
-- - relationship_remark (pair, remark) and relationship_remark_count (pair, n).
-- A pair's remarks are its two sides' region remarks and its own rows (disjoint: a remark has one side).
--
-- Who keeps them right: one function recomputes the rows of given remarks (and shifts the counts by
-- what it removed and added), called by triggers on remark (its speaker, topics, event, date, deletion),
-- on event (country_ids, deletion: the remarks made at it) and on participant (a speaker changing
-- country; a country's ISO code set or changed: the remarks naming it).

CREATE TABLE "relationship_region_remark" (
  "side" UUID NOT NULL,
  "remark_id" UUID NOT NULL,
  "said_date" DATE,
  CONSTRAINT "relationship_region_remark_pkey" PRIMARY KEY ("remark_id")
);
CREATE INDEX "relationship_region_remark_said_idx"
  ON "relationship_region_remark" ("side", "said_date" DESC NULLS LAST, "remark_id" DESC);

CREATE TABLE "relationship_region_remark_count" (
  "side" UUID NOT NULL,
  "n" INTEGER NOT NULL,
  CONSTRAINT "relationship_region_remark_count_pkey" PRIMARY KEY ("side")
);

CREATE TABLE "relationship_remark" (
  "country_lo" UUID NOT NULL,
  "country_hi" UUID NOT NULL,
  "remark_id" UUID NOT NULL,
  "said_date" DATE,
  CONSTRAINT "relationship_remark_pkey" PRIMARY KEY ("country_lo", "country_hi", "remark_id")
);
CREATE INDEX "relationship_remark_said_idx"
  ON "relationship_remark" ("country_lo", "country_hi", "said_date" DESC NULLS LAST, "remark_id" DESC);
CREATE INDEX "relationship_remark_remark_idx" ON "relationship_remark" ("remark_id");

CREATE TABLE "relationship_remark_count" (
  "country_lo" UUID NOT NULL,
  "country_hi" UUID NOT NULL,
  "n" INTEGER NOT NULL,
  CONSTRAINT "relationship_remark_count_pkey" PRIMARY KEY ("country_lo", "country_hi")
);

-- The rows the given remarks (every remark when NULL) should have, from scratch.
CREATE FUNCTION "relationship_region_remark_expected"(remarks UUID[])
  RETURNS TABLE (side UUID, remark_id UUID, said_date DATE)
  LANGUAGE SQL STABLE AS $$
  SELECT coalesce(s.country_id, s.id), r.id, r.said_date
  FROM remark r JOIN participant s ON s.id = r.speaker_id
  WHERE r.deleted_at IS NULL AND (remarks IS NULL OR r.id = ANY (remarks))
    AND EXISTS (SELECT 1 FROM unnest(r.topics) AS topic WHERE topic !~ '^[A-Z]{2}$')
$$;

CREATE FUNCTION "relationship_remark_expected"(remarks UUID[])
  RETURNS TABLE (country_lo UUID, country_hi UUID, remark_id UUID, said_date DATE)
  LANGUAGE SQL STABLE AS $$
  -- The countries by code, once (a few hundred rows at most), rather than a lookup per remark.
  WITH country AS MATERIALIZED (SELECT c.id, c.iso_code::text AS code FROM participant c WHERE c.iso_code IS NOT NULL)
  SELECT DISTINCT least(f.side, x.id), greatest(f.side, x.id), f.id, f.said_date
  FROM (
    SELECT r.id, r.said_date, r.topics, r.event_id, coalesce(s.country_id, s.id) AS side
    FROM remark r JOIN participant s ON s.id = r.speaker_id
    WHERE r.deleted_at IS NULL AND (remarks IS NULL OR r.id = ANY (remarks))
      AND NOT EXISTS (SELECT 1 FROM unnest(r.topics) AS topic WHERE topic !~ '^[A-Z]{2}$')
  ) f
  CROSS JOIN LATERAL (
    SELECT c.id FROM country c WHERE c.code = ANY (f.topics)
    UNION
    SELECT u.id FROM event e CROSS JOIN LATERAL unnest(e.country_ids) AS u(id)
    WHERE e.id = f.event_id AND e.deleted_at IS NULL AND f.side = ANY (e.country_ids)
  ) x
  WHERE x.id <> f.side
$$;

CREATE FUNCTION "relationship_remarks_refresh"(remarks UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF remarks IS NULL OR cardinality(remarks) = 0 THEN RETURN; END IF;
  WITH gone AS (DELETE FROM relationship_region_remark t WHERE t.remark_id = ANY (remarks) RETURNING t.side)
  INSERT INTO relationship_region_remark_count AS t (side, n)
  SELECT side, -count(*)::int FROM gone GROUP BY side ORDER BY side
  ON CONFLICT (side) DO UPDATE SET n = t.n + EXCLUDED.n;
  WITH added AS (INSERT INTO relationship_region_remark SELECT * FROM relationship_region_remark_expected(remarks)
                 RETURNING side)
  INSERT INTO relationship_region_remark_count AS t (side, n)
  SELECT side, count(*)::int FROM added GROUP BY side ORDER BY side
  ON CONFLICT (side) DO UPDATE SET n = t.n + EXCLUDED.n;
  -- Removed, then added: in one statement the insert would meet the rows it replaces.
  WITH gone AS (DELETE FROM relationship_remark t WHERE t.remark_id = ANY (remarks)
                RETURNING t.country_lo, t.country_hi)
  INSERT INTO relationship_remark_count AS t (country_lo, country_hi, n)
  SELECT country_lo, country_hi, -count(*)::int FROM gone GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (country_lo, country_hi) DO UPDATE SET n = t.n + EXCLUDED.n;
  WITH added AS (INSERT INTO relationship_remark SELECT * FROM relationship_remark_expected(remarks)
                 RETURNING country_lo, country_hi)
  INSERT INTO relationship_remark_count AS t (country_lo, country_hi, n)
  SELECT country_lo, country_hi, count(*)::int FROM added GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (country_lo, country_hi) DO UPDATE SET n = t.n + EXCLUDED.n;
END $$;

CREATE FUNCTION "remark_relationship_summaries"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM relationship_remarks_refresh(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END]);
  RETURN NULL;
END $$;

CREATE TRIGGER "remark_relationship_summaries" AFTER INSERT OR DELETE ON "remark"
  FOR EACH ROW EXECUTE FUNCTION remark_relationship_summaries();
CREATE TRIGGER "remark_relationship_summaries_update" AFTER UPDATE ON "remark"
  FOR EACH ROW
  WHEN (OLD.speaker_id IS DISTINCT FROM NEW.speaker_id OR OLD.topics IS DISTINCT FROM NEW.topics
        OR OLD.event_id IS DISTINCT FROM NEW.event_id OR OLD.said_date IS DISTINCT FROM NEW.said_date
        OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at)
  EXECUTE FUNCTION remark_relationship_summaries();

CREATE FUNCTION "event_relationship_remarks"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM relationship_remarks_refresh(ARRAY(SELECT r.id FROM remark r WHERE r.event_id = NEW.id));
  RETURN NULL;
END $$;

CREATE TRIGGER "event_relationship_remarks" AFTER UPDATE ON "event"
  FOR EACH ROW
  WHEN (OLD.country_ids IS DISTINCT FROM NEW.country_ids OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
  EXECUTE FUNCTION event_relationship_remarks();

CREATE FUNCTION "participant_relationship_remarks"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM relationship_remarks_refresh(ARRAY(
    SELECT r.id FROM remark r
    WHERE (TG_OP = 'UPDATE' AND r.speaker_id = NEW.id)
       OR r.topics && array_remove(ARRAY[CASE WHEN TG_OP = 'UPDATE' THEN OLD.iso_code END, NEW.iso_code]::text[], NULL)));
  RETURN NULL;
END $$;

CREATE TRIGGER "participant_relationship_remarks" AFTER UPDATE ON "participant"
  FOR EACH ROW
  WHEN (OLD.country_id IS DISTINCT FROM NEW.country_id OR OLD.iso_code IS DISTINCT FROM NEW.iso_code)
  EXECUTE FUNCTION participant_relationship_remarks();
CREATE TRIGGER "participant_relationship_remarks_insert" AFTER INSERT ON "participant"
  FOR EACH ROW WHEN (NEW.iso_code IS NOT NULL)
  EXECUTE FUNCTION participant_relationship_remarks();

-- The rebuild and the drift check cover the remark summaries too.
CREATE OR REPLACE FUNCTION "relationship_summaries_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE relationship_event, relationship_kind_count, relationship_month_count, relationship_pair,
           relationship_region_remark, relationship_region_remark_count, relationship_remark,
           relationship_remark_count;
  INSERT INTO relationship_event SELECT * FROM relationship_event_expected();
  INSERT INTO relationship_kind_count SELECT * FROM relationship_kind_count_expected();
  INSERT INTO relationship_month_count SELECT * FROM relationship_month_count_expected();
  INSERT INTO relationship_pair SELECT * FROM relationship_pair_expected();
  INSERT INTO relationship_region_remark SELECT * FROM relationship_region_remark_expected(NULL);
  INSERT INTO relationship_region_remark_count
    SELECT side, count(*)::int FROM relationship_region_remark GROUP BY side;
  INSERT INTO relationship_remark SELECT * FROM relationship_remark_expected(NULL);
  INSERT INTO relationship_remark_count
    SELECT country_lo, country_hi, count(*)::int FROM relationship_remark GROUP BY 1, 2;
END $$;

CREATE FUNCTION "relationship_remark_summaries_drift"() RETURNS TABLE (summary TEXT, wrong BIGINT)
  LANGUAGE SQL STABLE AS $$
  SELECT 'relationship_region_remark', count(*) FROM (
    (SELECT * FROM relationship_region_remark EXCEPT ALL SELECT * FROM relationship_region_remark_expected(NULL))
    UNION ALL
    (SELECT * FROM relationship_region_remark_expected(NULL) EXCEPT ALL SELECT * FROM relationship_region_remark)) d
  UNION ALL
  SELECT 'relationship_region_remark_count', count(*) FROM (
    (SELECT * FROM relationship_region_remark_count WHERE n <> 0
     EXCEPT ALL SELECT side, count(*)::int FROM relationship_region_remark_expected(NULL) GROUP BY side)
    UNION ALL
    (SELECT side, count(*)::int FROM relationship_region_remark_expected(NULL) GROUP BY side
     EXCEPT ALL SELECT * FROM relationship_region_remark_count WHERE n <> 0)) d
  UNION ALL
  SELECT 'relationship_remark', count(*) FROM (
    (SELECT * FROM relationship_remark EXCEPT ALL SELECT * FROM relationship_remark_expected(NULL))
    UNION ALL
    (SELECT * FROM relationship_remark_expected(NULL) EXCEPT ALL SELECT * FROM relationship_remark)) d
  UNION ALL
  SELECT 'relationship_remark_count', count(*) FROM (
    (SELECT * FROM relationship_remark_count WHERE n <> 0
     EXCEPT ALL SELECT country_lo, country_hi, count(*)::int FROM relationship_remark_expected(NULL) GROUP BY 1, 2)
    UNION ALL
    (SELECT country_lo, country_hi, count(*)::int FROM relationship_remark_expected(NULL) GROUP BY 1, 2
     EXCEPT ALL SELECT * FROM relationship_remark_count WHERE n <> 0)) d
$$;

-- Same signature as before, so its callers need not change: every summary, events and remarks.
CREATE OR REPLACE FUNCTION "relationship_summaries_drift"() RETURNS TABLE (summary TEXT, wrong BIGINT)
  LANGUAGE SQL STABLE AS $$
  SELECT 'relationship_event', count(*) FROM (
    (SELECT * FROM relationship_event EXCEPT ALL SELECT * FROM relationship_event_expected())
    UNION ALL
    (SELECT * FROM relationship_event_expected() EXCEPT ALL SELECT * FROM relationship_event)) d
  UNION ALL
  SELECT 'relationship_kind_count', count(*) FROM (
    (SELECT * FROM relationship_kind_count WHERE n <> 0 EXCEPT ALL SELECT * FROM relationship_kind_count_expected())
    UNION ALL
    (SELECT * FROM relationship_kind_count_expected() EXCEPT ALL SELECT * FROM relationship_kind_count WHERE n <> 0)) d
  UNION ALL
  SELECT 'relationship_month_count', count(*) FROM (
    (SELECT * FROM relationship_month_count WHERE n <> 0 EXCEPT ALL SELECT * FROM relationship_month_count_expected())
    UNION ALL
    (SELECT * FROM relationship_month_count_expected() EXCEPT ALL SELECT * FROM relationship_month_count WHERE n <> 0)) d
  UNION ALL
  SELECT 'relationship_pair', count(*) FROM (
    (SELECT * FROM relationship_pair WHERE meetings <> 0 EXCEPT ALL SELECT * FROM relationship_pair_expected())
    UNION ALL
    (SELECT * FROM relationship_pair_expected() EXCEPT ALL SELECT * FROM relationship_pair WHERE meetings <> 0)) d
  UNION ALL
  SELECT * FROM relationship_remark_summaries_drift()
$$;

INSERT INTO relationship_region_remark SELECT * FROM relationship_region_remark_expected(NULL);
INSERT INTO relationship_region_remark_count SELECT side, count(*)::int FROM relationship_region_remark GROUP BY side;
INSERT INTO relationship_remark SELECT * FROM relationship_remark_expected(NULL);
INSERT INTO relationship_remark_count
  SELECT country_lo, country_hi, count(*)::int FROM relationship_remark GROUP BY 1, 2;
