using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ResponsePortal.Accounts;
using ResponsePortal.Dashboard;
using ResponsePortal.Web;

namespace ResponsePortal.Export;

/// <summary>
/// /api/export/listings.csv|json and matches.csv|json: the rows behind the dashboard, same filters, same scope.
/// CSV is RFC 4180 with a UTF-8 BOM; <c>?hxl=1</c> adds a row of HXL hashtags under the header. /api/matches is the
/// JSON list of matches for API clients.
/// </summary>
public static class ExportEndpoints
{
    private static readonly string[] ListingHeader =
    [
        "id", "side", "status", "type", "category", "category_label", "title", "quantity", "unit", "matched_quantity", "region", "region_label",
        "urgency", "needed_by", "available_from", "expires_at", "organisation", "cluster", "contact_name", "contact_email", "contact_phone", "created_at",
    ];

    private static readonly string[] ListingHxl =
    [
        "#meta+id", "#meta+side", "#status", "#item+type", "#item+code", "#item+name", "#item+desc", "#item+num", "#item+unit", "#item+num+matched",
        "#adm1+code", "#adm1+name", "#severity", "#date+needed", "#date+available", "#date+end", "#org+name", "#org+cluster",
        "#contact+name", "#contact+email", "#contact+phone", "#date+posted",
    ];

    private static readonly string[] MatchHeader =
    [
        "id", "state", "closure_reason", "quantity", "created_at", "request_id", "request_title", "request_category", "request_region", "urgency",
        "request_organisation", "request_cluster", "request_contact_name", "request_contact_email", "offer_id", "offer_title", "offer_category",
        "offer_region", "offer_organisation", "offer_cluster", "offer_contact_name", "offer_contact_email",
    ];

    private static readonly string[] MatchHxl =
    [
        "#meta+id", "#status", "#status+reason", "#item+num", "#date+matched", "#meta+request+id", "#item+request+desc", "#item+request+code",
        "#adm1+request+code", "#severity", "#org+request+name", "#org+request+cluster", "#contact+request+name", "#contact+request+email",
        "#meta+offer+id", "#item+offer+desc", "#item+offer+code", "#adm1+offer+code", "#org+offer+name", "#org+offer+cluster",
        "#contact+offer+name", "#contact+offer+email",
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public static RouteGroupBuilder MapExport(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var export = routes.MapGroup("/api/export").WithTags("Export").RequireAuthorization(PortalPolicies.Dashboard);
        export.MapGet("/listings.csv", (HttpContext http, IExportSource rows) => Csv(http, "listings", ListingHeader, ListingHxl,
            (v, f, ct) => Write(rows.ListingsAsync(v, f, PortalLanguage.From(http), ct), ListingCells, ct)))
            .WithSummary("Filtered listings as CSV (UTF-8 with BOM, RFC 4180); hxl=1 adds HXL hashtags.");
        export.MapGet("/listings.json", (HttpContext http, IExportSource rows) => JsonList(http, (v, f, ct) => rows.ListingsAsync(v, f, PortalLanguage.From(http), ct)))
            .WithSummary("Filtered listings as a JSON array.");
        export.MapGet("/matches.csv", (HttpContext http, IExportSource rows) => Csv(http, "matches", MatchHeader, MatchHxl,
            (v, f, ct) => Write(rows.MatchesAsync(v, f, ct), MatchCells, ct)))
            .WithSummary("Filtered matches as CSV (UTF-8 with BOM, RFC 4180); hxl=1 adds HXL hashtags.");
        export.MapGet("/matches.json", (HttpContext http, IExportSource rows) => JsonList(http, rows.MatchesAsync))
            .WithSummary("Filtered matches as a JSON array.");

        var matches = routes.MapGroup("/api/matches").WithTags("Export").RequireAuthorization(PortalPolicies.Dashboard);
        matches.MapGet("", (HttpContext http, IExportSource rows) => JsonList(http, rows.MatchesAsync))
            .WithSummary("Matches in the caller's scope, dashboard filters apply.");
        ExportSnapshots.Map(export);
        return export;
    }

    private delegate Func<CsvWriter, Task> CsvBody(Viewer viewer, DashboardFilter filter, CancellationToken cancellationToken);

    private static Results<PushStreamHttpResult, ForbidHttpResult> Csv(HttpContext http, string name, string[] header, string[] hxl, CsvBody body)
    {
        if (Viewer.From(http.User) is not { } viewer)
        {
            return TypedResults.Forbid();
        }

        var filter = DashboardFilter.From(http.Request.Query);
        var withHxl = http.Request.Query["hxl"] == "1";
        var file = $"responseportal-{name}-{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(stream => WriteCsvAsync(stream, header, withHxl ? hxl : null, body(viewer, filter, http.RequestAborted)),
            "text/csv; charset=utf-8", file);
    }

