-- value_basis (added by the provenance migration) is read by public queries (every claim's `basis`, the
-- `valueBases` query) but had no trigger announcing its changes, so a basis set through another server,
-- an import or psql left the response caches serving the old answer. Like every other table the API
-- reads (see the read_path migration), it now announces each committed change on `jvlog_data_changed`.
CREATE TRIGGER "value_basis_announce_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "value_basis"
  FOR EACH STATEMENT EXECUTE FUNCTION "announce_data_change"();
