using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ResponsePortal.Tests.Api;

namespace ResponsePortal.Tests.Dashboard;

/// <summary>
/// A small, known situation: one FFP2 offer of 3 000 in Hamburg (300 km radius), a critical shortage of 4 000 in Berlin
/// (cluster healthcapital) and a normal one of 500 in Munich (cluster bavaria-med, out of reach). The matcher gives the
/// 3 000 to Berlin; Munich stays unmatched. So: demand 4 500, matched 3 000, critical gap 1 000 in DE30.
/// </summary>
public static class DashboardScenario
{
    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"click\")";

    public static async Task PostAsync(HttpClient client)
    {
        var offer = ListingBodies.Offer();
        offer["quantity"] = 3000;
        await Post(client, "/api/offers", offer);

        var critical = ListingBodies.Request();
        critical["title"] = Formula;
        critical["organisation"] = new JsonObject { ["name"] = "Charité, Einkauf", ["cluster"] = "healthcapital" };
        await Post(client, "/api/requests", critical);

        var normal = ListingBodies.Request();
        normal["title"] = "FFP2 masks for the Munich clinics";
        normal["quantity"] = 500;
        normal["urgency"] = "normal";
        normal["region"] = "DE21";
        normal.Remove("daysOfSupplyLeft");
        normal["organisation"] = new JsonObject { ["name"] = "Klinikum München", ["cluster"] = "bavaria-med" };
        normal["contact"] = new JsonObject { ["name"] = "Anna Huber", ["email"] = "anna.huber@example.org" };
        await Post(client, "/api/requests", normal);
    }

    private static async Task Post(HttpClient client, string path, JsonObject body)
    {
        var response = await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Polls /api/dashboard until the matcher has run (the pipeline is asynchronous).</summary>
    public static async Task<JsonObject> WaitForMatchAsync(HttpClient client, string query = "")
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var body = (await client.GetFromJsonAsync<JsonObject>(new Uri("/api/dashboard" + query, UriKind.Relative)))!;
            if ((long)body["funnel"]!["proposed"]! >= 1 || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(50);
        }
    }
}
