DROP TRIGGER issued_documents_immutable;
DROP TABLE document_deliveries;
DROP TABLE issued_documents;
