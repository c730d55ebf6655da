-- import_changes keeps only what a batch replaced (old_values of its updates). A row a batch inserted
-- carries the batch's batch_id, which is all undo needs to remove it, so inserts are no longer logged.
DELETE FROM import_changes WHERE old_values IS NULL;
