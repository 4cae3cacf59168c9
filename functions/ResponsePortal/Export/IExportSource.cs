using ResponsePortal.Accounts;
using ResponsePortal.Dashboard;

namespace ResponsePortal.Export;

/// <summary>
/// The export port: the rows behind the dashboard, with its filters and the viewer's scope, in posting order (creation
/// time, then id), streamed. SQLite: <see cref="ExportRows"/>; Cosmos DB: Store/Cosmos/CosmosExportSource.cs.
/// </summary>
public interface IExportSource
{
    IAsyncEnumerable<ListingExportRow> ListingsAsync(Viewer viewer, DashboardFilter filter, string language, CancellationToken cancellationToken);

    /// <summary>Matches whose request or offer is in scope; a counterpart's contact only once both sides accepted.</summary>
    IAsyncEnumerable<MatchExportRow> MatchesAsync(Viewer viewer, DashboardFilter filter, CancellationToken cancellationToken);
}
