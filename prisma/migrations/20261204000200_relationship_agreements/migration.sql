-- The relationship view's agreements, summarised like its events and remarks: at 1M events the pair's
-- agreements (37k of 47k) were found by joining every party of both sides (150–370 ms per view).
--
-- An agreement belongs to the relationship of countries a and b when both are party to it, directly or
-- through a participant whose country they are (side = coalesce(country_id, id)); not deleted.
-- relationship_agreement holds one row per (pair, agreement), relationship_agreement_count the pairs'
-- totals. One function recomputes the rows of given agreements (shifting the counts by what it removed and
-- added), called by triggers on agreement (deletion, signed date), agreement_party and participant (a
-- party changing country).

CREATE TABLE "relationship_agreement" (
  "country_lo" UUID NOT NULL,
  "country_hi" UUID NOT NULL,
  "agreement_id" UUID NOT NULL,
  "signed_date" DATE,
  CONSTRAINT "relationship_agreement_pkey" PRIMARY KEY ("country_lo", "country_hi", "agreement_id")
);
CREATE INDEX "relationship_agreement_signed_idx"
  ON "relationship_agreement" ("country_lo", "country_hi", "signed_date" DESC NULLS LAST, "agreement_id" DESC);
CREATE INDEX "relationship_agreement_agreement_idx" ON "relationship_agreement" ("agreement_id");

CREATE TABLE "relationship_agreement_count" (
  "country_lo" UUID NOT NULL,
  "country_hi" UUID NOT NULL,
  "n" INTEGER NOT NULL,
  CONSTRAINT "relationship_agreement_count_pkey" PRIMARY KEY ("country_lo", "country_hi")
);

CREATE FUNCTION "relationship_agreement_expected"(agreements UUID[])
  RETURNS TABLE (country_lo UUID, country_hi UUID, agreement_id UUID, signed_date DATE)
  LANGUAGE SQL STABLE AS $$
  WITH sides AS (
    SELECT DISTINCT a.id, a.signed_date, coalesce(p.country_id, p.id) AS side
    FROM agreement a
    JOIN agreement_party ap ON ap.agreement_id = a.id
    JOIN participant p ON p.id = ap.participant_id
    WHERE a.deleted_at IS NULL AND (agreements IS NULL OR a.id = ANY (agreements))
  )
  SELECT x.side, y.side, x.id, x.signed_date
  FROM sides x JOIN sides y ON y.id = x.id AND y.side > x.side
$$;

