DROP TRIGGER data_epochs_notify ON data_epochs;
DROP FUNCTION notify_data_epochs();
