-- Each text is stored once. A ledger used to hold every article twice (the
-- raw text and the cleaned body) and every claim's text and sentence again
-- beside it: six times the bytes of the archive it was built from. Now the
-- body is stored, the raw text is rebuilt from the body and the pieces
-- cleaning removed, and a claim, its sentence and its mentions are offsets
-- into the body. The names people query do not change: `articles`,
-- `claims` and `claim_mentions` are views with the same columns as before
-- (claims gain `sentence_start` and `sentence_end`), over the stored tables
-- `article_rows` and `claim_rows`.

CREATE TABLE article_rows (
    id           INTEGER PRIMARY KEY,
    path         TEXT,
    url          TEXT,
    title        TEXT,
    outlet       TEXT,
    byline       TEXT,
    dateline     TEXT,
    published    TEXT,
    imported_at  TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    encoding     TEXT NOT NULL DEFAULT 'UTF-8',
    body         TEXT NOT NULL,
    -- How the raw text is rebuilt: a JSON array whose items are either
    -- [start, end], a stretch of the body in characters, or a string, text
    -- that cleaning removed. NULL when `raw_text` holds the raw text itself.
    raw_layout   TEXT,
    raw_text     TEXT,
    CHECK ((raw_layout IS NULL) <> (raw_text IS NULL))
);

CREATE TABLE claim_rows (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES article_rows(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    body_start     INTEGER NOT NULL,
    body_end       INTEGER NOT NULL,
    raw_start      INTEGER NOT NULL,
    raw_end        INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('non_confirmation', 'denial', 'condemnation',
                                                 'intention', 'assessment', 'assertion')),
    mode           TEXT NOT NULL CHECK (mode IN ('direct', 'indirect', 'none')),
    source_id      INTEGER REFERENCES sources(id),
    role           TEXT,
    affiliation    TEXT,
    -- Where the source and the cue are named (NULL: not named).
    source_start     INTEGER,
    source_end       INTEGER,
    source_raw_start INTEGER,
    source_raw_end   INTEGER,
    cue_start        INTEGER,
    cue_end          INTEGER,
    cue_raw_start    INTEGER,
    cue_raw_end      INTEGER,
    UNIQUE (article_id, position),
    CHECK (body_start <= body_end AND raw_start <= raw_end),
    CHECK (sentence_start <= sentence_end),
    CHECK ((source_start IS NULL) = (source_end IS NULL) AND source_start <= source_end),
    CHECK ((cue_start IS NULL) = (cue_end IS NULL) AND cue_start <= cue_end)
);
CREATE INDEX claim_rows_source ON claim_rows(source_id);

CREATE TABLE claim_via_rows (
    claim_id  INTEGER NOT NULL REFERENCES claim_rows(id) ON DELETE CASCADE,
    depth     INTEGER NOT NULL CHECK (depth >= 1),
    source_id INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (claim_id, depth)
) WITHOUT ROWID;

