-- Summaries of every pair of countries, kept exact by triggers in the transaction of each write, so that
-- the relationship view (src/relationship/relationship.data.ts) reads a few rows per request instead of
-- every bilateral event: at 1M events the counts alone were a 860k-row scan.
--
-- A pair of countries is stored once, (country_lo, country_hi) with country_lo < country_hi, whichever
-- order a request names them in. What each table holds, for the live (not soft-deleted) events only:
-- - relationship_event: one row per bilateral event of the pair (both countries in event.country_ids),
--   with what pages and first/last contact order by: a per-pair index of the events.
-- - relationship_kind_count: the pair's events per kind (their sum is the events' total).
-- - relationship_month_count: the pair's events per month of their start date, split by whether the
--   date is of YEAR precision (approximate within a month). Years are sums of months. Events without a
--   start date (should dates ever become optional) are in no period.
-- - relationship_pair: pairs of people, one of each country (live PERSON participants, the country being
--   their country_id), and in how many distinct live events both took part.
-- Count rows that fall to zero are kept (readers skip them): deleting them would race with a concurrent
-- increment. Increments are `n = n + delta` upserts, so concurrent writers never lose each other's.
--
-- Who keeps them right:
-- - event insert, update (of country_ids, deleted_at, kind or its dates) and delete: a row trigger
--   removes the old row's contributions and adds the new one's. country_ids is itself kept by the
--   triggers of migration event_countries, so participations and participants changing country reach
--   these tables through it.
-- - relationship_pair: participations (statement triggers comparing the touched events' people before and
--   after the statement), an event's deleted_at (row trigger), a hard-deleted event (BEFORE DELETE, while
--   its participations still exist), and a participant's kind, country or deleted_at (row trigger).
-- bench:data loads with triggers off and then calls relationship_summaries_rebuild(); this migration
-- back-fills the same way. relationship_summaries_drift() compares the tables with a recomputation from
-- scratch (tests and bench/data/verify.ts call it).

CREATE TABLE "relationship_event" (
  "country_lo" UUID NOT NULL,
  "country_hi" UUID NOT NULL,
  "event_id" UUID NOT NULL,
  "start_date" DATE,
  "start_precision" "DatePrecision" NOT NULL,
  "latest_date" DATE,
  "kind" "EventKind" NOT NULL,
  CONSTRAINT "relationship_event_pkey" PRIMARY KEY ("country_lo", "country_hi", "event_id")
);
CREATE INDEX "relationship_event_start_idx"
  ON "relationship_event" ("country_lo", "country_hi", "start_date" DESC, "event_id" DESC);
CREATE INDEX "relationship_event_latest_idx"
  ON "relationship_event" ("country_lo", "country_hi", "latest_date", "start_date", "event_id");
CREATE INDEX "relationship_event_event_idx" ON "relationship_event" ("event_id");

CREATE TABLE "relationship_kind_count" (
  "country_lo" UUID NOT NULL,
  "country_hi" UUID NOT NULL,
  "kind" "EventKind" NOT NULL,
  "n" INTEGER NOT NULL,
  CONSTRAINT "relationship_kind_count_pkey" PRIMARY KEY ("country_lo", "country_hi", "kind")
);

CREATE TABLE "relationship_month_count" (
  "country_lo" UUID NOT NULL,
  "country_hi" UUID NOT NULL,
  "month" DATE NOT NULL,
  "year_precision" BOOLEAN NOT NULL,
  "n" INTEGER NOT NULL,
  CONSTRAINT "relationship_month_count_pkey" PRIMARY KEY ("country_lo", "country_hi", "month", "year_precision")
);

CREATE TABLE "relationship_pair" (
  "country_lo" UUID NOT NULL,
  "country_hi" UUID NOT NULL,
  "person_lo" UUID NOT NULL,
  "person_hi" UUID NOT NULL,
  "meetings" INTEGER NOT NULL,
  CONSTRAINT "relationship_pair_pkey" PRIMARY KEY ("country_lo", "country_hi", "person_lo", "person_hi")
);
CREATE INDEX "relationship_pair_meetings_idx"
  ON "relationship_pair" ("country_lo", "country_hi", "meetings" DESC);
CREATE INDEX "relationship_pair_person_hi_idx" ON "relationship_pair" ("person_hi");

-- The summaries as they should be, computed from scratch: what the rebuild writes and the drift check
-- compares with. Functions, not views, so that the schema holds only the tables schema.prisma declares.
CREATE FUNCTION "relationship_event_expected"()
  RETURNS TABLE (country_lo UUID, country_hi UUID, event_id UUID, start_date DATE,
                 start_precision "DatePrecision", latest_date DATE, kind "EventKind")
  LANGUAGE SQL STABLE AS $$
  SELECT a.id, b.id, e.id, e.start_date, e.start_precision, e.latest_date, e.kind
  FROM event e
  CROSS JOIN LATERAL unnest(e.country_ids) AS a(id)
  CROSS JOIN LATERAL unnest(e.country_ids) AS b(id)
  WHERE e.deleted_at IS NULL AND a.id < b.id
