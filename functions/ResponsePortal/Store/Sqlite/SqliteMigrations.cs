using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// The schema as an ordered, append-only list: a database at version N gets migrations N+1.. applied,
/// each in its own transaction together with its row in <c>schema_version</c>, so a crash leaves
/// the database at a whole version. Never edit a shipped migration; append a new one.
/// </summary>
internal static class SqliteMigrations
{
    internal sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "listings and idempotency keys", """
            -- The body column is the listing as JSON (the source of truth); the other columns are copies
            -- of the fields the list query filters and sorts on.
            CREATE TABLE listings (
                id                TEXT    NOT NULL PRIMARY KEY,
                side              TEXT    NOT NULL,
                type              TEXT    NOT NULL,
                category          TEXT    NOT NULL,
                region            TEXT    NOT NULL,
                status            TEXT    NOT NULL,
                created_at        TEXT    NOT NULL,  -- UTC, fixed width, so text order is time order
                updated_at        TEXT    NOT NULL,
                version           INTEGER NOT NULL,
                manage_token_hash TEXT    NOT NULL,
                expires_at        TEXT    NOT NULL,  -- yyyy-MM-dd
                body              TEXT    NOT NULL
            );
            -- created_at is ascending on purpose: SQLite scans these backwards for "newest first",
            -- and the implicit trailing rowid then also comes out descending, which breaks ties
            -- between listings created in the same tick without a sort step.
            CREATE INDEX ix_listings_side_status_created ON listings (side, status, created_at);
            CREATE INDEX ix_listings_side_status_category_created ON listings (side, status, category, created_at);
            -- BINARY collation (the default) lets a prefix become a range: region >= p AND region < p || U+10FFFF.
            CREATE INDEX ix_listings_side_region ON listings (side, region);

            CREATE TABLE idempotency_keys (
                side         TEXT NOT NULL,
                key          TEXT NOT NULL,
                request_hash TEXT NOT NULL,
                listing_id   TEXT NOT NULL REFERENCES listings (id),
                created_at   TEXT NOT NULL,
                PRIMARY KEY (side, key)
            ) WITHOUT ROWID;
            """),
        new(2, "work queue, matches, notifications, used links", """
            -- The embedded work queue (docs/pipeline.md). A row is ready when visible_at (unix ms) has passed;
            -- leasing pushes visible_at out by the lease time, so a crashed worker's item comes back by itself.
            -- Done items are deleted; items that failed max_attempts times stay as state 'dead' for the admin page.
            CREATE TABLE work_items (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                queue       TEXT    NOT NULL,
                body        TEXT    NOT NULL,
                state       TEXT    NOT NULL DEFAULT 'ready',
                attempts    INTEGER NOT NULL DEFAULT 0,
                visible_at  INTEGER NOT NULL,
                lease_token TEXT,
                created_at  INTEGER NOT NULL,
                last_error  TEXT
            );
            CREATE INDEX ix_work_items_ready ON work_items (state, queue, visible_at);

            -- Proposed and decided matches. The id derives from offer id, request id and both listings' terms hashes,
            -- so re-running the matcher on the same state inserts nothing new.
            CREATE TABLE matches (
                id              TEXT    NOT NULL PRIMARY KEY,
                offer_id        TEXT    NOT NULL,
                request_id      TEXT    NOT NULL,
                offer_terms     TEXT    NOT NULL,  -- hash of the fields matching depends on, so a cosmetic edit keeps the match
                request_terms   TEXT    NOT NULL,
                quantity        INTEGER NOT NULL CHECK (quantity > 0),
                state           TEXT    NOT NULL,
                closure_reason  TEXT,
                explanation     TEXT    NOT NULL,
                created_at      TEXT    NOT NULL,
                updated_at      TEXT    NOT NULL
            );
            CREATE INDEX ix_matches_offer ON matches (offer_id, state);
            CREATE INDEX ix_matches_request ON matches (request_id, state);

            -- One row per e-mail the portal means to send, keyed by (match or listing, party, event).
            CREATE TABLE notifications (
                key        TEXT NOT NULL PRIMARY KEY,
                subject_id TEXT NOT NULL,
                party      TEXT NOT NULL,
                event      TEXT NOT NULL,
                recipient  TEXT NOT NULL,
                state      TEXT NOT NULL,
                created_at TEXT NOT NULL,
                sent_at    TEXT
            ) WITHOUT ROWID;

            -- Accept/decline/reconfirm links are single-use: the hash of a used link's signature.
            CREATE TABLE used_links (
                signature_hash TEXT NOT NULL PRIMARY KEY,
                used_at        TEXT NOT NULL
            ) WITHOUT ROWID;
            """),
        new(3, "listing coordinates and radius for the matcher's neighbourhood search", """
            -- Virtual columns read from the JSON body, so writers need not know them; the index is what the matcher
            -- searches when it looks for the partners a changed listing can reach (Matching/MatchHandler.cs).
            ALTER TABLE listings ADD COLUMN lat REAL GENERATED ALWAYS AS (json_extract(body, '$.lat')) VIRTUAL;
            ALTER TABLE listings ADD COLUMN lon REAL GENERATED ALWAYS AS (json_extract(body, '$.lon')) VIRTUAL;
            ALTER TABLE listings ADD COLUMN radius_km INTEGER GENERATED ALWAYS AS (json_extract(body, '$.radiusKm')) VIRTUAL;
            CREATE INDEX ix_listings_reach ON listings (side, status, category, lat);
            """),
        new(4, "accounts and sign-in links", """
            -- Invited accounts (docs/dashboards.md). No passwords: people sign in by a one-time link sent by e-mail.
            CREATE TABLE accounts (
                email      TEXT NOT NULL PRIMARY KEY,  -- lower-case
                role       TEXT NOT NULL,              -- admin | authority | cluster-manager
                cluster    TEXT,                       -- cluster managers: the organisation.cluster they manage
                name       TEXT,
                created_at TEXT NOT NULL,
                invited_by TEXT
            ) WITHOUT ROWID;

            -- Only the SHA-256 of a link's token is stored; a row is deleted when used, so a link works once.
            CREATE TABLE sign_in_links (
                token_hash TEXT NOT NULL PRIMARY KEY,
                email      TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                created_at TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX ix_sign_in_links_email ON sign_in_links (email);
            """),
        new(5, "dashboard aggregates", Dashboard.DashboardSchema.Migration),
        new(6, "bulk uploads", """
            -- CSV uploads of shortages by cluster managers (docs/dashboards.md, "Bulk posting"). The file is kept until it is
            -- processed, so an upload interrupted by a restart resumes; its rows' idempotency keys make the resume harmless.
            CREATE TABLE bulk_uploads (
                id          TEXT    NOT NULL PRIMARY KEY,
                account     TEXT    NOT NULL,
                cluster     TEXT,
                file_name   TEXT    NOT NULL,
                file_hash   TEXT    NOT NULL,
                content     BLOB,
                language    TEXT    NOT NULL,
                state       TEXT    NOT NULL,  -- queued | running | done
                total       INTEGER NOT NULL,
                processed   INTEGER NOT NULL DEFAULT 0,
                posted      INTEGER NOT NULL DEFAULT 0,
                replayed    INTEGER NOT NULL DEFAULT 0,
                failed      INTEGER NOT NULL DEFAULT 0,
                errors      TEXT    NOT NULL DEFAULT '[]',
                created_at  TEXT    NOT NULL,
                finished_at TEXT
            ) WITHOUT ROWID;
            CREATE INDEX ix_bulk_uploads_account ON bulk_uploads (account, created_at);
            CREATE INDEX ix_bulk_uploads_state ON bulk_uploads (state);
            """),
        new(7, "offers by delivery radius for the matcher's radius bands", """
            -- A request's search asks, per radius band, for offers whose radius falls in the band and whose position is in
            -- the band's box. On ix_listings_reach the wide bands' boxes hold every offer, and each row's lon and radius_km
            -- are read by parsing its JSON body: ~50 ms per request with 1,250 open offers. Here the band is a range on the
            -- index and lat/lon are filtered from the index entries: ~1 ms (docs/pipeline.md, "Benchmark").
            CREATE INDEX ix_listings_reach_radius ON listings (side, status, category, radius_km, lat, lon);
            """),
        new(8, "cheaper listing inserts: no redundant reach index, dashboard cube kept by upserts", """
            -- ix_listings_reach (migration 3) is covered by ix_listings_reach_radius (migration 7): same (side, status, category)
            -- prefix, and lat and lon are read from the index entries, never from the body. Every insert paid for it: one more
            -- b-tree, and json_extract of the body for lat.
            DROP INDEX ix_listings_reach;

            -- Same counts as migration 5's trigger, in three statements instead of six (INSERT OR IGNORE, then UPDATE, per
            -- table): every posted listing runs this trigger on the single writer thread.
            DROP TRIGGER trg_dash_cube_insert;
            CREATE TRIGGER trg_dash_cube_insert AFTER INSERT ON dash_listings BEGIN
                INSERT INTO dash_cube (side, type, category, region, urgency, cluster, status, listings, quantity, held)
                VALUES (NEW.side, NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster, NEW.status, 1, NEW.quantity, NEW.held)
                ON CONFLICT DO UPDATE SET listings = listings + 1, quantity = quantity + excluded.quantity, held = held + excluded.held;
                INSERT INTO dash_daily (day, side, type, category, region, urgency, cluster, posted, posted_quantity)
                VALUES (substr(NEW.created_at, 1, 10), NEW.side, NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster, 1, NEW.quantity)
                ON CONFLICT DO UPDATE SET posted = posted + 1, posted_quantity = posted_quantity + excluded.posted_quantity;
                INSERT INTO dash_daily_all (day, side, posted, posted_quantity)
                VALUES (substr(NEW.created_at, 1, 10), NEW.side, 1, NEW.quantity)
                ON CONFLICT DO UPDATE SET posted = posted + 1, posted_quantity = posted_quantity + excluded.posted_quantity;
            END;
            """),
        new(9, "dashboard rows of new listings written by the store, not by a trigger", """
            -- The trigger read urgency, cluster and quantity with json_extract: three parses of the whole body per posted
            -- listing, about a fifth of the single writer thread's time. ListingRows.Insert now inserts the dash_listings row
            -- with values computed on the request's thread; trg_dash_cube_insert still fires on that row.
            DROP TRIGGER trg_dash_listings_insert;
            """),
        new(10, "listing inserts without JSON parsing or per-listing dashboard upserts", """
            -- lat, lon and radius_km were generated columns, json_extract()s of the body: indexed by ix_listings_reach_radius,
            -- so every insert parsed the whole JSON three times on the single writer thread. Now plain columns the store writes.
            DROP INDEX ix_listings_reach_radius;
            ALTER TABLE listings DROP COLUMN lat;
            ALTER TABLE listings DROP COLUMN lon;
            ALTER TABLE listings DROP COLUMN radius_km;
            ALTER TABLE listings ADD COLUMN lat REAL;
            ALTER TABLE listings ADD COLUMN lon REAL;
            ALTER TABLE listings ADD COLUMN radius_km INTEGER;
            UPDATE listings SET lat = json_extract(body, '$.lat'), lon = json_extract(body, '$.lon'), radius_km = json_extract(body, '$.radiusKm');
            CREATE INDEX ix_listings_reach_radius ON listings (side, status, category, radius_km, lat, lon);

            -- New listings' cube and daily counts are added once per commit group by the store (DashboardCountRows), not by
            -- three upserts per listing in this trigger.
            DROP TRIGGER trg_dash_cube_insert;

            -- Within a commit group, a listing's counts are added at the end: a change of a listing whose cube cell the group
            -- has not written yet must still subtract from it, so the cell is created (at zero) if missing. Sums commute, so
            -- the order of adding and subtracting does not change the result.
            DROP TRIGGER trg_dash_cube_update;
            CREATE TRIGGER trg_dash_cube_update AFTER UPDATE ON dash_listings BEGIN
                INSERT INTO dash_cube (side, type, category, region, urgency, cluster, status, listings, quantity, held)
                VALUES (OLD.side, OLD.type, OLD.category, OLD.region, OLD.urgency, OLD.cluster, OLD.status, -1, -OLD.quantity, -OLD.held)
                ON CONFLICT DO UPDATE SET listings = listings - 1, quantity = quantity - OLD.quantity, held = held - OLD.held;
                INSERT INTO dash_cube (side, type, category, region, urgency, cluster, status, listings, quantity, held)
                VALUES (NEW.side, NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster, NEW.status, 1, NEW.quantity, NEW.held)
                ON CONFLICT DO UPDATE SET listings = listings + 1, quantity = quantity + NEW.quantity, held = held + NEW.held;
            END;
            """),
        new(11, "no secondary indexes on dash_listings", """
            -- Only the export read these two, and every posted listing paid for both on the single writer thread: two more
            -- b-trees to update and their pages in every commit. Without them an export sorts the narrow rows it selects
            -- (id and created_at, not the bodies), and a cluster's export filters the rows of the period. Intake benchmark,
            -- alternating rounds against the build before: median ratio 0.259 against 0.227, a gain no larger than one
            -- round's spread (docs/benchmarks.md, "Intake").
            DROP INDEX ix_dash_listings_cluster_created;
            DROP INDEX ix_dash_listings_created;
            """),
        new(12, "one index for listing pages instead of three", """
            -- Listing pages filter by side and status, and optionally by category, NUTS prefix and type, newest first. Three
            -- indexes served them: (side, status, created_at), (side, status, category, created_at) and (side, region). Each
            -- is one more b-tree that every posted listing writes on the single writer thread. One index ordered by
            -- created_at with the filter columns behind it serves every page: the newest entries are read first and the
            -- filters are checked on the index entries (no row is read for them), and a count reads the side's open entries
            -- as the first index's count did. The matcher's searches use ix_listings_reach_radius, unchanged.
            -- Intake benchmark and page timings at 128,000 offers: docs/benchmarks.md, "session eleven".
            DROP INDEX ix_listings_side_status_created;
            DROP INDEX ix_listings_side_status_category_created;
            DROP INDEX ix_listings_side_region;
            CREATE INDEX ix_listings_pages ON listings (side, status, created_at, category, region, type);
            """),
        new(13, "the dashboard's columns of a listing in listings, no dash_listings", Dashboard.DashboardSchema.ListingColumnsMigration),
    ];

    /// <summary>Brings the database up to the newest version. Returns how many migrations ran (0 when current).</summary>
    public static int Apply(SqliteConnection connection) => Apply(connection, All[^1].Version);

    /// <summary>Brings the database up to <paramref name="version"/> (tests: a database as an older build left it).</summary>
    internal static int Apply(SqliteConnection connection, int version)
    {
        Execute(connection, null, """
            CREATE TABLE IF NOT EXISTS schema_version (
                version    INTEGER NOT NULL PRIMARY KEY,
                name       TEXT    NOT NULL,
                applied_at TEXT    NOT NULL
            );
            """);

        var newestKnown = All[^1].Version;
        var applied = 0;
        foreach (var migration in All)
        {
            // BEGIN IMMEDIATE takes the write lock first, so reading the version and applying the
            // migration cannot interleave with another process doing the same.
            using var transaction = connection.BeginTransaction(deferred: false);
            var current = CurrentVersion(connection, transaction);
            if (current > newestKnown)
            {
                throw new InvalidOperationException(
                    $"The database {connection.DataSource} has schema version {current}, newer than this build knows ({newestKnown}). " +
                    "Run a newer build or restore a backup.");
            }

            if (migration.Version <= current || migration.Version > version)
            {
                continue;
            }

            Execute(connection, transaction, migration.Sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, name, applied_at) VALUES ($version, $name, $appliedAt)";
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$name", migration.Name);
            record.Parameters.AddWithValue("$appliedAt", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
            transaction.Commit();
            applied++;
        }

        return applied;
    }

    public static long CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
