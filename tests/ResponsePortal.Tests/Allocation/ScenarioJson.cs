using System.Globalization;
using System.Text.Json;
using ResponsePortal.Allocation;

namespace ResponsePortal.Tests.Allocation;

/// <summary>Writes a scenario in the shared format, so the command can be tested end to end from records.</summary>
internal static class ScenarioJson
{
    public static byte[] Serialize(Scenario scenario)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("offers");
            foreach (var offer in scenario.Offers)
            {
                json.WriteStartObject();
                json.WriteString("id", offer.Id);
                json.WriteString("category", offer.Category);
                json.WriteNumber("quantity", offer.Quantity);
                json.WriteNumber("lat", offer.Lat);
                json.WriteNumber("lon", offer.Lon);
                json.WriteNumber("radiusKm", offer.RadiusKm);
                json.WriteString("availableFrom", Date(offer.AvailableFrom));
                WriteLabels(json, "certifications", offer.Certifications);
                WritePersonnel(json, offer.Skills, offer.PeriodFrom, offer.PeriodUntil);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("requests");
            foreach (var request in scenario.Requests)
            {
                json.WriteStartObject();
                json.WriteString("id", request.Id);
                json.WriteString("category", request.Category);
                json.WriteNumber("quantity", request.Quantity);
                json.WriteNumber("lat", request.Lat);
                json.WriteNumber("lon", request.Lon);
                json.WriteString("neededBy", Date(request.NeededBy));
                json.WriteString("urgency", request.Urgency.ToString().ToLowerInvariant());
                WriteLabels(json, "requiredCertifications", request.RequiredCertifications);
                WritePersonnel(json, request.Skills, request.PeriodFrom, request.PeriodUntil);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("substitutes");
            foreach (var (category, substitutes) in scenario.Substitutes)
            {
                WriteLabels(json, category, substitutes);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WritePersonnel(Utf8JsonWriter json, IReadOnlyList<string> skills, DateOnly? from, DateOnly? until)
    {
        if (skills.Count > 0)
        {
            WriteLabels(json, "skills", skills);
        }

        if (from is { } start)
        {
            json.WriteString("periodFrom", Date(start));
        }

        if (until is { } end)
        {
            json.WriteString("periodUntil", Date(end));
        }
    }

    private static void WriteLabels(Utf8JsonWriter json, string name, IReadOnlyList<string> labels)
    {
        json.WriteStartArray(name);
        foreach (var label in labels)
        {
            json.WriteStringValue(label);
        }

        json.WriteEndArray();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
