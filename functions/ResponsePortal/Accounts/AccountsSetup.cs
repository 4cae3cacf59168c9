using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Accounts;

/// <summary>
/// Accounts, sign-in and roles. Program.cs calls <see cref="AddPortalAccounts"/>, then UseAuthentication/UseAuthorization
/// and <see cref="MapAccounts"/>. Pages and route groups state their policy once (<see cref="PortalPolicies"/>).
/// </summary>
public static class AccountsSetup
{
    public const string CookieName = "rp.auth";
    public const string PolicyScheme = "portal";
    public const string SignInRateLimit = "sign-in";

    public static IServiceCollection AddPortalAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section));
        services.AddSingleton<IAccountStore>(provider => new SqliteAccountStore(provider.GetRequiredService<SqlitePortalDatabase>()));
        services.AddSingleton<SignInLinks>();
        services.AddHostedService<ConfiguredAdmins>();

        // Cookies are encrypted with Data Protection keys: the data directory, or Blob Storage in Azure (Hosting/DataProtectionSetup.cs).
        // One scheme name for policies; which handler answers is chosen per request from Portal:Auth:Mode.
        var authentication = services.AddAuthentication(PolicyScheme);
        authentication.AddPolicyScheme(PolicyScheme, "Portal", policy => policy.ForwardDefaultSelector = context =>
            context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Mode == AuthMode.AppService
                ? AppServiceAuthenticationHandler.SchemeName
                : CookieAuthenticationDefaults.AuthenticationScheme);
        authentication.AddScheme<AuthenticationSchemeOptions, AppServiceAuthenticationHandler>(AppServiceAuthenticationHandler.SchemeName, null);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) => cookie.ExpireTimeSpan = TimeSpan.FromHours(auth.Value.SessionHours));
        authentication.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            // Strict would drop the cookie when someone follows a link to the dashboard from a mail; Lax still blocks cross-site POSTs.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/signin";
            cookie.LogoutPath = "/signout";
            cookie.AccessDeniedPath = "/signin";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            // A removed account or changed role takes effect at once, not when the cookie runs out.
            cookie.Events.OnValidatePrincipal = async context =>
            {
                var viewer = context.Principal is { } principal ? Viewer.From(principal) : null;
                var store = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
                var account = viewer is null ? null : await store.FindAsync(viewer.Email, context.HttpContext.RequestAborted);
                if (account is null || account.Role != viewer!.Role || account.Cluster != viewer.Cluster)
                {
                    context.RejectPrincipal();
                }
            };
        });

        // Each sign-in request may send a mail: limit them per client address, so the form cannot flood someone's inbox.
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.Dashboard, policy => policy.RequireRole(RoleCodes.Of(PortalRole.Admin), RoleCodes.Of(PortalRole.Authority), RoleCodes.Of(PortalRole.ClusterManager)))
            .AddPolicy(PortalPolicies.Admin, policy => policy.RequireRole(RoleCodes.Of(PortalRole.Admin)))
            .AddPolicy(PortalPolicies.BulkPosting, policy => policy.RequireRole(RoleCodes.Of(PortalRole.Admin), RoleCodes.Of(PortalRole.ClusterManager)));
        return services;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        // POST only, with antiforgery: a link or image on another site cannot sign someone out.
        routes.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        }).ExcludeFromDescription();
        return routes;
    }

    /// <summary>/api/… and /bulk/…csv answer with a status; pages redirect to the sign-in form.</summary>
    internal static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        if (status == StatusCodes.Status403Forbidden)
        {
            // Signed in but not allowed: another sign-in would not help, so say so instead of looping.
            context.Response.Redirect("/signin?denied=1");
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The addresses in Portal:Admins, normalised: admins at every start, so removing one on the accounts page would not last.</summary>
    internal static IReadOnlyList<string> ConfiguredAdminEmails(IConfiguration configuration) =>
        [.. configuration.GetSection("Portal:Admins").GetChildren().Select(c => c.Value).OfType<string>()
            .Where(AddAdminCommand.IsEmail).Select(AccountEmails.Normalise)];

    /// <summary>Portal:Admins:0, :1 … become admin accounts at start, so a fresh portal has someone who can invite.</summary>
    private sealed class ConfiguredAdmins(IConfiguration configuration, IAccountStore accounts, TimeProvider time) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var email in ConfiguredAdminEmails(configuration))
            {
                if (await accounts.FindAsync(email, cancellationToken) is not { Role: PortalRole.Admin })
                {
                    await accounts.UpsertAsync(new Account(email, PortalRole.Admin, null, null, time.GetUtcNow(), "configuration"), cancellationToken);
                }
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
