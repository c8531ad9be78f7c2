DROP INDEX signer_certificates_user;
DROP INDEX signer_certificates_active;
DROP TABLE signer_certificates;
DROP TABLE signing_cas;
