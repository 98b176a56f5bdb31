-- Claims that state the same thing in different articles share a cluster,
-- so that a reader can ask whether a figure is corroborated or whether
-- every report of it rests on one party. Clusters are kept up to date as
-- articles arrive: a new claim is compared with the first claim of the few
-- clusters whose keys it shares (src/store/clusters/), never with the whole
-- ledger. Every claim belongs to exactly one cluster; a claim alone has its
-- own. Membership hangs off the claim, so deleting or re-extracting claims
-- leaves nothing behind, and a cluster goes with its last member.

CREATE TABLE cluster_members (
    claim_id   INTEGER PRIMARY KEY REFERENCES claim_rows(id) ON DELETE CASCADE,
    -- The cluster: the id of its first claim.
    cluster_id INTEGER NOT NULL,
    -- The rest is kept on one row per cluster, the row that carries the
    -- cluster (its first claim's, or, once that claim is deleted, the next
    -- member's); on every other row it is NULL. One row per claim and no
    -- table of clusters beside it keeps the import writer's work small.
    --
    -- What later claims are compared with: the first claim's content
    -- words, names, figures and the names its article is about, in the
    -- layout of src/store/clusters/profile.rs. NULL too for a claim that
    -- says too little to be told apart from others: it stays alone.
    profile    BLOB,
    -- MinHash band keys of the content words: claims with much the same
    -- words share at least one. A key already shared by as many clusters
    -- as a lookup reads (boilerplate) is not stored again.
    band1      INTEGER,
    band2      INTEGER,
    band3      INTEGER,
    band4      INTEGER,
    -- A key for the first claim's largest figure and its unit, to find
    -- rewordings of the same number.
    figure     INTEGER,
    -- A cluster that says the same about the same thing with another
    -- figure, found when this one was opened (its cluster_id).
    conflicts_with INTEGER
);
-- Only claims that joined an earlier claim's cluster are indexed by it: a
-- claim alone (most claims) is found by its own id. The key indexes hold
-- the cluster too, so a lookup by key reads the index alone.
CREATE INDEX cluster_members_joined ON cluster_members(cluster_id) WHERE cluster_id <> claim_id;
CREATE INDEX cluster_members_band1 ON cluster_members(band1, cluster_id) WHERE band1 IS NOT NULL;
CREATE INDEX cluster_members_band2 ON cluster_members(band2, cluster_id) WHERE band2 IS NOT NULL;
CREATE INDEX cluster_members_band3 ON cluster_members(band3, cluster_id) WHERE band3 IS NOT NULL;
CREATE INDEX cluster_members_band4 ON cluster_members(band4, cluster_id) WHERE band4 IS NOT NULL;
CREATE INDEX cluster_members_figure ON cluster_members(figure, cluster_id) WHERE figure IS NOT NULL;
CREATE INDEX cluster_members_conflicts ON cluster_members(conflicts_with)
    WHERE conflicts_with IS NOT NULL;

-- When the row that carries a cluster goes (its claim deleted or
-- re-extracted), the next member carries it, so later claims still find
-- the cluster; when the last member goes, no cluster keeps pointing at it
-- as a conflict. Triggers rather than foreign-key actions, so they hold
-- whether or not the connection enforces foreign keys.
CREATE TRIGGER cluster_members_carrier_gone AFTER DELETE ON cluster_members
WHEN OLD.profile IS NOT NULL
BEGIN
    UPDATE cluster_members
    SET profile = OLD.profile, band1 = OLD.band1, band2 = OLD.band2, band3 = OLD.band3,
        band4 = OLD.band4, figure = OLD.figure, conflicts_with = OLD.conflicts_with
    WHERE claim_id = (SELECT min(claim_id) FROM cluster_members
                      WHERE cluster_id = OLD.cluster_id AND cluster_id <> claim_id);
END;
-- A claim deleted with foreign keys off (the sqlite3 shell's default)
-- takes its membership with it all the same.
CREATE TRIGGER claim_rows_cluster_gone AFTER DELETE ON claim_rows
BEGIN
    DELETE FROM cluster_members WHERE claim_id = OLD.id;
END;
CREATE TRIGGER cluster_members_last_gone AFTER DELETE ON cluster_members
WHEN NOT EXISTS (SELECT 1 FROM cluster_members WHERE claim_id = OLD.cluster_id)
 AND NOT EXISTS (SELECT 1 FROM cluster_members
                 WHERE cluster_id = OLD.cluster_id AND cluster_id <> claim_id)
BEGIN
    UPDATE cluster_members SET conflicts_with = NULL WHERE conflicts_with = OLD.cluster_id;
END;

-- When each article was first seen: its publication date (ISO, schema 5)
-- where the article gives one, else the time it was imported.
CREATE VIEW article_dates AS
SELECT id AS article_id, coalesce(published, imported_at) AS seen,
       published IS NOT NULL AS published
FROM article_rows;

-- The party each claim originally rests on: its source (depth 0), or, for
-- a claim in the article's own voice, the outlet that published it (the
-- ledger source of that name where there is one), or the article itself
-- when even the outlet is unknown.
CREATE VIEW claim_origins AS
WITH outlets AS (
    SELECT id AS article_id, outlet AS outlet_name,
           CASE WHEN lower(trim(outlet)) LIKE 'the %' THEN substr(lower(trim(outlet)), 5)
                ELSE lower(trim(outlet)) END AS outlet
    FROM article_rows
)
SELECT c.id AS claim_id, c.article_id,
       coalesce(c.source_id, os.id) AS source_id,
       CASE WHEN c.source_id IS NOT NULL THEN 'source ' || c.source_id
            WHEN os.id IS NOT NULL THEN 'source ' || os.id
            WHEN o.outlet IS NOT NULL THEN 'outlet ' || o.outlet
            ELSE 'article ' || c.article_id END AS origin,
       coalesce(s.name, os.name, o.outlet_name, 'article ' || c.article_id) AS origin_name
FROM claim_rows c
JOIN outlets o ON o.article_id = c.article_id
LEFT JOIN sources s ON s.id = c.source_id
LEFT JOIN sources os ON c.source_id IS NULL
     AND os.id = (SELECT id FROM sources WHERE norm = o.outlet
                  UNION ALL
                  SELECT source_id FROM source_aliases WHERE norm = o.outlet AND merges = 1
                  LIMIT 1);

-- One row per cluster: the text of its first claim, how many claims,
-- articles and outlets carry it, how many independent parties it rests on
-- (after merging aliases; a claim in an outlet's own voice counts as that
-- outlet), and when it was first seen.
CREATE VIEW claim_clusters AS
SELECT g.cluster_id, g.first_claim,
       (SELECT substr(a.body, c.body_start + 1, c.body_end - c.body_start)
        FROM claim_rows c JOIN article_rows a ON a.id = c.article_id
        WHERE c.id = g.first_claim) AS text,
       g.claims, g.articles, g.outlets, g.independent_sources,
       (SELECT group_concat(origin_name, '; ') FROM
           (SELECT DISTINCT o.origin_name FROM cluster_members m
            JOIN claim_origins o ON o.claim_id = m.claim_id
            WHERE m.cluster_id = g.cluster_id ORDER BY o.origin_name)) AS sources,
       g.first_seen
FROM (SELECT m.cluster_id,
             min(m.claim_id) AS first_claim,
             count(*) AS claims,
             count(DISTINCT c.article_id) AS articles,
             count(DISTINCT lower(trim(a.outlet))) AS outlets,
             count(DISTINCT o.origin) AS independent_sources,
             min(d.seen) AS first_seen
      FROM cluster_members m
      JOIN claim_rows c ON c.id = m.claim_id
      JOIN article_rows a ON a.id = c.article_id
      JOIN claim_origins o ON o.claim_id = m.claim_id
      JOIN article_dates d ON d.article_id = c.article_id
      GROUP BY m.cluster_id) g;
