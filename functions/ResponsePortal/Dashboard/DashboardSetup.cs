using ResponsePortal.Export;

namespace ResponsePortal.Dashboard;

public static class DashboardSetup
{
    /// <summary>The dashboard and export readers on SQLite; their aggregates come with the SQLite store (migration 5).</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardService>();
        services.AddSingleton<IDashboardSource>(provider => provider.GetRequiredService<DashboardService>());
        services.AddSingleton<ExportRows>();
        services.AddSingleton<IExportSource>(provider => provider.GetRequiredService<ExportRows>());
        return services;
    }
}
