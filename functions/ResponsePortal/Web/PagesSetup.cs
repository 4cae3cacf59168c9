namespace ResponsePortal.Web;

/// <summary>
/// Registers the server-rendered HTML side: Razor Pages, static files and the language switch.
/// Program.cs calls <see cref="AddPortalPages"/> and <see cref="MapPortalPages"/>; nothing else is needed.
/// </summary>
public static class PagesSetup
{
    /// <summary>The authorization policy every page under /admin requires.</summary>
    public const string AdminPolicy = ResponsePortal.Accounts.PortalPolicies.Admin;

    public static IServiceCollection AddPortalPages(this IServiceCollection services)
    {
        // Routes live in each page's @page directive: /offers/new, /requests/{id}, /manage/{id}…
        // Every page under /admin (accounts, dead letters, mail folder) needs the admin policy (role admin, Accounts/AccountsSetup).
        services.AddRazorPages(options => options.Conventions.AuthorizeFolder("/Admin", AdminPolicy));
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
