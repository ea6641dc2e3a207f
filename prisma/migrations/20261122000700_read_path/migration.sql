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

-- One trigger per table, named <table>_announce_change.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['event', 'participant', 'participation', 'position', 'agreement',
                           'agreement_party', 'remark', 'source', 'citation'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
      'FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"()',
      t || '_announce_change', t);
  END LOOP;
END
$$;
