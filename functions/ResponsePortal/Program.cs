using ResponsePortal.Accounts;
using ResponsePortal.Attachments;
using ResponsePortal.BulkPosting;
using ResponsePortal.Catalog;
using ResponsePortal.Dashboard;
using ResponsePortal.Demo;
using ResponsePortal.Export;
using ResponsePortal.Hosting;
using ResponsePortal.Listings;
using ResponsePortal.Pipeline;
using ResponsePortal.Blobs;
using ResponsePortal.Functions;
using ResponsePortal.Store;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Web;

// `allocate <scenario.json>`: the "what if" command for authorities; runs the engine without starting the web host.
if (args.Length >= 1 && args[0] == "allocate")
{
    return ResponsePortal.Allocation.AllocateCommand.RunFile(args.Length > 1 ? args[1] : null, Console.OpenStandardOutput(), Console.Error);
}

// `add-admin <e-mail>`: the first admin without a configuration file; then sign in at /signin (docs/dashboards.md).
if (args.Length >= 1 && args[0] == "add-admin")
{
    return AddAdminCommand.Run(args, Console.Out, Console.Error);
}

// `--demo` is the documented shortcut for Portal:DemoData=true (the configuration parser wants key=value pairs).
var demo = args.Contains("--demo");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [.. args.Where(a => a != "--demo")],
    ContentRootPath = ContentRoot.Resolve(args),
});
if (demo)
{
    builder.Configuration["Portal:DemoData"] = "true";
}

// The README promises http://localhost:7071 (the Functions host's port, so links look the same in both run modes).
// --urls or ASPNETCORE_URLS override it; under the Functions host the custom-handler port wins.
var customHandlerPort = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT");
if (customHandlerPort is not null)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{customHandlerPort}");
}
else if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://localhost:7071");
}

builder.Services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddPortalDataProtection();
builder.Services.AddCatalog();
builder.Services.AddSingleton<ManageTokens>();
builder.Services.AddSingleton<ListingService>();
builder.Services.AddListingStore(builder.Configuration);
builder.Services.AddBlobStore(builder.Configuration);
builder.Services.AddPipeline(builder.Configuration);
builder.Services.AddHostedService<DemoSeeder>();
builder.Services.ConfigureHttpJsonOptions(json =>
    json.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);

// Every error a client can cause is answered as problem+json, never as an HTML error page or a bare status.
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks();
builder.Services.AddPortalPages();
builder.Services.AddPortalAccounts(builder.Configuration);
builder.Services.AddDashboard();
builder.Services.AddBulkPosting();
builder.Services.AddAttachments();

// Azure mode (Portal:Store=Cosmos): Cosmos adapters replace the SQLite ones of every other port that keeps state;
// listings and matches chose theirs above (AddListingStore, AddPipeline). docs/deploy.md, docs/cosmos.md.
if (ListingStoreSelection.IsCosmos(builder.Configuration))
{
    builder.Services.AddCosmosPortalState();
}

var app = builder.Build();

// Load the catalogues now: a broken data file should stop the start, not the first visitor's request.
app.Services.GetRequiredService<PortalCatalog>();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
app.MapHealthChecks("/healthz");
app.MapListings();
app.MapCatalog();
app.MapPortalPages();
app.MapPipeline();
app.MapFunctions();
app.MapAccounts();
app.MapDashboard();
app.MapExport();
app.MapBulkPosting();
app.MapAttachments();

app.Run();
return 0;

/// <summary>Visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

/// <summary>
/// The content root (appsettings.json, wwwroot) defaults to the working directory. A published portal started from
/// somewhere else (`dotnet /srv/portal/ResponsePortal.dll`, a service unit without WorkingDirectory, bench/run-intake.sh)
/// would then run without its appsettings.json (log levels) and its static files. In that case only, use the directory
/// of the application instead. An explicit --contentRoot or ASPNETCORE_CONTENTROOT still wins.
/// </summary>
internal static class ContentRoot
{
    public static string? Resolve(string[] args)
    {
        if (args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT")))
        {
            return null;
        }

        var current = Directory.GetCurrentDirectory();
        var application = AppContext.BaseDirectory;
        return !File.Exists(Path.Combine(current, "appsettings.json")) && File.Exists(Path.Combine(application, "appsettings.json"))
            && Directory.Exists(Path.Combine(application, "wwwroot"))
            ? application
            : null;
    }
}