    /// <summary>The CSV of listings or matches into <paramref name="stream"/>: served directly, or kept as a snapshot.</summary>
    internal static Task WriteCsvAsync(Stream stream, bool matches, IExportSource rows, Viewer viewer, DashboardFilter filter, string language, CancellationToken ct) =>
        matches
            ? WriteCsvAsync(stream, MatchHeader, null, Write(rows.MatchesAsync(viewer, filter, ct), MatchCells, ct))
            : WriteCsvAsync(stream, ListingHeader, null, Write(rows.ListingsAsync(viewer, filter, language, ct), ListingCells, ct));

    private static async Task WriteCsvAsync(Stream stream, string[] header, string[]? hxl, Func<CsvWriter, Task> body)
    {
        var writer = new StreamWriter(stream, CsvWriter.Encoding, 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var csv = new CsvWriter(writer);
            csv.Row(header);
            if (hxl is not null)
            {
                // Hashtags start with '#', never a formula character, so the row goes out as it is.
                csv.Row(hxl);
            }

            await body(csv).ConfigureAwait(false);
        }
    }

    private static Func<CsvWriter, Task> Write<T>(IAsyncEnumerable<T> rows, Action<CsvWriter, T> cells, CancellationToken ct) => async csv =>
    {
        await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
        {
            cells(csv, row);
            csv.EndRow();
        }
    };

    private static Results<PushStreamHttpResult, ForbidHttpResult> JsonList<T>(HttpContext http, Func<Viewer, DashboardFilter, CancellationToken, IAsyncEnumerable<T>> rows)
    {
        if (Viewer.From(http.User) is not { } viewer)
        {
            return TypedResults.Forbid();
        }

        var filter = DashboardFilter.From(http.Request.Query);
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Stream(
            stream => JsonSerializer.SerializeAsync(stream, rows(viewer, filter, http.RequestAborted), Json, http.RequestAborted),
            "application/json; charset=utf-8");
    }

    private static string? D(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string T(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void ListingCells(CsvWriter csv, ListingExportRow r) => csv
        .Text(r.Id).Text(r.Side).Text(r.Status).Text(r.Type).Text(r.Category).Text(r.CategoryLabel).Text(r.Title)
        .Number(r.Quantity).Text(r.Unit).Number(r.MatchedQuantity).Text(r.Region).Text(r.RegionLabel).Text(r.Urgency)
        .Text(D(r.NeededBy)).Text(D(r.AvailableFrom)).Text(D(r.ExpiresAt)).Text(r.Organisation).Text(r.Cluster)
        .Text(r.ContactName).Text(r.ContactEmail).Text(r.ContactPhone).Text(T(r.CreatedAt));

    private static void MatchCells(CsvWriter csv, MatchExportRow r) => csv
        .Text(r.Id).Text(r.State).Text(r.ClosureReason).Number(r.Quantity).Text(T(r.CreatedAt))
        .Text(r.RequestId).Text(r.RequestTitle).Text(r.RequestCategory).Text(r.RequestRegion).Text(r.Urgency).Text(r.RequestOrganisation).Text(r.RequestCluster)
        .Text(r.RequestContactName).Text(r.RequestContactEmail)
        .Text(r.OfferId).Text(r.OfferTitle).Text(r.OfferCategory).Text(r.OfferRegion).Text(r.OfferOrganisation).Text(r.OfferCluster)
        .Text(r.OfferContactName).Text(r.OfferContactEmail);
}
