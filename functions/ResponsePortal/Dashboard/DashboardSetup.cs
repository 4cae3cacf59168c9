namespace ResponsePortal.Dashboard;

public static class DashboardSetup
{
    /// <summary>The dashboard's reader; its aggregates come with the SQLite store (migration 4).</summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardService>();
        services.AddSingleton<Export.ExportRows>();
        return services;
    }
}
