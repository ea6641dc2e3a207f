-- Each event's countries, kept by the database, so that "events involving both JP and VN" is one
-- index lookup (country_ids @> ARRAY[jp, vn]) instead of a join of every participation of both sides
-- (about 2 s per statement at 100k events, and the relationship view ran fifteen such statements).
--
-- A country takes part in an event when the country itself, or a participant whose country it is (its
-- people and bodies), took part: exactly `involvesCountry` in src/event/event.filters.ts. The column holds
-- the ids of those countries (participants with an ISO code), sorted and without duplicates. Ids rather
-- than codes, so that renaming a country's code changes nothing stored.
--
-- Who keeps it right:
-- - participation insert, update or delete: statement triggers mark the events they touch;
-- - a participant's country_id, or whether it is a country at all (iso_code set or not), changing: a row
--   trigger marks its events (and, for the latter, its members' events);
-- - marking is `SET country_ids = NULL`; the BEFORE trigger on event recomputes the column whenever it is
--   written (and on insert), so no writer, the application included, can store a wrong value.
-- Soft-deleting an event leaves the column alone: readers filter deleted_at as everywhere else.
-- bench:data loads with triggers off (session_replication_role = replica), so its generator writes the
-- column itself and bench/data/verify.ts checks it against event_country_ids().

ALTER TABLE "event" ADD COLUMN "country_ids" UUID[] DEFAULT ARRAY[]::UUID[];

-- The countries of one event, from its participations (sorted, distinct; empty when none).
CREATE FUNCTION "event_country_ids"(event UUID) RETURNS UUID[]
  LANGUAGE SQL STABLE PARALLEL SAFE
  RETURN (
    SELECT coalesce(array_agg(DISTINCT c.id ORDER BY c.id), ARRAY[]::UUID[])
    FROM participation pa
    JOIN participant p ON p.id = pa.participant_id
    CROSS JOIN LATERAL (VALUES (p.id), (p.country_id)) AS side(id)
    JOIN participant c ON c.id = side.id AND c.iso_code IS NOT NULL
    WHERE pa.event_id = event
  );

-- Backfill, set-based (the same rule as event_country_ids, before the triggers exist). Events without
-- participations keep the default, an empty array.
UPDATE "event" e SET "country_ids" = found.ids
FROM (
  SELECT pa.event_id, array_agg(DISTINCT c.id ORDER BY c.id) AS ids
  FROM participation pa
  JOIN participant p ON p.id = pa.participant_id
  CROSS JOIN LATERAL (VALUES (p.id), (p.country_id)) AS side(id)
  JOIN participant c ON c.id = side.id AND c.iso_code IS NOT NULL
  GROUP BY pa.event_id
) found
WHERE found.event_id = e.id;

CREATE FUNCTION "event_set_country_ids"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  NEW.country_ids := event_country_ids(NEW.id);
  RETURN NEW;
END $$;

CREATE TRIGGER "event_country_ids" BEFORE INSERT OR UPDATE OF country_ids
  ON "event" FOR EACH ROW EXECUTE FUNCTION event_set_country_ids();

-- Participations, per statement (a createEvent with five participants marks its event once when they are
-- inserted together). `changed` holds the new rows (insert, update) or the old ones (delete); an update
-- also has `previous`, the old rows, whose events may have lost a country.
CREATE FUNCTION "participation_mark_event_countries"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    UPDATE event SET country_ids = NULL
    WHERE id IN (SELECT event_id FROM changed UNION SELECT event_id FROM previous);
  ELSE
    UPDATE event SET country_ids = NULL WHERE id IN (SELECT event_id FROM changed);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "participation_insert_event_countries" AFTER INSERT ON "participation"
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION participation_mark_event_countries();
CREATE TRIGGER "participation_update_event_countries" AFTER UPDATE ON "participation"
  REFERENCING NEW TABLE AS changed OLD TABLE AS previous
  FOR EACH STATEMENT EXECUTE FUNCTION participation_mark_event_countries();
CREATE TRIGGER "participation_delete_event_countries" AFTER DELETE ON "participation"
  REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION participation_mark_event_countries();

-- A participant that changes country moves its events; one that becomes (or stops being) a country
-- also changes the events of its members.
CREATE FUNCTION "participant_mark_event_countries"() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE event SET country_ids = NULL
  WHERE id IN (
    SELECT pa.event_id FROM participation pa WHERE pa.participant_id = NEW.id
    UNION
    SELECT pa.event_id FROM participation pa
    JOIN participant m ON m.id = pa.participant_id
    WHERE (OLD.iso_code IS NULL) <> (NEW.iso_code IS NULL) AND m.country_id = NEW.id
  );
  RETURN NULL;
END $$;

CREATE TRIGGER "participant_event_countries" AFTER UPDATE OF country_id, iso_code ON "participant"
  FOR EACH ROW
  WHEN (OLD.country_id IS DISTINCT FROM NEW.country_id OR (OLD.iso_code IS NULL) <> (NEW.iso_code IS NULL))
  EXECUTE FUNCTION participant_mark_event_countries();

-- "Events involving all of these countries" (@>) and "any of them" (&&).
CREATE INDEX "event_country_ids_idx" ON "event" USING GIN ("country_ids");

-- The few deleted events, so that aggregates over participations (the relationship view's top pairs) can
-- leave them out without a pass over the whole event table.
CREATE INDEX "event_deleted_idx" ON "event" ("id") WHERE "deleted_at" IS NOT NULL;
