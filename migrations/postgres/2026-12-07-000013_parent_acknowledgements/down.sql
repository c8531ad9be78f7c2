DROP TABLE parent_replies;
DROP TABLE parent_acknowledgements;
