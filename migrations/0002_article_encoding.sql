-- Articles arrive in legacy encodings too (Windows-1252 pages, UTF-16
-- exports); record the one each was decoded from, so a reader can tell how
-- the raw text was obtained. Rows from before this migration were all read
-- as UTF-8.
ALTER TABLE articles ADD COLUMN encoding TEXT NOT NULL DEFAULT 'UTF-8';
