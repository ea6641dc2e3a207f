-- The read path (issue #5, found by the benchmark): an index for the agreements list, and a notification
-- of every committed data change, which invalidates the servers' response caches.

-- `agreements` lists live agreements newest-signed first, undated last, ties by id. Without an index in
-- that order PostgreSQL fetched and sorted every matching agreement, and with relation joins it built
-- each one's parties and signing event before the sort (660 ms at 100k events). With it, a page reads
-- its rows in order and stops after `first`.
CREATE INDEX "agreement_listing_idx" ON "agreement" ("signed_date" DESC NULLS LAST, "id" DESC)
  WHERE "deleted_at" IS NULL;

-- Every statement that changes data the API reads announces it on `jvlog_data_changed`. PostgreSQL
-- delivers a notification at COMMIT only, and folds identical ones of one transaction into one, so each
-- committed write costs one notification however many rows it touched. Being triggers, they see every
-- writer: the API, imports, the seed and hand-written SQL alike.
CREATE FUNCTION "announce_data_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('jvlog_data_changed', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER "event_announce_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "event"
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"();
CREATE TRIGGER "participant_announce_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "participant"
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"();
CREATE TRIGGER "participation_announce_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "participation"
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"();
CREATE TRIGGER "position_announce_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "position"
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"();
CREATE TRIGGER "agreement_announce_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agreement"
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"();
CREATE TRIGGER "agreement_party_announce_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "agreement_party"
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"();
CREATE TRIGGER "remark_announce_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "remark"
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"();
CREATE TRIGGER "source_announce_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "source"
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"();
CREATE TRIGGER "citation_announce_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "citation"
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"();
