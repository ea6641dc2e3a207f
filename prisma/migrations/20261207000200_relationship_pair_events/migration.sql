-- The events each pair of people (one of each country) met at, so that the relationship view's top pairs
-- read their last meeting and their list of meetings from an index of the pair, not from the two
-- people's participations: a busy minister takes part in tens of thousands of events at 1M, and
-- intersecting two such lists per pair grew with the log.
--
-- relationship_pair_event holds one row per pair of relationship_pair and live event both took part in
-- (so relationship_pair.meetings is the number of its rows), with the event's start date and precision
-- to order by. It is kept by the same functions as relationship_pair, in the transaction of each write:
-- participations (relationship_pairs_apply), an event's deletion, restoration and hard delete
-- (relationship_event_pairs_shift), a participant's kind, country or deletion (relationship_person_shift),
-- and an event's re-dating (event_relationship_summaries). relationship_summaries_drift() checks it.

CREATE TABLE "relationship_pair_event" (
  "person_lo" UUID NOT NULL,
  "person_hi" UUID NOT NULL,
  "event_id" UUID NOT NULL,
  "start_date" DATE,
  "start_precision" "DatePrecision" NOT NULL,
  CONSTRAINT "relationship_pair_event_pkey" PRIMARY KEY ("person_lo", "person_hi", "event_id")
);
CREATE INDEX "relationship_pair_event_start_idx"
  ON "relationship_pair_event" ("person_lo", "person_hi", "start_date" DESC, "event_id" DESC);
CREATE INDEX "relationship_pair_event_event_idx" ON "relationship_pair_event" ("event_id");

CREATE FUNCTION "relationship_pair_event_expected"()
  RETURNS TABLE (person_lo UUID, person_hi UUID, event_id UUID, start_date DATE, start_precision "DatePrecision")
  LANGUAGE SQL STABLE AS $$
  WITH people AS (
    SELECT DISTINCT pa.event_id, p.id, p.country_id, e.start_date, e.start_precision
    FROM participation pa
    JOIN participant p ON p.id = pa.participant_id
    JOIN event e ON e.id = pa.event_id
    WHERE p.kind = 'PERSON' AND p.deleted_at IS NULL AND p.country_id IS NOT NULL AND e.deleted_at IS NULL
  )
  SELECT x.id, y.id, x.event_id, x.start_date, x.start_precision
  FROM people x JOIN people y ON y.event_id = x.event_id AND y.country_id > x.country_id
$$;

-- As before, and per event: the pairs an event gains are inserted, those it loses deleted.
CREATE OR REPLACE FUNCTION "relationship_pairs_apply"(before_events UUID[], before_people UUID[],
                                                      after_events UUID[], after_people UUID[])
  RETURNS void LANGUAGE SQL AS $$
  WITH rows AS (
    SELECT t.e AS event_id, t.p AS person_id, -1 AS sign FROM unnest(before_events, before_people) AS t(e, p)
    UNION
    SELECT t.e, t.p, 1 FROM unnest(after_events, after_people) AS t(e, p)
  ),
  people AS (
    SELECT r.event_id, r.sign, p.id, p.country_id, e.start_date, e.start_precision
    FROM rows r
    JOIN participant p ON p.id = r.person_id
    JOIN event e ON e.id = r.event_id
    WHERE p.kind = 'PERSON' AND p.deleted_at IS NULL AND p.country_id IS NOT NULL AND e.deleted_at IS NULL
  ),
  per_event AS (
    SELECT x.country_id AS lo, y.country_id AS hi, x.id AS plo, y.id AS phi, x.event_id, x.start_date,
           x.start_precision, sum(x.sign)::int AS n
    FROM people x JOIN people y ON y.event_id = x.event_id AND y.sign = x.sign AND y.country_id > x.country_id
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(x.sign) <> 0
  ),
  added AS (
    INSERT INTO relationship_pair_event (person_lo, person_hi, event_id, start_date, start_precision)
    SELECT plo, phi, event_id, start_date, start_precision FROM per_event WHERE n > 0 ORDER BY 1, 2, 3
  ),
  removed AS (
    DELETE FROM relationship_pair_event t USING per_event d
    WHERE d.n < 0 AND t.person_lo = d.plo AND t.person_hi = d.phi AND t.event_id = d.event_id
  )
  INSERT INTO relationship_pair AS t (country_lo, country_hi, person_lo, person_hi, meetings)
  SELECT lo, hi, plo, phi, sum(n)::int FROM per_event GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (country_lo, country_hi, person_lo, person_hi) DO UPDATE SET meetings = t.meetings + EXCLUDED.meetings
$$;

