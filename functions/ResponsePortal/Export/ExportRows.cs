using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using ResponsePortal.Accounts;
using ResponsePortal.Dashboard;
using ResponsePortal.Listings;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Export;

/// <summary>One exported listing. Contact fields are null when the viewer may not see them.</summary>
public sealed record ListingExportRow(
    string Id, string Side, string Status, string Type, string Category, string CategoryLabel, string Title,
    long Quantity, string Unit, long MatchedQuantity, string Region, string RegionLabel, string? Urgency,
    DateOnly? NeededBy, DateOnly? AvailableFrom, DateOnly ExpiresAt, string Organisation, string? Cluster,
    string? ContactName, string? ContactEmail, string? ContactPhone, DateTimeOffset CreatedAt);

/// <summary>One exported match with both listings' essentials.</summary>
public sealed record MatchExportRow(
    string Id, string State, string? ClosureReason, long Quantity, DateTimeOffset CreatedAt,
    string RequestId, string RequestTitle, string RequestCategory, string RequestRegion, string? Urgency, string RequestOrganisation, string? RequestCluster,
    string? RequestContactName, string? RequestContactEmail,
    string OfferId, string OfferTitle, string OfferCategory, string OfferRegion, string OfferOrganisation, string? OfferCluster,
    string? OfferContactName, string? OfferContactEmail);

/// <summary>
/// Reads the rows behind the dashboard, with its filters and the viewer's scope, in posting order, streaming (a
/// 100 000-listing export never sits in memory). Filters run on the narrow aggregate row; the listing body is read by key.
/// </summary>
public sealed class ExportRows(SqlitePortalDatabase database, DashboardService dashboard, TimeProvider time) : IExportSource
{
    public async IAsyncEnumerable<ListingExportRow> ListingsAsync(Viewer viewer, DashboardFilter filter, string language, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // One snapshot for both statements. The export's order (created_at across sides and statuses) has no index:
            // every posted listing would pay for one. So SQLite sorts the selected rows; the first statement keeps that sort
            // to two narrow columns, and the bodies are read by key one at a time as the rows stream out.
            using var transaction = connection.BeginTransaction(deferred: true);
            using var rows = connection.CreateCommand();
            rows.Transaction = transaction;
            var where = DashboardService.Where(rows, filter, viewer.ClusterScope, sideAwareUrgency: true) + Period(rows, filter);
            rows.CommandText = $"SELECT id, held FROM listings WHERE 1 = 1{where} ORDER BY created_at, id";
            using var bodies = new ListingBodyLookup(connection, transaction);
            using var reader = await rows.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (bodies.Find(reader.GetString(0)) is not { } l)
                {
                    continue;
                }

                // Every role here sees only listings in its scope (a cluster manager: their own members'), so contacts may be shown.
                yield return new ListingExportRow(
                    l.Id, ListingCodes.Of(l.Side), ListingCodes.Of(l.Status), ListingCodes.Of(l.Type), l.Category, dashboard.CategoryLabel(l.Category, language), l.Title,
                    l.Quantity, l.Unit, reader.GetInt64(1), l.Region, dashboard.RegionLabel(l.Region, language), l.Urgency is { } u ? ListingCodes.Of(u) : null,
                    l.NeededBy, l.AvailableFrom, l.ExpiresAt, l.Organisation.Name, l.Organisation.Cluster,
                    l.Contact.Name, l.Contact.Email, l.Contact.Phone, l.CreatedAt);
            }
        }
    }

    public async IAsyncEnumerable<MatchExportRow> MatchesAsync(Viewer viewer, DashboardFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var connection = await database.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            // A cluster manager sees matches on either side of their cluster: their shortages and their members' offers.
            var where = DashboardService.Where(command, filter, viewer.ClusterScope, sideAwareUrgency: false, " AND (cluster = $cluster OR offer_cluster = $cluster)")
                + Period(command, filter);
            command.CommandText = $"""
                SELECT d.id, d.state, d.reason, d.quantity, d.created_at, r.body, o.body
                FROM (SELECT id, offer_id, request_id, state, reason, quantity, created_at FROM dash_matches WHERE 1 = 1{where}) d
                JOIN listings r ON r.id = d.request_id
                JOIN listings o ON o.id = d.offer_id
                ORDER BY d.created_at, d.id
                """;
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var state = reader.GetString(1);
                var request = ListingRows.Deserialize(reader.GetString(5));
                var offer = ListingRows.Deserialize(reader.GetString(6));
                // Contact details of a counterpart are personal data: a cluster manager gets them only once both sides accepted,
                // as the parties themselves do; authorities see them all.
                var bothAccepted = state is "accepted" or "completed";
                bool Shows(Listing listing) => viewer.ClusterScope is not { } scope || listing.Organisation.Cluster == scope || bothAccepted;
                yield return new MatchExportRow(
                    reader.GetString(0), state, reader.GetString(2) is { Length: > 0 } reason ? reason : null, reader.GetInt64(3),
                    DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
                    request.Id, request.Title, request.Category, request.Region, request.Urgency is { } u ? ListingCodes.Of(u) : null,
                    request.Organisation.Name, request.Organisation.Cluster,
                    Shows(request) ? request.Contact.Name : null, Shows(request) ? request.Contact.Email : null,
                    offer.Id, offer.Title, offer.Category, offer.Region, offer.Organisation.Name, offer.Organisation.Cluster,
                    Shows(offer) ? offer.Contact.Name : null, Shows(offer) ? offer.Contact.Email : null);
            }
        }
    }

    private string Period(SqliteCommand command, DashboardFilter filter)
    {
        if (filter.PeriodDays is not { } days)
        {
            return "";
        }

        var from = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-(days - 1));
        command.Parameters.AddWithValue("$periodFrom", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return " AND created_at >= $periodFrom";
    }
}
