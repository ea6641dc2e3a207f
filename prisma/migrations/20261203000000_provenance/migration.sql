-- Provenance (issue 15): the basis of every value, and quotes anchored in their sources' full text.
--
-- 1. value_basis: how the log knows a value that its citations do not simply state. A value with no row
--    is STATED (by the citations that pin its field, else by the claim's citations as a whole).
-- 2. citation.anchor_*: where a quote sits in its source's full text, in the shape of the W3C Web
--    Annotation selectors (TextQuoteSelector exact/prefix/suffix, TextPositionSelector start/end in
--    Unicode code points, end exclusive). The application verifies and anchors every new citation
--    (src/source/quote-anchor.ts); this migration anchors the citations that exist, with the same rule.

CREATE TYPE "Basis" AS ENUM ('STATED', 'INFERRED', 'OUTSIDE_KNOWLEDGE');

CREATE TABLE "value_basis" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "field" TEXT NOT NULL,
    "value" TEXT,
    "basis" "Basis" NOT NULL,
    "note" TEXT,
    "reference" TEXT,
    "event_id" UUID,
    "participation_id" UUID,
    "agreement_id" UUID,
    "agreement_party_id" UUID,
    "remark_id" UUID,
    "position_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "value_basis_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "value_basis_exactly_one_target" CHECK (
      num_nonnulls("event_id", "participation_id", "agreement_id", "agreement_party_id", "remark_id", "position_id") = 1),
    CONSTRAINT "value_basis_field_name" CHECK ("field" ~ '^[a-zA-Z][a-zA-Z0-9]{0,62}$'),
    -- An inference says how; outside knowledge says what is known. A stated value needs no note.
    CONSTRAINT "value_basis_note_required" CHECK ("basis" = 'STATED' OR btrim(coalesce("note", '')) <> '')
);

CREATE INDEX "value_basis_event_id_idx" ON "value_basis"("event_id");
CREATE INDEX "value_basis_participation_id_idx" ON "value_basis"("participation_id");
CREATE INDEX "value_basis_agreement_id_idx" ON "value_basis"("agreement_id");
CREATE INDEX "value_basis_agreement_party_id_idx" ON "value_basis"("agreement_party_id");
CREATE INDEX "value_basis_remark_id_idx" ON "value_basis"("remark_id");
CREATE INDEX "value_basis_position_id_idx" ON "value_basis"("position_id");
-- One basis per value of a claim's attribute (null value: the value the claim holds).
CREATE UNIQUE INDEX "value_basis_one_per_value" ON "value_basis" (
  coalesce("event_id", "participation_id", "agreement_id", "agreement_party_id", "remark_id", "position_id"),
  "field", "value") NULLS NOT DISTINCT;

ALTER TABLE "value_basis"
  ADD CONSTRAINT "value_basis_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "event"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  ADD CONSTRAINT "value_basis_participation_id_fkey" FOREIGN KEY ("participation_id") REFERENCES "participation"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  ADD CONSTRAINT "value_basis_agreement_id_fkey" FOREIGN KEY ("agreement_id") REFERENCES "agreement"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  ADD CONSTRAINT "value_basis_agreement_party_id_fkey" FOREIGN KEY ("agreement_party_id") REFERENCES "agreement_party"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  ADD CONSTRAINT "value_basis_remark_id_fkey" FOREIGN KEY ("remark_id") REFERENCES "remark"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  ADD CONSTRAINT "value_basis_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "position"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "citation"
  ADD COLUMN "anchor_exact" TEXT,
  ADD COLUMN "anchor_prefix" TEXT,
  ADD COLUMN "anchor_suffix" TEXT,
  ADD COLUMN "anchor_start" INTEGER,
  ADD COLUMN "anchor_end" INTEGER,
  ADD CONSTRAINT "citation_anchor_whole" CHECK (
    num_nulls("anchor_exact", "anchor_prefix", "anchor_suffix", "anchor_start", "anchor_end") IN (0, 5)),
  ADD CONSTRAINT "citation_anchor_span" CHECK ("anchor_start" >= 0 AND "anchor_end" > "anchor_start");

-- The normalisation of quote matching, one character for one (so offsets survive): every whitespace
-- character becomes a space, typographic single and double quotes become ' and ", dashes and the minus
-- sign become -. Runs of whitespace then match runs of any length. Nothing else is normalised (no case
-- folding, no Unicode normalisation, no punctuation dropped). The same table is in quote-anchor.ts.
CREATE FUNCTION "quote_fold"(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT translate(t,
    E'\t\n\r\u000B\u000C\u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000'
      || E'\u2018\u2019\u201A\u201B\u2032\u2039\u203A'
      || E'\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB'
      || E'\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D',
    repeat(' ', 22) || repeat('''', 7) || repeat('"', 7) || repeat('-', 10))
$$;

-- The folded quote as a regular expression: metacharacters escaped, each run of spaces matching any run.
CREATE FUNCTION "quote_pattern"(q TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT regexp_replace(
    regexp_replace(btrim(quote_fold(q)), '([.^$*+?()\[\]{}|\\])', '\\\1', 'g'),
    ' +', '[[:space:]]+', 'g')
$$;

-- Back-fill: anchor every citation whose source holds its full text, at the quote's first occurrence.
WITH found AS (
  SELECT c.id, s.full_text AS t,
         regexp_instr(quote_fold(s.full_text), quote_pattern(c.quote)) AS b,
         regexp_instr(quote_fold(s.full_text), quote_pattern(c.quote), 1, 1, 1) AS e
  FROM citation c JOIN source s ON s.id = c.source_id
  WHERE s.full_text IS NOT NULL AND btrim(c.quote) <> ''
)
UPDATE citation c SET
  anchor_start = f.b - 1,
  anchor_end = f.e - 1,
  anchor_exact = substr(f.t, f.b, f.e - f.b),
  anchor_prefix = substr(f.t, greatest(f.b - 32, 1), f.b - greatest(f.b - 32, 1)),
  anchor_suffix = substr(f.t, f.e, 32)
FROM found f
WHERE f.id = c.id AND f.b > 0;
