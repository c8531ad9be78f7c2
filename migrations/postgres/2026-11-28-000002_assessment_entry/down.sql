DROP TABLE client_ops;