$$;

CREATE FUNCTION "relationship_kind_count_expected"()
  RETURNS TABLE (country_lo UUID, country_hi UUID, kind "EventKind", n INTEGER)
  LANGUAGE SQL STABLE AS $$
  SELECT r.country_lo, r.country_hi, r.kind, count(*)::int
  FROM relationship_event_expected() r GROUP BY 1, 2, 3
$$;

CREATE FUNCTION "relationship_month_count_expected"()
  RETURNS TABLE (country_lo UUID, country_hi UUID, month DATE, year_precision BOOLEAN, n INTEGER)
  LANGUAGE SQL STABLE AS $$
  SELECT r.country_lo, r.country_hi, date_trunc('month', r.start_date)::date, r.start_precision = 'YEAR',
         count(*)::int
  FROM relationship_event_expected() r WHERE r.start_date IS NOT NULL GROUP BY 1, 2, 3, 4
$$;

-- Who counts as a side's person: a live PERSON with a country.
CREATE FUNCTION "relationship_pair_expected"()
  RETURNS TABLE (country_lo UUID, country_hi UUID, person_lo UUID, person_hi UUID, meetings INTEGER)
  LANGUAGE SQL STABLE AS $$
  WITH people AS (
    SELECT DISTINCT pa.event_id, p.id, p.country_id
    FROM participation pa
    JOIN participant p ON p.id = pa.participant_id
    JOIN event e ON e.id = pa.event_id
    WHERE p.kind = 'PERSON' AND p.deleted_at IS NULL AND p.country_id IS NOT NULL AND e.deleted_at IS NULL
  )
  SELECT x.country_id, y.country_id, x.id, y.id, count(*)::int
  FROM people x JOIN people y ON y.event_id = x.event_id AND y.country_id > x.country_id
  GROUP BY 1, 2, 3, 4
$$;

CREATE FUNCTION "relationship_summaries_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE relationship_event, relationship_kind_count, relationship_month_count, relationship_pair;
  INSERT INTO relationship_event SELECT * FROM relationship_event_expected();
  INSERT INTO relationship_kind_count SELECT * FROM relationship_kind_count_expected();
  INSERT INTO relationship_month_count SELECT * FROM relationship_month_count_expected();
  INSERT INTO relationship_pair SELECT * FROM relationship_pair_expected();
END $$;

-- Rows that differ from a recomputation, per table (zero counts are as good as absent). All zero: exact.
CREATE FUNCTION "relationship_summaries_drift"() RETURNS TABLE (summary TEXT, wrong BIGINT)
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
$$;