-- As before, and per event (see relationship_pairs_apply).
CREATE OR REPLACE FUNCTION "relationship_person_shift"(person UUID, person_kind "ParticipantKind",
                                                       person_country UUID, person_live BOOLEAN, sign INTEGER)
  RETURNS void LANGUAGE SQL AS $$
  WITH mine AS (
    SELECT DISTINCT pa.event_id, e.start_date, e.start_precision
    FROM participation pa JOIN event e ON e.id = pa.event_id
    WHERE pa.participant_id = person AND e.deleted_at IS NULL
  ),
  met AS (
    SELECT DISTINCT q.id, q.country_id, mine.event_id, mine.start_date, mine.start_precision
    FROM mine JOIN participation pa ON pa.event_id = mine.event_id
    JOIN participant q ON q.id = pa.participant_id
    WHERE q.id <> person AND q.kind = 'PERSON' AND q.deleted_at IS NULL AND q.country_id IS NOT NULL
      AND q.country_id <> person_country
  ),
  keyed AS (
    SELECT least(person_country, m.country_id) AS lo, greatest(person_country, m.country_id) AS hi,
           CASE WHEN person_country < m.country_id THEN person ELSE m.id END AS plo,
           CASE WHEN person_country < m.country_id THEN m.id ELSE person END AS phi,
           m.event_id, m.start_date, m.start_precision
    FROM met m
    WHERE person_kind = 'PERSON' AND person_live AND person_country IS NOT NULL
  ),
  added AS (
    INSERT INTO relationship_pair_event (person_lo, person_hi, event_id, start_date, start_precision)
    SELECT plo, phi, event_id, start_date, start_precision FROM keyed WHERE sign > 0 ORDER BY 1, 2, 3
  ),
  removed AS (
    DELETE FROM relationship_pair_event t USING keyed k
    WHERE sign < 0 AND t.person_lo = k.plo AND t.person_hi = k.phi AND t.event_id = k.event_id
  )
  INSERT INTO relationship_pair AS t (country_lo, country_hi, person_lo, person_hi, meetings)
  SELECT lo, hi, plo, phi, sign * count(*)::int FROM keyed GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (country_lo, country_hi, person_lo, person_hi) DO UPDATE SET meetings = t.meetings + EXCLUDED.meetings
$$;

-- As before; a deleted event's rows go with its counts.
CREATE OR REPLACE FUNCTION "relationship_event_pairs_shift"(event UUID, sign INTEGER)
  RETURNS void LANGUAGE plpgsql AS $$
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
    DELETE FROM relationship_pair_event r WHERE r.event_id = event;
  END IF;
END $$;

-- As before; a re-dated live event moves within its pairs' lists.
CREATE OR REPLACE FUNCTION "event_relationship_summaries"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
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
  IF TG_OP = 'UPDATE' AND (OLD.start_date IS DISTINCT FROM NEW.start_date
                           OR OLD.start_precision IS DISTINCT FROM NEW.start_precision) THEN
    UPDATE relationship_pair_event r SET start_date = NEW.start_date, start_precision = NEW.start_precision
    WHERE r.event_id = NEW.id;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "relationship_pair_event_drift"() RETURNS TABLE (summary TEXT, wrong BIGINT)
  LANGUAGE SQL STABLE AS $$
  SELECT 'relationship_pair_event', count(*) FROM (
    (SELECT * FROM relationship_pair_event EXCEPT ALL SELECT * FROM relationship_pair_event_expected())
    UNION ALL
    (SELECT * FROM relationship_pair_event_expected() EXCEPT ALL SELECT * FROM relationship_pair_event)) d
$$;

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
  SELECT * FROM relationship_pair_event_drift()
  UNION ALL
  SELECT * FROM relationship_remark_summaries_drift()
$$;

CREATE OR REPLACE FUNCTION "relationship_summaries_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE relationship_event, relationship_kind_count, relationship_month_count, relationship_pair,
           relationship_pair_event, relationship_region_remark, relationship_region_remark_count,
           relationship_remark, relationship_remark_count, relationship_agreement, relationship_agreement_count;
  INSERT INTO relationship_event SELECT * FROM relationship_event_expected();
  INSERT INTO relationship_kind_count SELECT * FROM relationship_kind_count_expected();
  INSERT INTO relationship_month_count SELECT * FROM relationship_month_count_expected();
  INSERT INTO relationship_pair_event SELECT * FROM relationship_pair_event_expected();
  INSERT INTO relationship_pair
    SELECT least(p.country_id, q.country_id), greatest(p.country_id, q.country_id), r.person_lo, r.person_hi,
           count(*)::int
    FROM relationship_pair_event r JOIN participant p ON p.id = r.person_lo JOIN participant q ON q.id = r.person_hi
    GROUP BY 1, 2, 3, 4;
  INSERT INTO relationship_region_remark SELECT * FROM relationship_region_remark_expected(NULL);
  INSERT INTO relationship_region_remark_count
    SELECT side, count(*)::int FROM relationship_region_remark GROUP BY side;
  INSERT INTO relationship_remark SELECT * FROM relationship_remark_expected(NULL);
  INSERT INTO relationship_remark_count
    SELECT country_lo, country_hi, count(*)::int FROM relationship_remark GROUP BY 1, 2;
  INSERT INTO relationship_agreement SELECT * FROM relationship_agreement_expected(NULL);
  INSERT INTO relationship_agreement_count
    SELECT country_lo, country_hi, count(*)::int FROM relationship_agreement GROUP BY 1, 2;
END $$;

-- Back-fill: the pairs' events, from the same recomputation the drift check compares with.
INSERT INTO relationship_pair_event SELECT * FROM relationship_pair_event_expected();
