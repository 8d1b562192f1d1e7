"""Batch conversion of HEP workbooks for archiving (JSON, Word, PDF/A; manifest; BagIt)."""
