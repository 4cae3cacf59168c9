using Microsoft.AspNetCore.Http.HttpResults;
using ResponsePortal.Accounts;
using ResponsePortal.Web;

namespace ResponsePortal.Dashboard;

/// <summary>GET /api/dashboard: the dashboard's numbers as JSON, same filters as the page, scoped by the caller's role.</summary>
public static class DashboardEndpoints
{
    public static RouteGroupBuilder MapDashboard(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization(PortalPolicies.Dashboard);
        api.MapGet("", Get)
            .WithSummary("Open supply and demand by category and region, fill rate, critical gaps, time to first match, funnel, trend. Filters: category, region (NUTS prefix), urgency, type, period (7d, 30d, 90d, 365d, all).");
        return api;
    }

    private static async Task<Results<Ok<DashboardData>, ForbidHttpResult>> Get(HttpContext http, IDashboardSource dashboard, CancellationToken ct)
    {
        if (Viewer.From(http.User) is not { } viewer)
        {
            return TypedResults.Forbid();
        }

        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(await dashboard.LoadAsync(viewer, DashboardFilter.From(http.Request.Query), PortalLanguage.From(http), ct));
    }
}
