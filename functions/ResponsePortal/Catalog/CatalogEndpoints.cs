using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace ResponsePortal.Catalog;

/// <summary>Read-only HTTP API over <see cref="PortalCatalog"/>: GET /api/catalog/{categories,regions,certifications,units,skills}.</summary>
public static class CatalogEndpoints
{
    /// <summary>The catalogue changes only with a deployment, so clients and proxies may keep it for an hour.</summary>
    internal static readonly TimeSpan CacheDuration = TimeSpan.FromHours(1);

    /// <summary>Registers <see cref="PortalCatalog"/> as a singleton, loaded (and validated) on first use.</summary>
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // TryAdd: the embedded store registers the catalogue too (AddSqliteListingStore), and one instance is enough.
        services.TryAddSingleton(_ => PortalCatalog.Load());
        return services;
    }

    public static RouteGroupBuilder MapCatalog(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var group = routes.MapGroup("/api/catalog").WithTags("Catalog");
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context).ConfigureAwait(false);
            // Set before the result writes the body; results only start the response when executed.
            context.HttpContext.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue
            {
                Public = true,
                MaxAge = CacheDuration,
            };
            return result;
        });

        group.MapGet("/categories", GetCategories)
            .WithName("GetCatalogCategories")
            .WithSummary("Categories with CPV code, German and English labels, allowed listing types and substitutes.");
        group.MapGet("/regions", GetRegions)
            .WithName("GetCatalogRegions")
            .WithSummary("NUTS 2021 regions with centroids; filter by level (0, 1, 2) and/or parent code (direct children).");
        group.MapGet("/certifications", GetCertifications)
            .WithName("GetCatalogCertifications")
            .WithSummary("Certification codes (STANDARD:CLASS, e.g. EN149:FFP2, or CE).");
        group.MapGet("/units", GetUnits)
            .WithName("GetCatalogUnits")
            .WithSummary("Unit codes for listing quantities.");
        group.MapGet("/skills", GetSkills)
            .WithName("GetCatalogSkills")
            .WithSummary("ESCO-style skill labels for personnel listings.");
        return group;
    }

    internal static Ok<IReadOnlyList<Category>> GetCategories(PortalCatalog catalog) => TypedResults.Ok(catalog.Categories);

    internal static Ok<IReadOnlyList<Certification>> GetCertifications(PortalCatalog catalog) => TypedResults.Ok(catalog.Certifications);

    internal static Ok<IReadOnlyList<Unit>> GetUnits(PortalCatalog catalog) => TypedResults.Ok(catalog.Units);

    internal static Ok<IReadOnlyList<Skill>> GetSkills(PortalCatalog catalog) => TypedResults.Ok(catalog.Skills);

    internal static Results<Ok<IReadOnlyList<Region>>, ValidationProblem> GetRegions(PortalCatalog catalog, int? level, string? parent)
    {
        if (level is < 0 or > 3)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["level"] = ["level must be a NUTS level: 0 (country), 1, 2 or 3."],
            });
        }
        IEnumerable<Region> regions = catalog.Regions;
        if (level is { } wantedLevel) regions = regions.Where(r => r.Level == wantedLevel);
        if (!string.IsNullOrEmpty(parent))
        {
            // Codes are upper case in NUTS; accept "de" from a hand-typed URL.
            var parentCode = parent.Trim().ToUpperInvariant();
            regions = regions.Where(r => string.Equals(r.Parent, parentCode, StringComparison.Ordinal));
        }
        return TypedResults.Ok<IReadOnlyList<Region>>(regions.ToList());
    }
}
