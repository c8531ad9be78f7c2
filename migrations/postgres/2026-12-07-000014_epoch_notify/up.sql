-- A server keeps data epochs in memory while nothing changes (backend `db::epoch_mirror`). It
-- listens on `hocba_epochs`: every statement that writes `data_epochs` notifies at commit (one
-- notification per transaction; a rolled-back transaction sends none).
CREATE FUNCTION notify_data_epochs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('hocba_epochs', '');
    RETURN NULL;
END $$;

CREATE TRIGGER data_epochs_notify AFTER INSERT OR UPDATE OR DELETE ON data_epochs
    FOR EACH STATEMENT EXECUTE FUNCTION notify_data_epochs();
