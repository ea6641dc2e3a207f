-- What the database can enforce beyond Prisma's schema language: check constraints, the provenance rule
-- (every claim has at least one citation) and the full-text indexes the API searches with.
-- Hand-written; Prisma Migrate keeps these as they are (it does not model checks, triggers or
-- expression indexes).

-- Slugs are stable, human-readable URL parts.
ALTER TABLE "participant" ADD CONSTRAINT "participant_slug_format" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "event"       ADD CONSTRAINT "event_slug_format"       CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "agreement"   ADD CONSTRAINT "agreement_slug_format"   CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "source"      ADD CONSTRAINT "source_slug_format"      CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');
ALTER TABLE "remark"      ADD CONSTRAINT "remark_slug_format"      CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$');

-- A date of MONTH precision is stored as the month's first day, of YEAR precision as 1 January, so
-- that ordering and range filters compare like with like.
CREATE FUNCTION "date_matches_precision"(d DATE, p "DatePrecision") RETURNS BOOLEAN
  LANGUAGE SQL IMMUTABLE PARALLEL SAFE
  RETURN d IS NULL OR p IS NULL
      OR p = 'DAY'
      OR (p = 'MONTH' AND EXTRACT(DAY FROM d) = 1)
      OR (p = 'YEAR' AND EXTRACT(DAY FROM d) = 1 AND EXTRACT(MONTH FROM d) = 1);

-- Participants: countries, and only countries, carry an ISO 3166-1 alpha-2 code.
ALTER TABLE "participant"
  ADD CONSTRAINT "participant_name_not_blank" CHECK (btrim("name") <> ''),
  ADD CONSTRAINT "participant_iso_code_format" CHECK ("iso_code" ~ '^[A-Z]{2}$'),
  ADD CONSTRAINT "participant_iso_code_iff_country" CHECK (("kind" = 'COUNTRY') = ("iso_code" IS NOT NULL)),
  ADD CONSTRAINT "participant_not_own_country" CHECK ("country_id" IS DISTINCT FROM "id"),
  ADD CONSTRAINT "participant_version_positive" CHECK ("version" > 0);

ALTER TABLE "position"
  ADD CONSTRAINT "position_title_not_blank" CHECK (btrim("title") <> ''),
  ADD CONSTRAINT "position_start_precision_pair" CHECK (("start_date" IS NULL) = ("start_precision" IS NULL)),
  ADD CONSTRAINT "position_end_precision_pair" CHECK (("end_date" IS NULL) = ("end_precision" IS NULL)),
  ADD CONSTRAINT "position_start_precision_aligned" CHECK (date_matches_precision("start_date", "start_precision")),
  ADD CONSTRAINT "position_end_precision_aligned" CHECK (date_matches_precision("end_date", "end_precision")),
  ADD CONSTRAINT "position_end_after_start" CHECK ("end_date" IS NULL OR "start_date" IS NULL OR "end_date" >= "start_date"),
  ADD CONSTRAINT "position_version_positive" CHECK ("version" > 0);

ALTER TABLE "event"
  ADD CONSTRAINT "event_title_not_blank" CHECK (btrim("title") <> ''),
  ADD CONSTRAINT "event_summary_not_blank" CHECK (btrim("summary") <> ''),
  ADD CONSTRAINT "event_end_precision_pair" CHECK (("end_date" IS NULL) = ("end_precision" IS NULL)),
  ADD CONSTRAINT "event_start_precision_aligned" CHECK (date_matches_precision("start_date", "start_precision")),
  ADD CONSTRAINT "event_end_precision_aligned" CHECK (date_matches_precision("end_date", "end_precision")),
  ADD CONSTRAINT "event_end_after_start" CHECK ("end_date" IS NULL OR "end_date" >= "start_date"),
  ADD CONSTRAINT "event_cameo_code_format" CHECK ("cameo_code" ~ '^[0-9]{2,4}$'),
  ADD CONSTRAINT "event_version_positive" CHECK ("version" > 0);

ALTER TABLE "agreement"
  ADD CONSTRAINT "agreement_title_not_blank" CHECK (btrim("title") <> ''),
  ADD CONSTRAINT "agreement_signed_precision_pair" CHECK (("signed_date" IS NULL) = ("signed_precision" IS NULL)),
  ADD CONSTRAINT "agreement_signed_precision_aligned" CHECK (date_matches_precision("signed_date", "signed_precision")),
  ADD CONSTRAINT "agreement_version_positive" CHECK ("version" > 0);

ALTER TABLE "source"
  ADD CONSTRAINT "source_title_not_blank" CHECK (btrim("title") <> ''),
  ADD CONSTRAINT "source_url_format" CHECK ("url" ~ '^https?://[^\s]+$'),
  ADD CONSTRAINT "source_published_precision_pair" CHECK (("published_date" IS NULL) = ("published_precision" IS NULL)),
  ADD CONSTRAINT "source_published_precision_aligned" CHECK (date_matches_precision("published_date", "published_precision")),
  ADD CONSTRAINT "source_not_embedded_in_itself" CHECK ("embedded_in_id" IS DISTINCT FROM "id"),
  ADD CONSTRAINT "source_version_positive" CHECK ("version" > 0);

ALTER TABLE "remark"
  ADD CONSTRAINT "remark_content_not_blank" CHECK (btrim("content") <> ''),
  ADD CONSTRAINT "remark_said_precision_pair" CHECK (("said_date" IS NULL) = ("said_precision" IS NULL)),
  ADD CONSTRAINT "remark_said_precision_aligned" CHECK (date_matches_precision("said_date", "said_precision")),
  ADD CONSTRAINT "remark_version_positive" CHECK ("version" > 0);

