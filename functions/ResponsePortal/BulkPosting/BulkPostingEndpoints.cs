using System.Text;
using ResponsePortal.Accounts;
using ResponsePortal.Export;
using ResponsePortal.Listings;

namespace ResponsePortal.BulkPosting;

/// <summary>Bulk posting of shortages by CSV: the pages are /bulk and /bulk/{id}; this maps the template download.</summary>
public static class BulkPostingEndpoints
{
    /// <summary>Enough for thousands of shortages; a larger file is more likely a wrong file than a real list.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const int MaxRows = 2000;

    public static IServiceCollection AddBulkPosting(this IServiceCollection services)
    {
        services.AddSingleton<IBulkUploadStore, SqliteBulkUploadStore>();
        services.AddSingleton<BulkProcessor>();
        services.AddHostedService(provider => provider.GetRequiredService<BulkProcessor>());
        return services;
    }

    public static RouteGroupBuilder MapBulkPosting(this IEndpointRouteBuilder routes)
    {
        var bulk = routes.MapGroup("/bulk").WithTags("Bulk posting").RequireAuthorization(PortalPolicies.BulkPosting);
        bulk.MapGet("/template.csv", Template).WithSummary("An empty upload file with every column and one example row.");
        return bulk;
    }

    private static IResult Template()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var example = new Dictionary<string, string>
        {
            [FieldNames.Type] = "goods",
            [FieldNames.Category] = "ppe-mask-ffp2",
            [FieldNames.Title] = "FFP2 masks for the intensive care unit",
            [FieldNames.Quantity] = "4000",
            [FieldNames.Unit] = "piece",
            [FieldNames.Region] = "DE30",
            [FieldNames.NeededBy] = today.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            [FieldNames.Urgency] = "critical",
            [FieldNames.DaysOfSupplyLeft] = "3",
            [FieldNames.RequiredCertifications] = "EN149:FFP2;CE",
            [FieldNames.OrganisationName] = "Example Hospital",
            [FieldNames.ContactName] = "Max Weber",
            [FieldNames.ContactEmail] = "max.weber@example.org",
            [FieldNames.Language] = "en",
        };
        var text = new StringBuilder();
        var csv = new CsvWriter(new StringWriter(text));
        csv.Row(BulkProcessor.Columns);
        csv.Row(BulkProcessor.Columns.Select(c => example.GetValueOrDefault(c, "")));
        return TypedResults.File(CsvWriter.Encoding.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(),
            "text/csv; charset=utf-8", "responseportal-shortages-template.csv");
    }
}
