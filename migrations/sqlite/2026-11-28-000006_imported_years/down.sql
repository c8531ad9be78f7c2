DROP TABLE imported_years;