-- A citation supports exactly one claim, quotes something, and pins an attribute only with a value.
ALTER TABLE "citation"
  ADD CONSTRAINT "citation_quote_not_blank" CHECK (btrim("quote") <> ''),
  ADD CONSTRAINT "citation_exactly_one_target" CHECK (
    num_nonnulls("event_id", "participation_id", "agreement_id", "agreement_party_id", "remark_id", "position_id") = 1),
  ADD CONSTRAINT "citation_claim_field_value_pair" CHECK (("claim_field" IS NULL) = ("claim_value" IS NULL));

-- Provenance: a claim (event, participation, agreement, agreement party, remark) must have at least one
-- citation when its transaction commits. The triggers are deferred so that a claim and its citations can
-- be written in one transaction in any order; they fire for every writer, not just the API.
CREATE FUNCTION "require_citation"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  target_column TEXT := TG_ARGV[0];
  cited BOOLEAN;
  still_exists BOOLEAN;
BEGIN
  -- The row may have been deleted later in the same transaction: nothing left to back.
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1)', TG_TABLE_NAME) INTO still_exists USING NEW.id;
  IF NOT still_exists THEN
    RETURN NULL;
  END IF;
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM citation WHERE %I = $1)', target_column) INTO cited USING NEW.id;
  IF NOT cited THEN
    RAISE EXCEPTION '% % has no citation: every claim needs a source and a verbatim quote', TG_TABLE_NAME, NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_requires_citation',
            TABLE = TG_TABLE_NAME, COLUMN = target_column;
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "event_requires_citation" AFTER INSERT ON "event"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_citation('event_id');
CREATE CONSTRAINT TRIGGER "participation_requires_citation" AFTER INSERT ON "participation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_citation('participation_id');
CREATE CONSTRAINT TRIGGER "agreement_requires_citation" AFTER INSERT ON "agreement"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_citation('agreement_id');
CREATE CONSTRAINT TRIGGER "agreement_party_requires_citation" AFTER INSERT ON "agreement_party"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_citation('agreement_party_id');
CREATE CONSTRAINT TRIGGER "remark_requires_citation" AFTER INSERT ON "remark"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION require_citation('remark_id');

-- Removing or moving a citation must not leave the claim it backed without one.
CREATE FUNCTION "keep_claims_cited"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
  target RECORD;
  cited BOOLEAN;
  claim_exists BOOLEAN;
BEGIN
  FOR target IN
    SELECT * FROM (VALUES
      ('event', 'event_id', OLD.event_id),
      ('participation', 'participation_id', OLD.participation_id),
      ('agreement', 'agreement_id', OLD.agreement_id),
      ('agreement_party', 'agreement_party_id', OLD.agreement_party_id),
      ('remark', 'remark_id', OLD.remark_id)) AS t(tbl, col, id)
    WHERE t.id IS NOT NULL
  LOOP
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = $1)', target.tbl) INTO claim_exists USING target.id;
    CONTINUE WHEN NOT claim_exists; -- the claim itself is gone (cascade): nothing to back.
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM citation WHERE %I = $1)', target.col) INTO cited USING target.id;
    IF NOT cited THEN
      RAISE EXCEPTION '% % would be left without a citation', target.tbl, target.id
        USING ERRCODE = 'check_violation', CONSTRAINT = target.tbl || '_requires_citation',
              TABLE = target.tbl, COLUMN = target.col;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "citation_keeps_claims_cited" AFTER DELETE OR UPDATE ON "citation"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION keep_claims_cited();

-- Full-text search (English stemming) over what people search for: event titles and summaries, the
-- words of remarks, and the quotes of citations. The API queries these exact expressions.
CREATE INDEX "event_search_idx" ON "event"
  USING GIN (to_tsvector('english'::regconfig, "title" || ' ' || "summary"));
CREATE INDEX "remark_search_idx" ON "remark"
  USING GIN (to_tsvector('english'::regconfig, "content"));
CREATE INDEX "citation_search_idx" ON "citation"
  USING GIN (to_tsvector('english'::regconfig, "quote"));

-- An event's latest possible day, from its end (or start) date and that date's precision; see the
-- column's comment in schema.prisma. Computed here so that no writer can get it wrong.
CREATE FUNCTION "period_last_day"(d DATE, p "DatePrecision") RETURNS DATE
  LANGUAGE SQL IMMUTABLE PARALLEL SAFE
  RETURN CASE p
    WHEN 'YEAR' THEN (date_trunc('year', d) + interval '1 year - 1 day')::date
    WHEN 'MONTH' THEN (date_trunc('month', d) + interval '1 month - 1 day')::date
    ELSE d
  END;

CREATE FUNCTION "event_set_latest_date"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW.latest_date := CASE
    WHEN NEW.end_date IS NOT NULL THEN period_last_day(NEW.end_date, NEW.end_precision)
    ELSE period_last_day(NEW.start_date, NEW.start_precision)
  END;
  RETURN NEW;
END $$;

CREATE TRIGGER "event_latest_date" BEFORE INSERT OR UPDATE OF start_date, start_precision, end_date, end_precision, latest_date
  ON "event" FOR EACH ROW EXECUTE FUNCTION event_set_latest_date();