CREATE TABLE quantity_rows (
    claim_id INTEGER NOT NULL REFERENCES claim_rows(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value    REAL NOT NULL,
    unit     TEXT,
    approx   INTEGER NOT NULL CHECK (approx IN (0, 1)),
    text     TEXT NOT NULL,
    PRIMARY KEY (claim_id, position)
) WITHOUT ROWID;

-- Rows written by earlier versions keep their raw text as it was.
INSERT INTO article_rows (id, path, url, title, outlet, byline, dateline, published,
                          imported_at, content_hash, encoding, body, raw_layout, raw_text)
SELECT id, path, url, title, outlet, byline, dateline, published,
       imported_at, content_hash, encoding, body, NULL, raw_text
FROM articles;

-- Earlier versions kept a claim's sentence as text; it is the occurrence of
-- that text in the body that holds the claim (or, failing that, the claim).
WITH near AS (
    SELECT c.*, a.body, max(c.body_start - length(c.sentence), 0) AS lo
    FROM claims c JOIN articles a ON a.id = c.article_id
), found AS (
    SELECT near.*, lo + nullif(instr(substr(body, lo + 1), sentence), 0) - 1 AS at FROM near
), placed AS (
    SELECT found.*,
           at IS NOT NULL AND at <= body_start AND at + length(sentence) >= body_end AS holds
    FROM found
)
INSERT INTO claim_rows (id, article_id, position, body_start, body_end, raw_start, raw_end,
                        sentence_start, sentence_end, kind, mode, source_id, role, affiliation,
                        source_start, source_end, source_raw_start, source_raw_end,
                        cue_start, cue_end, cue_raw_start, cue_raw_end)
SELECT c.id, c.article_id, c.position, c.body_start, c.body_end, c.raw_start, c.raw_end,
       CASE WHEN c.holds THEN c.at ELSE c.body_start END,
       CASE WHEN c.holds THEN c.at + length(c.sentence) ELSE c.body_end END,
       c.kind, c.mode, c.source_id, c.role, c.affiliation,
       ms.body_start, ms.body_end, ms.raw_start, ms.raw_end,
       mc.body_start, mc.body_end, mc.raw_start, mc.raw_end
FROM placed c
LEFT JOIN claim_mentions ms ON ms.claim_id = c.id AND ms.role = 'source'
LEFT JOIN claim_mentions mc ON mc.claim_id = c.id AND mc.role = 'cue';

INSERT INTO claim_via_rows SELECT claim_id, depth, source_id FROM claim_via;
INSERT INTO quantity_rows SELECT claim_id, position, value, unit, approx, text FROM quantities;

DROP VIEW claims_flat;
DROP VIEW claim_sources;
DROP TABLE claim_mentions;
DROP TABLE claim_via;
DROP TABLE quantities;
DROP TABLE claims;
DROP TABLE articles;

ALTER TABLE claim_via_rows RENAME TO claim_via;
ALTER TABLE quantity_rows RENAME TO quantities;
CREATE INDEX claim_via_source ON claim_via(source_id);

-- The articles as imported: `raw_text` is rebuilt here when it is not stored.
CREATE VIEW articles AS
SELECT a.id, a.path, a.url, a.title, a.outlet, a.byline, a.dateline, a.published,
       a.imported_at, a.content_hash,
       coalesce(a.raw_text,
                (SELECT group_concat(CASE WHEN p.type = 'array'
                                          THEN substr(a.body, json_extract(p.value, '$[0]') + 1,
                                                      json_extract(p.value, '$[1]') - json_extract(p.value, '$[0]'))
                                          ELSE p.value END, '')
                 FROM json_each(a.raw_layout) p)) AS raw_text,
       a.body, a.encoding
FROM article_rows a;

-- Claims with their text, sentence and cue read out of the body.
CREATE VIEW claims AS
SELECT c.id, c.article_id, c.position,
       substr(a.body, c.body_start + 1, c.body_end - c.body_start) AS text,
       substr(a.body, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence,
       c.body_start, c.body_end, c.raw_start, c.raw_end, c.kind, c.mode,
       substr(a.body, c.cue_start + 1, c.cue_end - c.cue_start) AS cue,
       c.source_id, c.role, c.affiliation, c.sentence_start, c.sentence_end
FROM claim_rows c
LEFT JOIN article_rows a ON a.id = c.article_id;

-- Where in the text the source and the cue of a claim are named.
CREATE VIEW claim_mentions AS
SELECT c.id AS claim_id, 'source' AS role,
       substr(a.body, c.source_start + 1, c.source_end - c.source_start) AS text,
       c.source_start AS body_start, c.source_end AS body_end,
       c.source_raw_start AS raw_start, c.source_raw_end AS raw_end
FROM claim_rows c JOIN article_rows a ON a.id = c.article_id
WHERE c.source_start IS NOT NULL
UNION ALL
SELECT c.id, 'cue',
       substr(a.body, c.cue_start + 1, c.cue_end - c.cue_start),
       c.cue_start, c.cue_end, c.cue_raw_start, c.cue_raw_end
FROM claim_rows c JOIN article_rows a ON a.id = c.article_id
WHERE c.cue_start IS NOT NULL;

-- Deleting through the views deletes the stored rows (and, by cascade,
-- everything that hangs from them); corrections to what is stored as it is
-- (a claim's source, kind or mode, an article's metadata) pass through.
-- Texts are the body's: changing one through a view is refused.
CREATE TRIGGER articles_delete INSTEAD OF DELETE ON articles
BEGIN
    DELETE FROM article_rows WHERE id = OLD.id;
END;
CREATE TRIGGER articles_update
INSTEAD OF UPDATE OF path, url, title, outlet, byline, dateline, published ON articles
BEGIN
    UPDATE article_rows
    SET path = NEW.path, url = NEW.url, title = NEW.title, outlet = NEW.outlet,
        byline = NEW.byline, dateline = NEW.dateline, published = NEW.published
    WHERE id = OLD.id;
END;
CREATE TRIGGER claims_delete INSTEAD OF DELETE ON claims
BEGIN
    DELETE FROM claim_rows WHERE id = OLD.id;
END;
CREATE TRIGGER claims_update
INSTEAD OF UPDATE OF kind, mode, source_id, role, affiliation ON claims
BEGIN
    UPDATE claim_rows
    SET kind = NEW.kind, mode = NEW.mode, source_id = NEW.source_id,
        role = NEW.role, affiliation = NEW.affiliation
    WHERE id = OLD.id;
END;

-- Every (claim, source) pair: depth 0 for the source the claim rests on,
-- 1.. for the links of its chain.
CREATE VIEW claim_sources AS
SELECT c.id AS claim_id, c.article_id, 0 AS depth, s.id AS source_id, s.name AS source, s.kind AS source_kind
FROM claim_rows c JOIN sources s ON s.id = c.source_id
UNION ALL
SELECT v.claim_id, c.article_id, v.depth, s.id, s.name, s.kind
FROM claim_via v JOIN claim_rows c ON c.id = v.claim_id JOIN sources s ON s.id = v.source_id;

-- One row per claim with its article, source and chain spelled out: what
-- `claims export --format csv` writes.
CREATE VIEW claims_flat AS
SELECT
    c.id          AS claim_id,
    a.id          AS article_id,
    a.path        AS article_path,
    a.title       AS article_title,
    a.outlet      AS outlet,
    a.published   AS published,
    c.position    AS position,
    substr(a.body, c.body_start + 1, c.body_end - c.body_start) AS text,
    c.kind        AS kind,
    c.mode        AS mode,
    substr(a.body, c.cue_start + 1, c.cue_end - c.cue_start) AS cue,
    s.name        AS source,
    s.kind        AS source_kind,
    c.role        AS role,
    c.affiliation AS affiliation,
    (SELECT group_concat(name, ' via ') FROM
        (SELECT vs.name AS name FROM claim_via v JOIN sources vs ON vs.id = v.source_id
         WHERE v.claim_id = c.id ORDER BY v.depth)) AS via,
    (SELECT group_concat(q, '; ') FROM
        (SELECT q.text AS q FROM quantities q WHERE q.claim_id = c.id ORDER BY q.position)) AS quantities,
    substr(a.body, c.sentence_start + 1, c.sentence_end - c.sentence_start) AS sentence,
    c.body_start  AS body_start,
    c.body_end    AS body_end,
    c.raw_start   AS raw_start,
    c.raw_end     AS raw_end
FROM claim_rows c
JOIN article_rows a ON a.id = c.article_id
LEFT JOIN sources s ON s.id = c.source_id;
