namespace ResponsePortal.Dashboard;

internal static partial class DashboardSchema
{
    /// <summary>
    /// Migration 13: the dashboard's columns of a listing (urgency, cluster, quantity, held quantity, first match) move from
    /// <c>dash_listings</c>, a table of their own, into <c>listings</c>, and the triggers that kept them follow.
    /// </summary>
    /// <remarks>
    /// <c>dash_listings</c> was one more b-tree that every posted listing wrote on the single writer thread, keyed by the
    /// text id, so each commit rewrote several of its leaf pages (docs/benchmarks.md, "session eleven"). The listing store
    /// writes the new columns with the rest of the row (<c>ListingRows</c>); matches change <c>held</c> and
    /// <c>first_match_at</c> there. A listing's dimensions are the same values as before, so the cube and the other
    /// aggregates keep their rows. Computed when asked, not at type initialisation: it reads <see cref="EdgesSeconds"/>, a
    /// field initialised in another file.
    /// </remarks>
    public static string ListingColumnsMigration => """
        DROP TRIGGER trg_dash_listings_update;
        DROP TRIGGER trg_dash_cube_update;
        DROP TRIGGER trg_dash_latency;
        DROP TRIGGER trg_dash_matches_insert;
        DROP TRIGGER trg_dash_matches_update;

        ALTER TABLE listings ADD COLUMN urgency TEXT NOT NULL DEFAULT '';   -- '' for offers
        ALTER TABLE listings ADD COLUMN cluster TEXT NOT NULL DEFAULT '';   -- '' when the organisation names none
        ALTER TABLE listings ADD COLUMN quantity INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE listings ADD COLUMN held INTEGER NOT NULL DEFAULT 0;   -- quantity in matches that hold it (proposed .. completed)
        ALTER TABLE listings ADD COLUMN first_match_at TEXT;
        UPDATE listings
        SET urgency = d.urgency, cluster = d.cluster, quantity = d.quantity, held = d.held, first_match_at = d.first_match_at
        FROM dash_listings AS d WHERE d.id = listings.id;
        DROP TABLE dash_listings;

        -- A change of a listing moves its counts from the old cube cell to the new one. Both are upserts: within a commit
        -- group a new listing's counts are added at the end (DashboardCountRows), so its cell may not exist yet.
        CREATE TRIGGER trg_dash_cube_update AFTER UPDATE OF type, category, region, urgency, cluster, status, quantity, held ON listings BEGIN
            INSERT INTO dash_cube (side, type, category, region, urgency, cluster, status, listings, quantity, held)
            VALUES (OLD.side, OLD.type, OLD.category, OLD.region, OLD.urgency, OLD.cluster, OLD.status, -1, -OLD.quantity, -OLD.held)
            ON CONFLICT DO UPDATE SET listings = listings - 1, quantity = quantity - OLD.quantity, held = held - OLD.held;
            INSERT INTO dash_cube (side, type, category, region, urgency, cluster, status, listings, quantity, held)
            VALUES (NEW.side, NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster, NEW.status, 1, NEW.quantity, NEW.held)
            ON CONFLICT DO UPDATE SET listings = listings + 1, quantity = quantity + NEW.quantity, held = held + NEW.held;
        END;
        CREATE TRIGGER trg_dash_latency AFTER UPDATE OF first_match_at ON listings
        WHEN OLD.first_match_at IS NULL AND NEW.first_match_at IS NOT NULL BEGIN
            INSERT INTO dash_latency (side, type, category, region, urgency, cluster, bucket, listings)
            VALUES (NEW.side, NEW.type, NEW.category, NEW.region, NEW.urgency, NEW.cluster, __BUCKET__, 1)
            ON CONFLICT DO UPDATE SET listings = listings + 1;
        END;

        -- matches -> dash_matches, and the held quantity and first match of both listings
        CREATE TRIGGER trg_dash_matches_insert AFTER INSERT ON matches BEGIN
            INSERT INTO dash_matches (id, offer_id, request_id, type, category, region, urgency, cluster, offer_cluster, state, reason, quantity, created_at)
            SELECT NEW.id, NEW.offer_id, NEW.request_id, r.type, r.category, r.region, r.urgency, r.cluster,
                   COALESCE((SELECT o.cluster FROM listings o WHERE o.id = NEW.offer_id), ''),
                   NEW.state, COALESCE(NEW.closure_reason, ''), NEW.quantity, NEW.created_at
            FROM listings r WHERE r.id = NEW.request_id;
            UPDATE listings
            SET held = held + CASE WHEN NEW.state IN (__HOLDING__) THEN NEW.quantity ELSE 0 END,
                first_match_at = COALESCE(first_match_at, NEW.created_at)
            WHERE id IN (NEW.offer_id, NEW.request_id);
        END;
        CREATE TRIGGER trg_dash_matches_update AFTER UPDATE OF state, closure_reason, quantity ON matches BEGIN
            UPDATE dash_matches SET state = NEW.state, reason = COALESCE(NEW.closure_reason, ''), quantity = NEW.quantity WHERE id = NEW.id;
            UPDATE listings
            SET held = held - CASE WHEN OLD.state IN (__HOLDING__) THEN OLD.quantity ELSE 0 END
                            + CASE WHEN NEW.state IN (__HOLDING__) THEN NEW.quantity ELSE 0 END
            WHERE id IN (NEW.offer_id, NEW.request_id);
        END;
        """
        .Replace("__BUCKET__", BucketSql(), StringComparison.Ordinal)
        .Replace("__HOLDING__", HoldingStates, StringComparison.Ordinal);
}
