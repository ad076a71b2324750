DROP TABLE story_exports;
DROP TABLE consent_receipt_grants;
DROP TABLE consent_receipts;
