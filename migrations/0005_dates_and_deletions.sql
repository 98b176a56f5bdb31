-- Dates a ledger can sort by, and deletions that leave a sound ledger.
-- Run by `published_dates_and_deletions` in src/store/migrate.rs, which
-- first renormalises party names to NFC (in Rust: two forms of one name
-- may have to merge) and registers claims_iso_date(), the same date reader
-- the import uses.
--
-- `published` mixed ISO dates with text as found ("Oct. 23", byline
-- leftovers), so articles could not be sorted by it. It now holds the date
-- as YYYY-MM-DD, or NULL when the text gives no full date; the text as
-- found is kept beside it in `published_text`.
ALTER TABLE article_rows ADD COLUMN published_text TEXT;
UPDATE article_rows
SET published_text = published, published = claims_iso_date(published)
WHERE published IS NOT NULL;

-- Deleting an article or a claim through the views left rows a check
-- refuses: claims and chains of a deleted article when foreign keys are
-- off (the sqlite3 shell's default), and parties no claim rests on any
-- more. The triggers now delete what hangs from the row themselves,
-- whatever the foreign-key setting; a party goes with the last claim that
-- names it, whichever way that claim is deleted. The claims after a
-- deleted one keep their positions: positions are unique and follow the
-- article, not 1..n, because renumbering the rest for every deleted row
-- made deleting an article's claims take time in the square of their
-- number (4,000 claims: minutes).
DROP VIEW articles;
CREATE VIEW articles AS
SELECT a.id, a.path, a.url, a.title, a.outlet, a.byline, a.dateline, a.published,
       a.imported_at, a.content_hash,
       coalesce(a.raw_text,
                (SELECT group_concat(CASE WHEN p.type = 'array'
                                          THEN substr(a.body, json_extract(p.value, '$[0]') + 1,
                                                      json_extract(p.value, '$[1]') - json_extract(p.value, '$[0]'))
                                          ELSE p.value END, '')
                 FROM json_each(a.raw_layout) p)) AS raw_text,
       a.body, a.encoding, a.published_text
FROM article_rows a;

CREATE TRIGGER articles_delete INSTEAD OF DELETE ON articles
BEGIN
    DELETE FROM quantities WHERE claim_id IN (SELECT id FROM claim_rows WHERE article_id = OLD.id);
    DELETE FROM claim_via WHERE claim_id IN (SELECT id FROM claim_rows WHERE article_id = OLD.id);
    DELETE FROM claim_rows WHERE article_id = OLD.id;
    DELETE FROM article_rows WHERE id = OLD.id;
END;

CREATE TRIGGER articles_update
INSTEAD OF UPDATE OF path, url, title, outlet, byline, dateline, published, published_text
ON articles
BEGIN
    UPDATE article_rows
    SET path = NEW.path, url = NEW.url, title = NEW.title, outlet = NEW.outlet,
        byline = NEW.byline, dateline = NEW.dateline, published = NEW.published,
        published_text = NEW.published_text
    WHERE id = OLD.id;
END;

DROP TRIGGER claims_delete;
CREATE TRIGGER claims_delete INSTEAD OF DELETE ON claims
BEGIN
    DELETE FROM quantities WHERE claim_id = OLD.id;
    DELETE FROM claim_via WHERE claim_id = OLD.id;
    DELETE FROM claim_rows WHERE id = OLD.id;
END;

-- A party no claim rests on and no chain passes through goes, with its
-- aliases. On the stored tables, so a deletion through any view, or of
-- stored rows, leaves no party behind; imports only insert.
CREATE TRIGGER claim_rows_party_gone AFTER DELETE ON claim_rows
WHEN OLD.source_id IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM claim_rows WHERE source_id = OLD.source_id)
 AND NOT EXISTS (SELECT 1 FROM claim_via WHERE source_id = OLD.source_id)
BEGIN
    DELETE FROM source_aliases WHERE source_id = OLD.source_id;
    DELETE FROM sources WHERE id = OLD.source_id;
END;

CREATE TRIGGER claim_via_party_gone AFTER DELETE ON claim_via
WHEN NOT EXISTS (SELECT 1 FROM claim_rows WHERE source_id = OLD.source_id)
 AND NOT EXISTS (SELECT 1 FROM claim_via WHERE source_id = OLD.source_id)
BEGIN
    DELETE FROM source_aliases WHERE source_id = OLD.source_id;
    DELETE FROM sources WHERE id = OLD.source_id;
END;

-- The same when a correction through `claims` gives a claim another source.
CREATE TRIGGER claim_rows_party_left AFTER UPDATE OF source_id ON claim_rows
WHEN OLD.source_id IS NOT NULL AND OLD.source_id IS NOT NEW.source_id
 AND NOT EXISTS (SELECT 1 FROM claim_rows WHERE source_id = OLD.source_id)
 AND NOT EXISTS (SELECT 1 FROM claim_via WHERE source_id = OLD.source_id)
BEGIN
    DELETE FROM source_aliases WHERE source_id = OLD.source_id;
    DELETE FROM sources WHERE id = OLD.source_id;
END;

-- A source that claims rest on or chains pass through cannot be deleted.
-- With foreign keys on, deleting one failed with SQLite's bare "FOREIGN KEY
-- constraint failed"; with them off (the sqlite3 shell) it went through
-- and left claims pointing at no source. The message is fixed text: older
-- sqlite3 shells (3.40, Debian 12's) read RAISE with a literal only and
-- refuse a schema that gives it an expression. `claims sql --write` says
-- which source and how many claims (src/store/adhoc.rs).
CREATE TRIGGER sources_delete_in_use BEFORE DELETE ON sources
WHEN EXISTS (SELECT 1 FROM claim_rows WHERE source_id = OLD.id)
  OR EXISTS (SELECT 1 FROM claim_via WHERE source_id = OLD.id)
BEGIN
    SELECT RAISE(ABORT, 'a source that claims rest on or pass through cannot be deleted: delete or correct those claims first (claims rests-on ID lists them)');
END;

-- Its aliases go with a source, also with foreign keys off.
CREATE TRIGGER sources_delete_aliases AFTER DELETE ON sources
BEGIN
    DELETE FROM source_aliases WHERE source_id = OLD.id;
END;

-- The last word of every party name of several words, so that naming a
-- party by its exact name can say which parties have a fuller name ending
-- in it ("Barack Obama" beside "President Barack Obama") by a look-up
-- instead of a scan of every name (a scan made `rests-on` three times as
-- slow at 10,000 articles). Built-in functions only, so any SQLite can
-- write the ledger: the last word is what follows the last space, which
-- rtrim() finds by trimming the characters the name has besides spaces.
CREATE INDEX sources_last_word
ON sources (substr(norm, length(rtrim(norm, replace(norm, ' ', ''))) + 1))
WHERE instr(norm, ' ') > 0;
