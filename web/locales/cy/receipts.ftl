# receipts
