namespace ResponsePortal.Web;

/// <summary>
/// Registers the server-rendered HTML side: Razor Pages, static files and the language switch.
/// Program.cs calls <see cref="AddPortalPages"/> and <see cref="MapPortalPages"/>; nothing else is needed.
/// </summary>
public static class PagesSetup
{
    public static IServiceCollection AddPortalPages(this IServiceCollection services)
    {
        // Routes live in each page's @page directive: /offers/new, /requests/{id}, /manage/{id}…
        services.AddRazorPages();
        services.AddHttpContextAccessor();
        services.AddScoped<PortalText>();
        return services;
    }

    public static WebApplication MapPortalPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles();
        app.MapRazorPages();
        app.MapLanguageSwitch();
        return app;
    }
}
