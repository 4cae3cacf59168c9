namespace ResponsePortal.Dashboard;

/// <summary>
/// Migration 5: the dashboard's aggregates (docs/dashboards.md, "Aggregates"). SQLite triggers keep them in the same
/// transaction as the listing or match change that moves them, so no adapter code has to remember to, and a view reads
/// a few hundred aggregate rows instead of every listing.
/// </summary>
/// <remarks>
/// As shipped in migration 5. Two of its insert triggers are gone since: the listing store writes a new listing's
/// <c>dash_listings</c> row (migration 9) and adds its cube and daily counts once per commit group (migration 10,
/// <c>DashboardCountRows</c>). Migration 13 moved <c>dash_listings</c>' columns into <c>listings</c> and its triggers
/// with them (DashboardSchema.ListingColumns.cs); see <c>SqliteMigrations</c>.
/// </remarks>
internal static partial class DashboardSchema
{
    /// <summary>
    /// Upper bounds (exclusive) of the time-to-first-match histogram buckets, in seconds; the last bucket is "longer".
    /// Shipped in migration 5: changing them needs a new migration that rebuilds dash_latency.
    /// </summary>
    public static readonly IReadOnlyList<int> EdgesSeconds =
        [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 259200, 432000, 604800, 1209600, 2592000];

    public const string HoldingStates = "'proposed', 'accepted-by-offer', 'accepted-by-request', 'accepted', 'completed'";

    public static string Migration { get; } = Template
        .Replace("__BUCKET__", BucketSql(), StringComparison.Ordinal)
        .Replace("__HOLDING__", HoldingStates, StringComparison.Ordinal);

    private static string BucketSql()
    {
        const string seconds = "(julianday(NEW.first_match_at) - julianday(NEW.created_at)) * 86400.0";
        var cases = EdgesSeconds.Select((edge, i) => $"WHEN {seconds} < {edge} THEN {i}");
        return $"CASE {string.Join(' ', cases)} ELSE {EdgesSeconds.Count} END";
    }

