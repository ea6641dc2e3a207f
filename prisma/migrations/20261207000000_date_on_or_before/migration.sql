-- A date the sources do not give, only bound from above ("Japan has held talks with…", in an article of
-- 24 November 2021): stored as that bound with ON_OR_BEFORE precision. Alone in its migration because a
-- new enum value cannot be used in the transaction that adds it; the next migration (undated_dates)
-- teaches the functions and summaries what it means.
ALTER TYPE "DatePrecision" ADD VALUE 'ON_OR_BEFORE';
