-- The first ledger schema: articles, the parties they cite, their claims,
-- the chains those claims travelled through, and the quantities they state.
-- Users query these tables directly, so names are plain words and every
-- enumeration is guarded by a CHECK.

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    path         TEXT,                 -- as given at import; '-' for standard input
    url          TEXT,
    title        TEXT,
    outlet       TEXT,
    byline       TEXT,
    dateline     TEXT,
    published    TEXT,                 -- as found or given, ISO 8601 where known
    imported_at  TEXT NOT NULL,        -- UTC, ISO 8601
    content_hash TEXT NOT NULL UNIQUE, -- blake3 of the bytes as read; re-import is a no-op
    raw_text     TEXT NOT NULL,        -- the text as imported (decoded)
    body         TEXT NOT NULL         -- the cleaned body that claim offsets point into
);

CREATE TABLE sources (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL,                -- the fullest name any article gave
    kind TEXT NOT NULL CHECK (kind IN ('person', 'organization', 'media', 'anonymous')),
    norm TEXT NOT NULL UNIQUE          -- lower-cased, quote-folded name used to merge parties
);

CREATE TABLE source_aliases (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    norm      TEXT NOT NULL,
    -- 1: the alias names the party in any article (an acronym, a short name);
    -- 0: it only referred to it inside one article (a surname, "the ministry").
    merges    INTEGER NOT NULL CHECK (merges IN (0, 1)),
    PRIMARY KEY (source_id, norm)
) WITHOUT ROWID;
CREATE INDEX source_aliases_norm ON source_aliases(norm);

CREATE TABLE claims (
    id          INTEGER PRIMARY KEY,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,      -- 1-based order within the article
    text        TEXT NOT NULL,         -- the content without its attribution frame
    sentence    TEXT NOT NULL,
    body_start  INTEGER NOT NULL,      -- offsets in Unicode scalar values, end exclusive
    body_end    INTEGER NOT NULL,
    raw_start   INTEGER NOT NULL,
    raw_end     INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('non_confirmation', 'denial', 'condemnation',
                                              'intention', 'assessment', 'assertion')),
    mode        TEXT NOT NULL CHECK (mode IN ('direct', 'indirect', 'none')),
    cue         TEXT,
    source_id   INTEGER REFERENCES sources(id),  -- NULL: the article's own voice
    role        TEXT,                  -- the role the article gives the source here
    affiliation TEXT,
    UNIQUE (article_id, position),
    CHECK (body_start <= body_end AND raw_start <= raw_end)
);
CREATE INDEX claims_source ON claims(source_id);
CREATE INDEX claims_kind ON claims(kind);

-- Where in the text the source and the cue of a claim are named.
CREATE TABLE claim_mentions (
    claim_id  INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('source', 'cue')),
    text      TEXT NOT NULL,
    body_start INTEGER NOT NULL,
    body_end   INTEGER NOT NULL,
    raw_start  INTEGER NOT NULL,
    raw_end    INTEGER NOT NULL,
    PRIMARY KEY (claim_id, role)
) WITHOUT ROWID;

-- The chain a claim travelled through, nearest to the source first (depth 1).
CREATE TABLE claim_via (
    claim_id  INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    depth     INTEGER NOT NULL CHECK (depth >= 1),
    source_id INTEGER NOT NULL REFERENCES sources(id),
    PRIMARY KEY (claim_id, depth)
) WITHOUT ROWID;
CREATE INDEX claim_via_source ON claim_via(source_id);

CREATE TABLE quantities (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    value    REAL NOT NULL,
    unit     TEXT,
    approx   INTEGER NOT NULL CHECK (approx IN (0, 1)),
    text     TEXT NOT NULL,
    PRIMARY KEY (claim_id, position)
) WITHOUT ROWID;

-- Every (claim, source) pair: depth 0 for the source the claim rests on,
-- 1.. for the links of its chain.
CREATE VIEW claim_sources AS
SELECT c.id AS claim_id, c.article_id, 0 AS depth, s.id AS source_id, s.name AS source, s.kind AS source_kind
FROM claims c JOIN sources s ON s.id = c.source_id
UNION ALL
SELECT v.claim_id, c.article_id, v.depth, s.id, s.name, s.kind
FROM claim_via v JOIN claims c ON c.id = v.claim_id JOIN sources s ON s.id = v.source_id;

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
    c.text        AS text,
    c.kind        AS kind,
    c.mode        AS mode,
    c.cue         AS cue,
    s.name        AS source,
    s.kind        AS source_kind,
    c.role        AS role,
    c.affiliation AS affiliation,
    (SELECT group_concat(name, ' via ') FROM
        (SELECT vs.name AS name FROM claim_via v JOIN sources vs ON vs.id = v.source_id
         WHERE v.claim_id = c.id ORDER BY v.depth)) AS via,
    (SELECT group_concat(q, '; ') FROM
        (SELECT q.text AS q FROM quantities q WHERE q.claim_id = c.id ORDER BY q.position)) AS quantities,
    c.sentence    AS sentence,
    c.body_start  AS body_start,
    c.body_end    AS body_end,
    c.raw_start   AS raw_start,
    c.raw_end     AS raw_end
FROM claims c
JOIN articles a ON a.id = c.article_id
LEFT JOIN sources s ON s.id = c.source_id;
