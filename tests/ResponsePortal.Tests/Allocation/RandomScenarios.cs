using ResponsePortal.Allocation;

namespace ResponsePortal.Tests.Allocation;

/// <summary>Seeded small scenarios dense in boundary cases: equal dates, shared places, substitutes, certifications, personnel.</summary>
internal static class RandomScenarios
{
    private static readonly DateOnly Day0 = new(2026, 3, 1);

    public static Scenario Create(Random random, int maxOffers, int maxRequests, int maxQuantity)
    {
        var offers = new List<Offer>();
        var offerCount = random.Next(1, maxOffers + 1);
        for (var i = 0; i < offerCount; i++)
        {
            var category = Category(random);
            offers.Add(new Offer(
                $"o{i}", category, random.Next(1, maxQuantity + 1), 50 + (random.NextDouble() * 4), 10 + (random.NextDouble() * 6),
                random.Next(5) == 0 ? 2000 : random.Next(20, 500), Day0.AddDays(random.Next(0, 6)), Labels(random, ["EN149", "CE"]))
            {
                Skills = category == "staff" ? Labels(random, ["care", "logistics", "driving"]) : [],
                PeriodFrom = category == "staff" && random.Next(2) == 0 ? Day0.AddDays(random.Next(0, 10)) : null,
                PeriodUntil = category == "staff" && random.Next(2) == 0 ? Day0.AddDays(random.Next(10, 20)) : null,
            });
        }

        var requests = new List<Request>();
        var requestCount = random.Next(1, maxRequests + 1);
        for (var i = 0; i < requestCount; i++)
        {
            var category = Category(random);
            requests.Add(new Request(
                $"r{i}", category, random.Next(1, maxQuantity + 1), 50 + (random.NextDouble() * 4), 10 + (random.NextDouble() * 6),
                Day0.AddDays(random.Next(0, 6)), (Urgency)random.Next(3), Labels(random, ["EN149", "CE"]))
            {
                Skills = category == "staff" ? Labels(random, ["care", "logistics", "driving"]) : [],
                PeriodFrom = category == "staff" && random.Next(2) == 0 ? Day0.AddDays(random.Next(0, 15)) : null,
                PeriodUntil = category == "staff" && random.Next(2) == 0 ? Day0.AddDays(random.Next(15, 25)) : null,
            });
        }

        // Duplicate places make equal values and ties, which is where determinism is tested hardest.
        if (requests.Count > 1 && random.Next(3) == 0)
        {
            requests[1] = requests[1] with { Lat = requests[0].Lat, Lon = requests[0].Lon, Urgency = requests[0].Urgency };
        }

        return new Scenario(offers, requests, new Dictionary<string, IReadOnlyList<string>> { ["ffp2"] = ["ffp3"] });
    }

    public static Scenario Shuffled(Scenario scenario, Random random) =>
        scenario with
        {
            Offers = scenario.Offers.OrderBy(_ => random.Next()).ToList(),
            Requests = scenario.Requests.OrderBy(_ => random.Next()).ToList(),
        };

    private static string Category(Random random) => random.Next(4) switch
    {
        0 => "ffp2",
        1 => "ffp3",
        2 => "gloves",
        _ => "staff",
    };

    private static string[] Labels(Random random, string[] pool) => pool.Where(_ => random.Next(3) == 0).ToArray();
}