CREATE FUNCTION "relationship_agreements_refresh"(agreements UUID[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF agreements IS NULL OR cardinality(agreements) = 0 THEN RETURN; END IF;
  WITH gone AS (DELETE FROM relationship_agreement t WHERE t.agreement_id = ANY (agreements)
                RETURNING t.country_lo, t.country_hi)
  INSERT INTO relationship_agreement_count AS t (country_lo, country_hi, n)
  SELECT country_lo, country_hi, -count(*)::int FROM gone GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (country_lo, country_hi) DO UPDATE SET n = t.n + EXCLUDED.n;
  WITH added AS (INSERT INTO relationship_agreement SELECT * FROM relationship_agreement_expected(agreements)
                 RETURNING country_lo, country_hi)
  INSERT INTO relationship_agreement_count AS t (country_lo, country_hi, n)
  SELECT country_lo, country_hi, count(*)::int FROM added GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (country_lo, country_hi) DO UPDATE SET n = t.n + EXCLUDED.n;
END $$;

CREATE FUNCTION "agreement_relationship_summaries"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM relationship_agreements_refresh(ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END]);
  RETURN NULL;
END $$;

CREATE TRIGGER "agreement_relationship_summaries" AFTER DELETE ON "agreement"
  FOR EACH ROW EXECUTE FUNCTION agreement_relationship_summaries();
CREATE TRIGGER "agreement_relationship_summaries_update" AFTER UPDATE ON "agreement"
  FOR EACH ROW
  WHEN (OLD.deleted_at IS DISTINCT FROM NEW.deleted_at OR OLD.signed_date IS DISTINCT FROM NEW.signed_date)
  EXECUTE FUNCTION agreement_relationship_summaries();

-- Parties, per statement (`changed`: new rows, or old ones for a delete; `previous`: an update's old rows).
CREATE FUNCTION "agreement_party_relationship_summaries"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM relationship_agreements_refresh(ARRAY(
      SELECT agreement_id FROM changed UNION SELECT agreement_id FROM previous));
  ELSE
    PERFORM relationship_agreements_refresh(ARRAY(SELECT DISTINCT agreement_id FROM changed));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "agreement_party_insert_relationship_summaries" AFTER INSERT ON "agreement_party"
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION agreement_party_relationship_summaries();
CREATE TRIGGER "agreement_party_update_relationship_summaries" AFTER UPDATE ON "agreement_party"
  REFERENCING NEW TABLE AS changed OLD TABLE AS previous
  FOR EACH STATEMENT EXECUTE FUNCTION agreement_party_relationship_summaries();
CREATE TRIGGER "agreement_party_delete_relationship_summaries" AFTER DELETE ON "agreement_party"
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION agreement_party_relationship_summaries();

CREATE FUNCTION "participant_relationship_agreements"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM relationship_agreements_refresh(ARRAY(
    SELECT DISTINCT ap.agreement_id FROM agreement_party ap WHERE ap.participant_id = NEW.id));
  RETURN NULL;
END $$;

CREATE TRIGGER "participant_relationship_agreements" AFTER UPDATE ON "participant"
  FOR EACH ROW WHEN (OLD.country_id IS DISTINCT FROM NEW.country_id)
  EXECUTE FUNCTION participant_relationship_agreements();

CREATE OR REPLACE FUNCTION "relationship_summaries_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE relationship_event, relationship_kind_count, relationship_month_count, relationship_pair,
           relationship_region_remark, relationship_region_remark_count, relationship_remark,
           relationship_remark_count, relationship_agreement, relationship_agreement_count;
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
  INSERT INTO relationship_agreement SELECT * FROM relationship_agreement_expected(NULL);
  INSERT INTO relationship_agreement_count
    SELECT country_lo, country_hi, count(*)::int FROM relationship_agreement GROUP BY 1, 2;
END $$;

CREATE FUNCTION "relationship_agreement_summaries_drift"() RETURNS TABLE (summary TEXT, wrong BIGINT)
  LANGUAGE SQL STABLE AS $$
  SELECT 'relationship_agreement', count(*) FROM (
    (SELECT * FROM relationship_agreement EXCEPT ALL SELECT * FROM relationship_agreement_expected(NULL))
    UNION ALL
    (SELECT * FROM relationship_agreement_expected(NULL) EXCEPT ALL SELECT * FROM relationship_agreement)) d
  UNION ALL
  SELECT 'relationship_agreement_count', count(*) FROM (
    (SELECT * FROM relationship_agreement_count WHERE n <> 0
     EXCEPT ALL SELECT country_lo, country_hi, count(*)::int FROM relationship_agreement_expected(NULL) GROUP BY 1, 2)
    UNION ALL
    (SELECT country_lo, country_hi, count(*)::int FROM relationship_agreement_expected(NULL) GROUP BY 1, 2
     EXCEPT ALL SELECT * FROM relationship_agreement_count WHERE n <> 0)) d
$$;

-- relationship_summaries_drift() as before, plus the agreements.
CREATE OR REPLACE FUNCTION "relationship_remark_summaries_drift"() RETURNS TABLE (summary TEXT, wrong BIGINT)
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
  UNION ALL
  SELECT * FROM relationship_agreement_summaries_drift()
$$;

INSERT INTO relationship_agreement SELECT * FROM relationship_agreement_expected(NULL);
INSERT INTO relationship_agreement_count
  SELECT country_lo, country_hi, count(*)::int FROM relationship_agreement GROUP BY 1, 2;
