using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResponsePortal.Tests.Support;
using ResponsePortal.Web;

namespace ResponsePortal.Tests.Admin;

/// <summary>
/// A portal whose requests sign in by a test header (<c>X-Test-Role: admin</c>) instead of the accounts feature's cookie,
/// with the "Admin" policy requiring role <c>admin</c> as the accounts feature defines it. Lets the admin pages be tested
/// before (and independently of) accounts and sign-in.
/// </summary>
public sealed class AdminPortalFactory : PortalFactory
{
    public const string RoleHeader = "X-Test-Role";

    public AdminPortalFactory(IDictionary<string, string?>? settings = null)
        : base(settings)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication(options =>
                {
                    options.DefaultScheme = TestRoleHandler.SchemeName;
                    options.DefaultAuthenticateScheme = TestRoleHandler.SchemeName;
                    options.DefaultChallengeScheme = TestRoleHandler.SchemeName;
                    options.DefaultForbidScheme = TestRoleHandler.SchemeName;
                })
                .AddScheme<AuthenticationSchemeOptions, TestRoleHandler>(TestRoleHandler.SchemeName, _ => { });
            services.AddAuthorizationBuilder().AddPolicy(PagesSetup.AdminPolicy, policy => policy.RequireRole("admin"));
        });
    }

    public HttpClient CreateClientAs(string? role)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add(RoleHeader, role);
        }

        return client;
    }

    private sealed class TestRoleHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "TestRole";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(RoleHeader, out var role) || string.IsNullOrEmpty(role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "test-" + role), new Claim(ClaimTypes.Role, role.ToString())], SchemeName);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
        }
    }
}
