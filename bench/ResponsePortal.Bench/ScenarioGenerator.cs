using System.Globalization;
using System.Text.Json;

namespace ResponsePortal.Bench;

/// <summary>
/// Writes synthetic scenarios in the shared format: listings clustered around European cities, a small crisis catalogue
/// with substitutes, certifications, dates, urgencies, radii 50-800 km, personnel with skills and periods, and total
/// demand 1.6x total supply (so allocation is a real choice, not "give everything"). The same seed gives the same file.
/// </summary>
internal static class ScenarioGenerator
{
    private static readonly (string Name, double Lat, double Lon, double Weight)[] Cities =
    [
        ("Hamburg", 53.55, 9.99, 2), ("Berlin", 52.52, 13.40, 3), ("Munich", 48.14, 11.58, 2), ("Cologne", 50.94, 6.96, 2),
        ("Frankfurt", 50.11, 8.68, 2), ("Stuttgart", 48.78, 9.18, 1.5), ("Leipzig", 51.34, 12.37, 1), ("Paris", 48.86, 2.35, 3),
        ("Lyon", 45.76, 4.84, 1.5), ("Marseille", 43.30, 5.37, 1.5), ("Toulouse", 43.60, 1.44, 1), ("Lille", 50.63, 3.06, 1),
        ("Brussels", 50.85, 4.35, 1.5), ("Amsterdam", 52.37, 4.90, 2), ("Rotterdam", 51.92, 4.48, 1.5), ("Luxembourg", 49.61, 6.13, 0.5),
        ("Vienna", 48.21, 16.37, 2), ("Graz", 47.07, 15.44, 0.5), ("Zurich", 47.38, 8.54, 1.5), ("Milan", 45.46, 9.19, 2.5),
        ("Turin", 45.07, 7.69, 1), ("Bologna", 44.49, 11.34, 1), ("Rome", 41.90, 12.50, 2), ("Naples", 40.85, 14.27, 1.5),
        ("Madrid", 40.42, -3.70, 2.5), ("Barcelona", 41.39, 2.17, 2), ("Valencia", 39.47, -0.38, 1), ("Lisbon", 38.72, -9.14, 1.5),
        ("Porto", 41.15, -8.61, 1), ("Copenhagen", 55.68, 12.57, 1.5), ("Stockholm", 59.33, 18.07, 1.5), ("Oslo", 59.91, 10.75, 1),
        ("Helsinki", 60.17, 24.94, 1), ("Warsaw", 52.23, 21.01, 2), ("Krakow", 50.06, 19.94, 1), ("Prague", 50.08, 14.44, 1.5),
        ("Budapest", 47.50, 19.04, 1.5), ("Bratislava", 48.15, 17.11, 0.5), ("Ljubljana", 46.06, 14.51, 0.5), ("Dublin", 53.35, -6.26, 1),
    ];

    /// <summary>Category, relative frequency, certification an offer may hold, skills (personnel only).</summary>
    private static readonly (string Category, double Weight, string? Certification, string[] Skills)[] Catalogue =
    [
        ("ppe-mask-ffp2", 3, "EN149:FFP2", []),
        ("ppe-mask-ffp3", 1.5, "EN149:FFP3", []),
        ("ppe-mask-surgical-iir", 2, "EN14683:IIR", []),
        ("ppe-gloves-nitrile", 2, "EN455", []),
        ("ppe-gloves-latex", 1, "EN455", []),
        ("ppe-gown-isolation", 1, "EN13795", []),
        ("disinfectant-hand", 2, "EN1500", []),
        ("disinfectant-surface", 1.5, "EN14476", []),
        ("ventilator-parts", 1, "CE", []),
        ("capacity-3d-printing", 1, null, []),
        ("capacity-injection-moulding", 0.7, null, []),
        ("material-meltblown", 0.6, null, []),
        ("personnel-logistics", 1.2, null, ["forklift-operation", "warehouse-picking", "truck-driving-c", "customs-clearance"]),
        ("personnel-care", 1, null, ["patient-transport", "nursing-assistance", "cleaning-disinfection", "catering"]),
    ];

    /// <summary>Request category -> offer categories that may serve it.</summary>
    internal static readonly Dictionary<string, string[]> Substitutes = new(StringComparer.Ordinal)
    {
        ["ppe-mask-ffp2"] = ["ppe-mask-ffp3"],
        ["ppe-mask-surgical-iir"] = ["ppe-mask-ffp2", "ppe-mask-ffp3"],
        ["ppe-gloves-latex"] = ["ppe-gloves-nitrile"],
        ["disinfectant-surface"] = ["disinfectant-hand"],
        ["capacity-injection-moulding"] = ["capacity-3d-printing"],
    };

    private static readonly DateOnly Start = new(2026, 3, 1);

