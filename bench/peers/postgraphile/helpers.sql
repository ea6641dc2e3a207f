-- What stock PostGraphile cannot express of the bench's pages, as two plain SQL functions (STABLE, so
-- PostgreSQL inlines them into PostGraphile's statement) in a schema of their own: the project's public
-- schema is untouched, and bench/peers/postgraphile.ts (re)creates this schema before each peer run.
CREATE SCHEMA IF NOT EXISTS bench_pgl;

-- (c) Agreements whose subjects overlap the given ones, newest signed first: our `filter: { subjects }` is
-- `subjects && $1`, and PostGraphile's stock `condition` only tests array equality. Ordered as our list
-- and agreement_listing_idx (signed_date DESC NULLS LAST, id DESC).
CREATE OR REPLACE FUNCTION bench_pgl.agreements_by_subjects(subjects public."AgreementSubject"[])
RETURNS SETOF public.agreement LANGUAGE sql STABLE AS $$
  SELECT a.* FROM public.agreement a
  WHERE a.deleted_at IS NULL AND a.subjects && $1
  ORDER BY a.signed_date DESC NULLS LAST, a.id DESC
$$;

-- (b) A person's participations, newest event first (our Participant.participations): PostGraphile
-- cannot order a relation by a column of another table.
CREATE OR REPLACE FUNCTION bench_pgl.person_participations(slug text)
RETURNS SETOF public.participation LANGUAGE sql STABLE AS $$
  SELECT pa.* FROM public.participant p
  JOIN public.participation pa ON pa.participant_id = p.id
  JOIN public.event e ON e.id = pa.event_id AND e.deleted_at IS NULL
  WHERE p.slug = $1 AND p.deleted_at IS NULL
  ORDER BY e.start_date DESC, pa.id DESC
$$;
