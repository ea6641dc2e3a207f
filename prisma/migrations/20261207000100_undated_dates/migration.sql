-- What an ON_OR_BEFORE date (migration date_on_or_before) means to the functions that read precisions.
-- Such a date is the latest day the thing can have happened on; there is no earliest.
-- - Any day can be a bound, as any day can be a DAY date (date_matches_precision).
-- - Its last possible day is the bound itself: period_last_day already answers `d` for every precision
--   but MONTH and YEAR, so event.latest_date needs no change.
-- - An undated event is in no period: the relationship's counts per month and year leave it out (the
--   relationship view reports it as undated), while its kind and total still count it.
-- No row can hold the new value before this migration, so the summaries need no rebuild.

CREATE OR REPLACE FUNCTION "date_matches_precision"(d DATE, p "DatePrecision") RETURNS BOOLEAN
  LANGUAGE SQL IMMUTABLE PARALLEL SAFE
  RETURN d IS NULL OR p IS NULL
      OR p IN ('DAY', 'ON_OR_BEFORE')
      OR (p = 'MONTH' AND EXTRACT(DAY FROM d) = 1)
      OR (p = 'YEAR' AND EXTRACT(DAY FROM d) = 1 AND EXTRACT(MONTH FROM d) = 1);

CREATE OR REPLACE FUNCTION "relationship_month_count_expected"()
  RETURNS TABLE (country_lo UUID, country_hi UUID, month DATE, year_precision BOOLEAN, n INTEGER)
  LANGUAGE SQL STABLE AS $$
  SELECT r.country_lo, r.country_hi, date_trunc('month', r.start_date)::date, r.start_precision = 'YEAR',
         count(*)::int
  FROM relationship_event_expected() r
  WHERE r.start_date IS NOT NULL AND r.start_precision <> 'ON_OR_BEFORE'
  GROUP BY 1, 2, 3, 4
$$;

-- As in migration relationship_summaries, but an undated event adds to no month.
CREATE OR REPLACE FUNCTION "relationship_event_shift"(e event, sign INTEGER) RETURNS void LANGUAGE plpgsql AS $$
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
  IF e.start_date IS NOT NULL AND e.start_precision <> 'ON_OR_BEFORE' THEN
    INSERT INTO relationship_month_count AS t
    SELECT a.id, b.id, date_trunc('month', e.start_date)::date, e.start_precision = 'YEAR', sign
    FROM unnest(e.country_ids) AS a(id) CROSS JOIN unnest(e.country_ids) AS b(id) WHERE a.id < b.id
    ON CONFLICT (country_lo, country_hi, month, year_precision) DO UPDATE SET n = t.n + EXCLUDED.n;
  END IF;
END $$;
