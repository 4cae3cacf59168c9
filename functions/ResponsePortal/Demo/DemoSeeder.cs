using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ResponsePortal.Hosting;
using ResponsePortal.Listings;
using ResponsePortal.Store;

namespace ResponsePortal.Demo;

/// <summary>
/// Fills an empty portal with the demo scenario when Portal:DemoData is true (or the app runs with --demo).
/// It posts through <see cref="ListingService"/> like any client, so demo listings pass the same validation,
/// and with idempotency keys, so two instances starting at once cannot post it twice.
/// </summary>
public sealed partial class DemoSeeder(ListingService listings, IOptions<PortalOptions> options, TimeProvider time, ILogger<DemoSeeder> logger) : IHostedService
{
    /// <summary>The day the scenario's dates were written for; they are moved by the days since, so the demo never goes stale.</summary>
    public static readonly DateOnly ScenarioWrittenOn = new(2026, 11, 21);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DemoData)
        {
            return;
        }

        var existing = await listings.QueryAsync(new ListingQuery(ListingSide.Offer, Status: null, PageSize: 1), cancellationToken);
        var existingRequests = await listings.QueryAsync(new ListingQuery(ListingSide.Request, Status: null, PageSize: 1), cancellationToken);
        if (existing.Total + existingRequests.Total > 0)
        {
            LogAlreadyFilled(logger);
            return;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var posted = 0;
        foreach (var (side, draft, index) in Load(today))
        {
            var outcome = await listings.CreateAsync(side, draft, new IdempotencyClaim($"demo-{index}", "demo"), cancellationToken);
            if (outcome is CreateListingOutcome.Invalid invalid)
            {
                LogRefused(logger, index, string.Join("; ", invalid.Errors.All.Select(e => $"{e.Field}: {e.En}")));
            }
            else
            {
                posted++;
            }
        }

        LogPosted(logger, posted);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: the portal already holds listings; nothing added.")]
    private static partial void LogAlreadyFilled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo listing {Index} was refused: {Errors}")]
    private static partial void LogRefused(ILogger logger, int index, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Count} listings posted.")]
    private static partial void LogPosted(ILogger logger, int count);

    /// <summary>The scenario as drafts, dates shifted to <paramref name="today"/>.</summary>
    public static IEnumerable<(ListingSide Side, ListingDraft Draft, int Index)> Load(DateOnly today)
    {
        using var stream = DemoListings.OpenJson();
        var entries = JsonNode.Parse(stream)!.AsArray();
        var shift = today.DayNumber - ScenarioWrittenOn.DayNumber;
        var index = 0;
        foreach (var entry in entries)
        {
            var side = entry!["side"]!.GetValue<string>() == "offer" ? ListingSide.Offer : ListingSide.Request;
            var listing = entry["listing"]!;
            ShiftDates(listing, shift);
            var (draft, errors) = ListingJsonReader.Read(JsonSerializer.SerializeToUtf8Bytes(listing));
            if (errors.Any)
            {
                throw new InvalidDataException($"Demo listing {index} does not parse: {errors.All[0].Field}: {errors.All[0].En}");
            }

            yield return (side, draft, index++);
        }
    }

    private static void ShiftDates(JsonNode node, int days)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text)
                        && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        obj[name] = date.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else if (value is not null)
                    {
                        ShiftDates(value, days);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        ShiftDates(item, days);
                    }
                }

                break;
        }
    }
}