-- One event row's contributions to the event and count tables, added (sign 1) or removed (-1).
CREATE FUNCTION "relationship_event_shift"(e event, sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF sign < 0 THEN
    DELETE FROM relationship_event r WHERE r.event_id = e.id;
  ELSE
    INSERT INTO relationship_event
    SELECT a.id, b.id, e.id, e.start_date, e.start_precision, e.latest_date, e.kind
    FROM unnest(e.country_ids) AS a(id) CROSS JOIN unnest(e.country_ids) AS b(id) WHERE a.id < b.id;
  END IF;
  INSERT INTO relationship_kind_count AS t
  SELECT a.id, b.id, e.kind, sign
  FROM unnest(e.country_ids) AS a(id) CROSS JOIN unnest(e.country_ids) AS b(id) WHERE a.id < b.id
  ON CONFLICT (country_lo, country_hi, kind) DO UPDATE SET n = t.n + EXCLUDED.n;
  IF e.start_date IS NOT NULL THEN
    INSERT INTO relationship_month_count AS t
    SELECT a.id, b.id, date_trunc('month', e.start_date)::date, e.start_precision = 'YEAR', sign
    FROM unnest(e.country_ids) AS a(id) CROSS JOIN unnest(e.country_ids) AS b(id) WHERE a.id < b.id
    ON CONFLICT (country_lo, country_hi, month, year_precision) DO UPDATE SET n = t.n + EXCLUDED.n;
  END IF;
END $$;

-- The people pairs of two states of some events' participations, given as (event, participant) rows:
-- adds the pairs of `after` and removes those of `before`, by how many events each pair gains or loses.
-- Only live events and live PERSON participants with a country count; a person in two roles at one
-- event counts once.
CREATE FUNCTION "relationship_pairs_apply"(before_events UUID[], before_people UUID[],
                                           after_events UUID[], after_people UUID[])
  RETURNS void LANGUAGE SQL AS $$
  WITH rows AS (
    SELECT t.e AS event_id, t.p AS person_id, -1 AS sign FROM unnest(before_events, before_people) AS t(e, p)
    UNION
    SELECT t.e, t.p, 1 FROM unnest(after_events, after_people) AS t(e, p)
  ),
  people AS (
    SELECT r.event_id, r.sign, p.id, p.country_id
    FROM rows r
    JOIN participant p ON p.id = r.person_id
    JOIN event e ON e.id = r.event_id
    WHERE p.kind = 'PERSON' AND p.deleted_at IS NULL AND p.country_id IS NOT NULL AND e.deleted_at IS NULL
  ),
  delta AS (
    SELECT x.country_id AS lo, y.country_id AS hi, x.id AS plo, y.id AS phi, sum(x.sign)::int AS n
    FROM people x JOIN people y ON y.event_id = x.event_id AND y.sign = x.sign AND y.country_id > x.country_id
    GROUP BY 1, 2, 3, 4
    HAVING sum(x.sign) <> 0
  )
  INSERT INTO relationship_pair AS t (country_lo, country_hi, person_lo, person_hi, meetings)
  SELECT lo, hi, plo, phi, n FROM delta ORDER BY 1, 2, 3, 4
  ON CONFLICT (country_lo, country_hi, person_lo, person_hi) DO UPDATE SET meetings = t.meetings + EXCLUDED.meetings
$$;

-- The pairs one participant takes part in, counted with the given attributes for it (its old or new
-- kind, country and deletion), added or removed.
CREATE FUNCTION "relationship_person_shift"(person UUID, person_kind "ParticipantKind", person_country UUID,
                                            person_live BOOLEAN, sign INTEGER)
  RETURNS void LANGUAGE SQL AS $$
  WITH mine AS (
    SELECT DISTINCT pa.event_id FROM participation pa JOIN event e ON e.id = pa.event_id
    WHERE pa.participant_id = person AND e.deleted_at IS NULL
  ),
  others AS (
    SELECT q.id, q.country_id, count(DISTINCT pa.event_id)::int AS n
    FROM mine JOIN participation pa ON pa.event_id = mine.event_id
    JOIN participant q ON q.id = pa.participant_id
    WHERE q.id <> person AND q.kind = 'PERSON' AND q.deleted_at IS NULL AND q.country_id IS NOT NULL
      AND q.country_id <> person_country
    GROUP BY q.id, q.country_id
  )
  INSERT INTO relationship_pair AS t (country_lo, country_hi, person_lo, person_hi, meetings)
  SELECT least(person_country, o.country_id), greatest(person_country, o.country_id),
         CASE WHEN person_country < o.country_id THEN person ELSE o.id END,
         CASE WHEN person_country < o.country_id THEN o.id ELSE person END,
         sign * o.n
  FROM others o
  WHERE person_kind = 'PERSON' AND person_live AND person_country IS NOT NULL
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (country_lo, country_hi, person_lo, person_hi) DO UPDATE SET meetings = t.meetings + EXCLUDED.meetings
$$;

-- The pairs of one event's current participations, added or removed (its deletion and restoration).
CREATE FUNCTION "relationship_event_pairs_shift"(event UUID, sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  ev UUID[];
  pe UUID[];
BEGIN
  SELECT array_agg(pa.event_id), array_agg(pa.participant_id) INTO ev, pe
  FROM participation pa WHERE pa.event_id = event;
  IF sign > 0 THEN
    PERFORM relationship_pairs_apply(NULL, NULL, ev, pe);
  ELSE
    -- Counted as if live: the row is already marked deleted when this runs for a soft delete.
    INSERT INTO relationship_pair AS t (country_lo, country_hi, person_lo, person_hi, meetings)
    SELECT x.country_id, y.country_id, x.id, y.id, -1
    FROM (SELECT DISTINCT p.id, p.country_id FROM participation pa JOIN participant p ON p.id = pa.participant_id
          WHERE pa.event_id = event AND p.kind = 'PERSON' AND p.deleted_at IS NULL AND p.country_id IS NOT NULL) x
    JOIN (SELECT DISTINCT p.id, p.country_id FROM participation pa JOIN participant p ON p.id = pa.participant_id
          WHERE pa.event_id = event AND p.kind = 'PERSON' AND p.deleted_at IS NULL AND p.country_id IS NOT NULL) y
      ON y.country_id > x.country_id
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (country_lo, country_hi, person_lo, person_hi) DO UPDATE SET meetings = t.meetings + EXCLUDED.meetings;
  END IF;
END $$;

CREATE FUNCTION "event_relationship_summaries"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN
    PERFORM relationship_event_shift(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN
    PERFORM relationship_event_shift(NEW, 1);
  END IF;
  IF TG_OP = 'UPDATE' AND (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) THEN
    PERFORM relationship_event_pairs_shift(NEW.id, CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "event_relationship_summaries" AFTER INSERT OR DELETE ON "event"
  FOR EACH ROW EXECUTE FUNCTION event_relationship_summaries();
CREATE TRIGGER "event_relationship_summaries_update" AFTER UPDATE ON "event"
  FOR EACH ROW
  WHEN (OLD.country_ids IS DISTINCT FROM NEW.country_ids OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
        OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.start_date IS DISTINCT FROM NEW.start_date
        OR OLD.start_precision IS DISTINCT FROM NEW.start_precision
        OR OLD.latest_date IS DISTINCT FROM NEW.latest_date)
  EXECUTE FUNCTION event_relationship_summaries();

-- A hard-deleted live event loses its pairs while its participations (deleted by the cascade after it)
-- can still be read; the participations' own trigger then finds the event gone and counts nothing.
CREATE FUNCTION "event_relationship_pairs_delete"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.deleted_at IS NULL THEN
    PERFORM relationship_event_pairs_shift(OLD.id, -1);
  END IF;
  RETURN OLD;
END $$;

CREATE TRIGGER "event_relationship_pairs_delete" BEFORE DELETE ON "event"
  FOR EACH ROW EXECUTE FUNCTION event_relationship_pairs_delete();

-- Participations, per statement: the touched events' people before the statement (the rows now there,
-- less those it inserted, plus those it deleted) and after it.
CREATE FUNCTION "participation_relationship_pairs"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  be UUID[];
  bp UUID[];
  ae UUID[];
  ap UUID[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(pa.event_id), array_agg(pa.participant_id),
           array_agg(pa.event_id) FILTER (WHERE pa.id NOT IN (SELECT id FROM changed)),
           array_agg(pa.participant_id) FILTER (WHERE pa.id NOT IN (SELECT id FROM changed))
      INTO ae, ap, be, bp
    FROM participation pa WHERE pa.event_id IN (SELECT event_id FROM changed);
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(s.event_id), array_agg(s.participant_id),
           array_agg(s.event_id) FILTER (WHERE s.now), array_agg(s.participant_id) FILTER (WHERE s.now)
      INTO be, bp, ae, ap
    FROM (SELECT pa.event_id, pa.participant_id, true AS now FROM participation pa
          WHERE pa.event_id IN (SELECT event_id FROM changed)
          UNION ALL
          SELECT c.event_id, c.participant_id, false FROM changed c) s;
  ELSE
    SELECT array_agg(s.event_id) FILTER (WHERE s.now), array_agg(s.participant_id) FILTER (WHERE s.now),
           array_agg(s.event_id) FILTER (WHERE s.was), array_agg(s.participant_id) FILTER (WHERE s.was)
      INTO ae, ap, be, bp
    FROM (SELECT pa.event_id, pa.participant_id, true AS now,
                 pa.id NOT IN (SELECT id FROM changed) AS was
          FROM participation pa
          WHERE pa.event_id IN (SELECT event_id FROM changed UNION SELECT event_id FROM previous)
          UNION ALL
          SELECT p.event_id, p.participant_id, false, true FROM previous p) s;
  END IF;
  PERFORM relationship_pairs_apply(be, bp, ae, ap);
  RETURN NULL;
END $$;

CREATE TRIGGER "participation_insert_relationship_pairs" AFTER INSERT ON "participation"
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION participation_relationship_pairs();
CREATE TRIGGER "participation_update_relationship_pairs" AFTER UPDATE ON "participation"
  REFERENCING NEW TABLE AS changed OLD TABLE AS previous
  FOR EACH STATEMENT EXECUTE FUNCTION participation_relationship_pairs();
CREATE TRIGGER "participation_delete_relationship_pairs" AFTER DELETE ON "participation"
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION participation_relationship_pairs();

CREATE FUNCTION "participant_relationship_pairs"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM relationship_person_shift(OLD.id, OLD.kind, OLD.country_id, OLD.deleted_at IS NULL, -1);
  PERFORM relationship_person_shift(NEW.id, NEW.kind, NEW.country_id, NEW.deleted_at IS NULL, 1);
  RETURN NULL;
END $$;

CREATE TRIGGER "participant_relationship_pairs" AFTER UPDATE OF kind, country_id, deleted_at ON "participant"
  FOR EACH ROW
  WHEN (OLD.kind IS DISTINCT FROM NEW.kind OR OLD.country_id IS DISTINCT FROM NEW.country_id
        OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
  EXECUTE FUNCTION participant_relationship_pairs();

SELECT relationship_summaries_rebuild();