    public static void Write(string path, int offerCount, int requestCount, int seed)
    {
        var random = new Random(seed);
        long supply = 0;

        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("offers");
        for (var i = 0; i < offerCount; i++)
        {
            var (category, certification, skills) = PickCategory(random);
            var personnel = skills.Length > 0;
            var quantity = personnel ? random.Next(1, 31) : (long)Math.Round(Math.Exp(LogUniform(random, 10, 5000)));
            supply += quantity;
            json.WriteStartObject();
            json.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"o-{i:D7}"));
            json.WriteString("category", category);
            json.WriteNumber("quantity", quantity);
            WritePlace(json, random);
            // Radii 50-800 km, skewed regional: 50 x 16^(u^2) has median 100 km, and one offer in eight reaches 400+ km.
            var u = random.NextDouble();
            json.WriteNumber("radiusKm", Math.Round(50 * Math.Pow(16, u * u), 1));
            json.WriteString("availableFrom", Start.AddDays(random.Next(0, 30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteStartArray("certifications");
            if (certification is not null && random.NextDouble() < 0.85)
            {
                json.WriteStringValue(certification);
            }

            if (random.NextDouble() < 0.6)
            {
                json.WriteStringValue("CE");
            }

            json.WriteEndArray();
            if (personnel)
            {
                WritePersonnel(json, random, skills, random.Next(1, 4));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();

        // Demand is drawn first, then scaled so that it totals 1.6x the supply.
        var requests = new (string Category, string? Certification, string[] Skills, double Quantity)[requestCount];
        double rawDemand = 0;
        for (var i = 0; i < requestCount; i++)
        {
            var (category, certification, skills) = PickCategory(random);
            var quantity = skills.Length > 0 ? random.Next(1, 41) : Math.Exp(LogUniform(random, 10, 8000));
            requests[i] = (category, certification, skills, quantity);
            rawDemand += quantity;
        }

        var scale = 1.6 * supply / rawDemand;
        json.WriteStartArray("requests");
        for (var i = 0; i < requestCount; i++)
        {
            var (category, certification, skills, rawQuantity) = requests[i];
            json.WriteStartObject();
            json.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"r-{i:D7}"));
            json.WriteString("category", category);
            json.WriteNumber("quantity", Math.Max(1, (long)Math.Ceiling(rawQuantity * scale)));
            WritePlace(json, random);
            // Deadlines fall within the first four weeks while offers become available over the first month.
            json.WriteString("neededBy", Start.AddDays(random.Next(2, 30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var roll = random.NextDouble();
            json.WriteString("urgency", roll < 0.2 ? "critical" : roll < 0.5 ? "high" : "normal");
            json.WriteStartArray("requiredCertifications");
            if (certification is not null && random.NextDouble() < 0.5)
            {
                json.WriteStringValue(certification);
            }

            if (random.NextDouble() < 0.15)
            {
                json.WriteStringValue("CE");
            }

            json.WriteEndArray();
            if (skills.Length > 0)
            {
                WritePersonnel(json, random, skills, random.Next(1, 3));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("substitutes");
        foreach (var (requestCategory, offerCategories) in Substitutes)
        {
            json.WriteStartArray(requestCategory);
            foreach (var offerCategory in offerCategories)
            {
                json.WriteStringValue(offerCategory);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static (string Category, string? Certification, string[] Skills) PickCategory(Random random)
    {
        var total = Catalogue.Sum(c => c.Weight);
        var roll = random.NextDouble() * total;
        foreach (var entry in Catalogue)
        {
            roll -= entry.Weight;
            if (roll < 0)
            {
                return (entry.Category, entry.Certification, entry.Skills);
            }
        }

        var last = Catalogue[^1];
        return (last.Category, last.Certification, last.Skills);
    }

    private static void WritePlace(Utf8JsonWriter json, Random random)
    {
        var total = Cities.Sum(c => c.Weight);
        var roll = random.NextDouble() * total;
        var city = Cities[^1];
        foreach (var candidate in Cities)
        {
            roll -= candidate.Weight;
            if (roll < 0)
            {
                city = candidate;
                break;
            }
        }

        // Jitter of up to ~60 km around the city centre: the metropolitan area and its industrial belt.
        json.WriteNumber("lat", Math.Round(city.Lat + ((random.NextDouble() - 0.5) * 1.1), 5));
        json.WriteNumber("lon", Math.Round(city.Lon + ((random.NextDouble() - 0.5) * 1.6), 5));
    }

    private static void WritePersonnel(Utf8JsonWriter json, Random random, string[] skills, int skillCount)
    {
        json.WriteStartArray("skills");
        foreach (var skill in skills.OrderBy(_ => random.Next()).Take(skillCount).Order(StringComparer.Ordinal))
        {
            json.WriteStringValue(skill);
        }

        json.WriteEndArray();
        var from = Start.AddDays(random.Next(0, 40));
        json.WriteString("periodFrom", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteString("periodUntil", from.AddDays(random.Next(7, 60)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static double LogUniform(Random random, double min, double max) =>
        Math.Log(min) + (random.NextDouble() * (Math.Log(max) - Math.Log(min)));
}
