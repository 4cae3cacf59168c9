using ResponsePortal.Accounts;

namespace ResponsePortal.Dashboard;

/// <summary>
/// The dashboard port: everything /dashboard and /api/dashboard show, for a viewer's scope and filters. SQLite reads its
/// trigger-kept aggregates (<see cref="DashboardService"/>); Cosmos DB aggregates a cached snapshot in memory
/// (Store/Cosmos/CosmosDashboardSource.cs). Both assemble the figures with <see cref="DashboardAssembly"/>.
/// </summary>
public interface IDashboardSource
{
    Task<DashboardData> LoadAsync(Viewer viewer, DashboardFilter filter, string language, CancellationToken cancellationToken);
}
