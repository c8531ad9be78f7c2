-- Nothing on SQLite: the server watches PRAGMA data_version, which moves with every commit of
-- another connection (backend db::epoch_mirror). The PostgreSQL tree notifies hocba_epochs.
SELECT 1;
