using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using ResponsePortal.Accounts;
using ResponsePortal.Blobs;
using ResponsePortal.Dashboard;
using ResponsePortal.Hosting;
using ResponsePortal.Web;

namespace ResponsePortal.Export;

/// <summary>One kept export: its blob name (also its id in URLs), when it was taken, what it holds and its size.</summary>
public sealed record ExportSnapshot(string Name, DateTimeOffset TakenAt, string Kind, long Size);

/// <summary>
/// Snapshots of the CSV export kept in <see cref="BlobContainers.Exports"/> as <c>{yyyy-MM-ddTHH-mm-ssZ}-{kind}.csv</c>:
/// a record of what was reported when, for authorities, that does not change when the listings do. The name sorts by
/// time, so the list needs no metadata. Authorities and admins only: they see everything, so a snapshot (unlike a cluster
/// manager's scoped export) can be shared among them.
/// </summary>
public static class ExportSnapshots
{
    public static readonly string[] Roles = [RoleCodes.Of(PortalRole.Authority), RoleCodes.Of(PortalRole.Admin)];

    private const string TimeFormat = "yyyy-MM-dd'T'HH-mm-ss'Z'";

    public static void Map(RouteGroupBuilder export)
    {
        ArgumentNullException.ThrowIfNull(export);
        var snapshots = export.MapGroup("/snapshots").RequireAuthorization(policy => policy.RequireRole(Roles));
        snapshots.MapPost("", Take)
            .WithSummary("Keeps a snapshot of the listings (kind=listings, default) or matches (kind=matches) CSV export, dashboard filters apply.");
        snapshots.MapGet("", List).WithSummary("The kept export snapshots, newest first.");
        snapshots.MapGet("/{name}", Download).WithSummary("Downloads one kept export snapshot as CSV.");
    }

    public static async Task<ExportSnapshot> TakeAsync(IBlobStore blobs, IExportSource rows, TimeProvider time, Viewer viewer, string kind,
        DashboardFilter filter, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(time);
        using var buffer = new MemoryStream();
        await ExportEndpoints.WriteCsvAsync(buffer, kind == "matches", rows, viewer, filter, language, ct).ConfigureAwait(false);
        var takenAt = time.GetUtcNow();
        var name = $"{takenAt.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}-{kind}.csv";
        await blobs.PutAsync(BlobContainers.Exports, name, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), "text/csv; charset=utf-8", ct).ConfigureAwait(false);
        return new ExportSnapshot(name, takenAt, kind, buffer.Length);
    }

    public static async Task<IReadOnlyList<ExportSnapshot>> ListAsync(IBlobStore blobs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var entries = await blobs.ListAsync(BlobContainers.Exports, "", ct).ConfigureAwait(false);
        return [.. entries.Select(Parse).OfType<ExportSnapshot>().OrderByDescending(s => s.Name, StringComparer.Ordinal)];
    }

    private static async Task<IResult> Take(HttpContext http, IBlobStore blobs, IExportSource rows, TimeProvider time, string? kind, CancellationToken ct)
    {
        var language = PortalLanguage.From(http);
        if (Viewer.From(http.User) is not { } viewer)
        {
            return TypedResults.Forbid();
        }

        if (kind is not (null or "listings" or "matches"))
        {
            return Problems.Validation(language, "kind", "kind is listings or matches.", "kind ist listings oder matches.");
        }

        var snapshot = await TakeAsync(blobs, rows, time, viewer, kind ?? "listings", DashboardFilter.From(http.Request.Query), language, ct);
        return TypedResults.Created($"/api/export/snapshots/{snapshot.Name}", snapshot);
    }

    private static async Task<Ok<ExportSnapshot[]>> List(IBlobStore blobs, CancellationToken ct) => TypedResults.Ok((await ListAsync(blobs, ct)).ToArray());

    private static async Task<IResult> Download(string name, HttpContext http, IBlobStore blobs, CancellationToken ct)
    {
        // Only names this class writes: anything else (a path, another container's name) is simply not found.
        if (Parse(new BlobEntry(name, 0, "")) is null || await blobs.GetAsync(BlobContainers.Exports, name, ct) is not { } blob)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such snapshot. / Kein solcher Stand.");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(blob.Data.ToArray(), "text/csv; charset=utf-8", "responseportal-" + name);
    }

    /// <summary>The snapshot a blob name stands for; null for a name this class did not write.</summary>
    internal static ExportSnapshot? Parse(BlobEntry entry)
    {
        var name = entry.Name;
        // "2026-11-21T13-55-00Z" (20 characters), '-', the kind, ".csv".
        if (!name.EndsWith(".csv", StringComparison.Ordinal) || name.Length < 26 || name.Contains('/', StringComparison.Ordinal))
        {
            return null;
        }

        var stamp = name[..20];
        var kind = name[21..^4];
        return name[20] == '-' && kind is "listings" or "matches"
            && DateTimeOffset.TryParseExact(stamp, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var takenAt)
            ? new ExportSnapshot(name, takenAt, kind, entry.Size)
            : null;
    }
}