    private const string Template = """
        -- One narrow row per listing, kept by triggers in the same transaction as the listing or match change.
        CREATE TABLE dash_listings (
            id             TEXT    NOT NULL PRIMARY KEY,
            side           TEXT    NOT NULL,
            type           TEXT    NOT NULL,
            category       TEXT    NOT NULL,
            region         TEXT    NOT NULL,
            urgency        TEXT    NOT NULL,  -- '' for offers
            cluster        TEXT    NOT NULL,  -- '' when the organisation names none
            status         TEXT    NOT NULL,
            quantity       INTEGER NOT NULL,
            held           INTEGER NOT NULL DEFAULT 0,  -- quantity in matches that hold it (proposed .. completed)
            created_at     TEXT    NOT NULL,
            first_match_at TEXT
        ) WITHOUT ROWID;
        -- Migration 11 drops these two again (only the export read them; every posted listing paid for them).
        CREATE INDEX ix_dash_listings_cluster_created ON dash_listings (cluster, created_at);
        CREATE INDEX ix_dash_listings_created ON dash_listings (created_at);

        -- The snapshot cube: one row per combination of dimensions that occurs, not per listing.
        CREATE TABLE dash_cube (
            side TEXT NOT NULL, type TEXT NOT NULL, category TEXT NOT NULL, region TEXT NOT NULL,
            urgency TEXT NOT NULL, cluster TEXT NOT NULL, status TEXT NOT NULL,
            listings INTEGER NOT NULL DEFAULT 0, quantity INTEGER NOT NULL DEFAULT 0, held INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (side, type, category, region, urgency, cluster, status)
        ) WITHOUT ROWID;
        CREATE INDEX ix_dash_cube_cluster ON dash_cube (cluster);

        -- Time from posting to first match, as a histogram (bucket = index into DashboardBuckets.EdgesSeconds).
        CREATE TABLE dash_latency (
            side TEXT NOT NULL, type TEXT NOT NULL, category TEXT NOT NULL, region TEXT NOT NULL,
            urgency TEXT NOT NULL, cluster TEXT NOT NULL, bucket INTEGER NOT NULL,
            listings INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (side, type, category, region, urgency, cluster, bucket)
        ) WITHOUT ROWID;

        -- One row per match with the request's dimensions as they were when it was made, so later edits cannot skew the funnel.
        CREATE TABLE dash_matches (
            id TEXT NOT NULL PRIMARY KEY,
            offer_id TEXT NOT NULL, request_id TEXT NOT NULL,
            type TEXT NOT NULL, category TEXT NOT NULL, region TEXT NOT NULL, urgency TEXT NOT NULL,
            cluster TEXT NOT NULL, offer_cluster TEXT NOT NULL,
            state TEXT NOT NULL, reason TEXT NOT NULL, quantity INTEGER NOT NULL, created_at TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX ix_dash_matches_created ON dash_matches (created_at);
        CREATE INDEX ix_dash_matches_cluster ON dash_matches (cluster, created_at);
        CREATE INDEX ix_dash_matches_offer_cluster ON dash_matches (offer_cluster, created_at);

        -- The match funnel: matches by state and closure reason, per request dimensions.
        CREATE TABLE dash_match_cube (
            type TEXT NOT NULL, category TEXT NOT NULL, region TEXT NOT NULL, urgency TEXT NOT NULL, cluster TEXT NOT NULL,
            state TEXT NOT NULL, reason TEXT NOT NULL,
            matches INTEGER NOT NULL DEFAULT 0, quantity INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (type, category, region, urgency, cluster, state, reason)
        ) WITHOUT ROWID;

        -- The trend: listings posted and matches made per UTC day, per dimensions; dash_daily_all is its roll-up for unfiltered views.
        CREATE TABLE dash_daily (
            day TEXT NOT NULL, side TEXT NOT NULL, type TEXT NOT NULL, category TEXT NOT NULL, region TEXT NOT NULL,
            urgency TEXT NOT NULL, cluster TEXT NOT NULL,
            posted INTEGER NOT NULL DEFAULT 0, posted_quantity INTEGER NOT NULL DEFAULT 0,
            matches INTEGER NOT NULL DEFAULT 0, matched_quantity INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, side, type, category, region, urgency, cluster)
        ) WITHOUT ROWID;
        CREATE INDEX ix_dash_daily_cluster ON dash_daily (cluster, day);
        CREATE TABLE dash_daily_all (
            day TEXT NOT NULL, side TEXT NOT NULL,
            posted INTEGER NOT NULL DEFAULT 0, posted_quantity INTEGER NOT NULL DEFAULT 0,
            matches INTEGER NOT NULL DEFAULT 0, matched_quantity INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, side)
        ) WITHOUT ROWID;

        -- listings -> dash_listings (migration 9 drops the insert trigger: ListingRows.Insert writes the row itself)
        CREATE TRIGGER trg_dash_listings_insert AFTER INSERT ON listings BEGIN
            INSERT INTO dash_listings (id, side, type, category, region, urgency, cluster, status, quantity, created_at)
            VALUES (NEW.id, NEW.side, NEW.type, NEW.category, NEW.region,
                    COALESCE(json_extract(NEW.body, '$.urgency'), ''), COALESCE(json_extract(NEW.body, '$.organisation.cluster'), ''),
                    NEW.status, COALESCE(json_extract(NEW.body, '$.quantity'), 0), NEW.created_at);
        END;
        CREATE TRIGGER trg_dash_listings_update AFTER UPDATE ON listings BEGIN
            UPDATE dash_listings
            SET type = NEW.type, category = NEW.category, region = NEW.region,
                urgency = COALESCE(json_extract(NEW.body, '$.urgency'), ''), cluster = COALESCE(json_extract(NEW.body, '$.organisation.cluster'), ''),
                status = NEW.status, quantity = COALESCE(json_extract(NEW.body, '$.quantity'), 0)
            WHERE id = NEW.id;
        END;

        -- dash_listings -> dash_cube, dash_daily, dash_latency (migration 10 drops the insert trigger: DashboardCountRows adds new listings)
        CREATE TRIGGER trg_dash_cube_insert AFTER INSERT ON dash_listings BEGIN
            INSERT OR IGNORE INTO dash_cube (side, type, category, region, urgency, cluster, status)
            VALUES (NEW.side, NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster, NEW.status);
            UPDATE dash_cube SET listings = listings + 1, quantity = quantity + NEW.quantity, held = held + NEW.held
            WHERE side = NEW.side AND type = NEW.type AND category = NEW.category AND region = NEW.region
              AND urgency = NEW.urgency AND cluster = NEW.cluster AND status = NEW.status;
            INSERT OR IGNORE INTO dash_daily (day, side, type, category, region, urgency, cluster)
            VALUES (substr(NEW.created_at, 1, 10), NEW.side, NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster);
            UPDATE dash_daily SET posted = posted + 1, posted_quantity = posted_quantity + NEW.quantity
            WHERE day = substr(NEW.created_at, 1, 10) AND side = NEW.side AND type = NEW.type AND category = NEW.category
              AND region = NEW.region AND urgency = NEW.urgency AND cluster = NEW.cluster;
            INSERT OR IGNORE INTO dash_daily_all (day, side) VALUES (substr(NEW.created_at, 1, 10), NEW.side);
            UPDATE dash_daily_all SET posted = posted + 1, posted_quantity = posted_quantity + NEW.quantity
            WHERE day = substr(NEW.created_at, 1, 10) AND side = NEW.side;
        END;
        CREATE TRIGGER trg_dash_cube_update AFTER UPDATE ON dash_listings BEGIN
            UPDATE dash_cube SET listings = listings - 1, quantity = quantity - OLD.quantity, held = held - OLD.held
            WHERE side = OLD.side AND type = OLD.type AND category = OLD.category AND region = OLD.region
              AND urgency = OLD.urgency AND cluster = OLD.cluster AND status = OLD.status;
            INSERT OR IGNORE INTO dash_cube (side, type, category, region, urgency, cluster, status)
            VALUES (NEW.side, NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster, NEW.status);
            UPDATE dash_cube SET listings = listings + 1, quantity = quantity + NEW.quantity, held = held + NEW.held
            WHERE side = NEW.side AND type = NEW.type AND category = NEW.category AND region = NEW.region
              AND urgency = NEW.urgency AND cluster = NEW.cluster AND status = NEW.status;
        END;
        CREATE TRIGGER trg_dash_latency AFTER UPDATE OF first_match_at ON dash_listings
        WHEN OLD.first_match_at IS NULL AND NEW.first_match_at IS NOT NULL BEGIN
            INSERT OR IGNORE INTO dash_latency (side, type, category, region, urgency, cluster, bucket)
            VALUES (NEW.side, NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster, __BUCKET__);
            UPDATE dash_latency SET listings = listings + 1
            WHERE side = NEW.side AND type = NEW.type AND category = NEW.category AND region = NEW.region
              AND urgency = NEW.urgency AND cluster = NEW.cluster AND bucket = __BUCKET__;
        END;

        -- matches -> dash_matches (and the held quantity and first match of both listings)
        CREATE TRIGGER trg_dash_matches_insert AFTER INSERT ON matches BEGIN
            INSERT INTO dash_matches (id, offer_id, request_id, type, category, region, urgency, cluster, offer_cluster, state, reason, quantity, created_at)
            SELECT NEW.id, NEW.offer_id, NEW.request_id, r.type, r.category, r.region, r.urgency, r.cluster,
                   COALESCE((SELECT o.cluster FROM dash_listings o WHERE o.id = NEW.offer_id), ''),
                   NEW.state, COALESCE(NEW.closure_reason, ''), NEW.quantity, NEW.created_at
            FROM dash_listings r WHERE r.id = NEW.request_id;
            UPDATE dash_listings
            SET held = held + CASE WHEN NEW.state IN (__HOLDING__) THEN NEW.quantity ELSE 0 END,
                first_match_at = COALESCE(first_match_at, NEW.created_at)
            WHERE id IN (NEW.offer_id, NEW.request_id);
        END;
        CREATE TRIGGER trg_dash_matches_update AFTER UPDATE OF state, closure_reason, quantity ON matches BEGIN
            UPDATE dash_matches SET state = NEW.state, reason = COALESCE(NEW.closure_reason, ''), quantity = NEW.quantity WHERE id = NEW.id;
            UPDATE dash_listings
            SET held = held - CASE WHEN OLD.state IN (__HOLDING__) THEN OLD.quantity ELSE 0 END
                            + CASE WHEN NEW.state IN (__HOLDING__) THEN NEW.quantity ELSE 0 END
            WHERE id IN (NEW.offer_id, NEW.request_id);
        END;

        -- dash_matches -> dash_match_cube, dash_daily
        CREATE TRIGGER trg_dash_match_cube_insert AFTER INSERT ON dash_matches BEGIN
            INSERT OR IGNORE INTO dash_match_cube (type, category, region, urgency, cluster, state, reason)
            VALUES (NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster, NEW.state, NEW.reason);
            UPDATE dash_match_cube SET matches = matches + 1, quantity = quantity + NEW.quantity
            WHERE type = NEW.type AND category = NEW.category AND region = NEW.region AND urgency = NEW.urgency
              AND cluster = NEW.cluster AND state = NEW.state AND reason = NEW.reason;
            INSERT OR IGNORE INTO dash_daily (day, side, type, category, region, urgency, cluster)
            VALUES (substr(NEW.created_at, 1, 10), 'Request', NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster);
            UPDATE dash_daily SET matches = matches + 1, matched_quantity = matched_quantity + NEW.quantity
            WHERE day = substr(NEW.created_at, 1, 10) AND side = 'Request' AND type = NEW.type AND category = NEW.category
              AND region = NEW.region AND urgency = NEW.urgency AND cluster = NEW.cluster;
            INSERT OR IGNORE INTO dash_daily_all (day, side) VALUES (substr(NEW.created_at, 1, 10), 'Request');
            UPDATE dash_daily_all SET matches = matches + 1, matched_quantity = matched_quantity + NEW.quantity
            WHERE day = substr(NEW.created_at, 1, 10) AND side = 'Request';
        END;
        CREATE TRIGGER trg_dash_match_cube_update AFTER UPDATE ON dash_matches BEGIN
            UPDATE dash_match_cube SET matches = matches - 1, quantity = quantity - OLD.quantity
            WHERE type = OLD.type AND category = OLD.category AND region = OLD.region AND urgency = OLD.urgency
              AND cluster = OLD.cluster AND state = OLD.state AND reason = OLD.reason;
            INSERT OR IGNORE INTO dash_match_cube (type, category, region, urgency, cluster, state, reason)
            VALUES (NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster, NEW.state, NEW.reason);
            UPDATE dash_match_cube SET matches = matches + 1, quantity = quantity + NEW.quantity
            WHERE type = NEW.type AND category = NEW.category AND region = NEW.region AND urgency = NEW.urgency
              AND cluster = NEW.cluster AND state = NEW.state AND reason = NEW.reason;
        END;

        -- What was there before this migration: replayed through the same triggers.
        INSERT INTO dash_listings (id, side, type, category, region, urgency, cluster, status, quantity, created_at)
        SELECT id, side, type, category, region, COALESCE(json_extract(body, '$.urgency'), ''),
               COALESCE(json_extract(body, '$.organisation.cluster'), ''), status, COALESCE(json_extract(body, '$.quantity'), 0), created_at
        FROM listings;
        INSERT INTO dash_matches (id, offer_id, request_id, type, category, region, urgency, cluster, offer_cluster, state, reason, quantity, created_at)
        SELECT m.id, m.offer_id, m.request_id, r.type, r.category, r.region, r.urgency, r.cluster, COALESCE(o.cluster, ''),
               m.state, COALESCE(m.closure_reason, ''), m.quantity, m.created_at
        FROM matches m JOIN dash_listings r ON r.id = m.request_id LEFT JOIN dash_listings o ON o.id = m.offer_id;
        UPDATE dash_listings SET
            held = (SELECT COALESCE(SUM(m.quantity), 0) FROM matches m WHERE (m.offer_id = dash_listings.id OR m.request_id = dash_listings.id) AND m.state IN (__HOLDING__)),
            first_match_at = (SELECT MIN(m.created_at) FROM matches m WHERE m.offer_id = dash_listings.id OR m.request_id = dash_listings.id);
        """;
}
