DROP TABLE imported_years;
DROP FUNCTION imported_years_read_only();
