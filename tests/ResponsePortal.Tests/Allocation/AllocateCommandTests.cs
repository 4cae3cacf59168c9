using System.Text;
using System.Text.Json;
using ResponsePortal.Allocation;

namespace ResponsePortal.Tests.Allocation;

public class AllocateCommandTests
{
    private const string Example = """
        {
          "offers": [
            { "id": "o-1", "category": "ppe-mask-ffp2", "quantity": 1000, "lat": 53.55, "lon": 9.99, "radiusKm": 600,
              "availableFrom": "2026-03-01", "certifications": ["EN149:FFP2", "CE"], "note": "unknown fields are ignored" },
            { "id": "o-2", "category": "ppe-mask-ffp3", "quantity": 100, "lat": 52.55, "lon": 13.0, "radiusKm": 100,
              "availableFrom": "2026-03-01", "certifications": ["EN149:FFP2"] }
          ],
          "requests": [
            { "id": "r-1", "category": "ppe-mask-ffp2", "quantity": 400, "lat": 52.52, "lon": 13.40,
              "neededBy": "2026-03-10", "urgency": "critical", "requiredCertifications": ["EN149:FFP2"] }
          ],
          "substitutes": { "ppe-mask-ffp2": ["ppe-mask-ffp3"] }
        }
        """;

    [Fact]
    public void Writes_allocations_with_explanations_and_objective()
    {
        var (code, output, error) = Run(Example);
        Assert.Equal(0, code);
        Assert.Empty(error);
        using var document = JsonDocument.Parse(output);
        var allocations = document.RootElement.GetProperty("allocations").EnumerateArray().ToList();
        Assert.Equal(2, allocations.Count);

        // The close FFP3 substitute fills 100 units, the Hamburg FFP2 offer the remaining 300.
        var hamburg = allocations[0];
        Assert.Equal("o-1", hamburg.GetProperty("offerId").GetString());
        Assert.Equal(300, hamburg.GetProperty("quantity").GetInt64());
        var explanation = hamburg.GetProperty("explanation");
        Assert.Equal(255.12, explanation.GetProperty("distanceKm").GetDouble(), 2);
        Assert.Equal("critical", explanation.GetProperty("urgency").GetString());
        Assert.Equal(["EN149:FFP2"], explanation.GetProperty("certificationsSatisfied").EnumerateArray().Select(e => e.GetString()));
        Assert.False(explanation.GetProperty("substituteUsed").GetBoolean());
        Assert.Equal(0.75, explanation.GetProperty("shareOfRequest").GetDouble());
        Assert.Equal(4 - 0.25512, explanation.GetProperty("valuePerUnit").GetDouble(), 4);

        var substitute = allocations[1];
        Assert.Equal("o-2", substitute.GetProperty("offerId").GetString());
        Assert.True(substitute.GetProperty("explanation").GetProperty("substituteUsed").GetBoolean());
        Assert.Equal("ppe-mask-ffp3", substitute.GetProperty("explanation").GetProperty("offerCategory").GetString());

        var objective = document.RootElement.GetProperty("objective").GetDouble();
        Assert.Equal(allocations.Sum(a => a.GetProperty("quantity").GetInt64() * a.GetProperty("explanation").GetProperty("valuePerUnit").GetDouble()), objective, 3);
    }

    [Theory]
    [InlineData("not json", "Not valid JSON")]
    [InlineData("[]", "one JSON object")]
    [InlineData("""{"offers":[]}""", "'requests'")]
    [InlineData("""{"offers":[{"id":"o","category":"c","quantity":1.5,"lat":1,"lon":1,"radiusKm":1,"availableFrom":"2026-01-01"}],"requests":[]}""", "offers[0].quantity")]
    [InlineData("""{"offers":[{"id":"o","category":"c","quantity":1,"lat":1,"lon":1,"radiusKm":1,"availableFrom":"2026-13-01"}],"requests":[]}""", "offers[0].availableFrom")]
    [InlineData("""{"offers":[],"requests":[{"id":"r","category":"c","quantity":1,"lat":1,"lon":1,"neededBy":"2026-01-01","urgency":"soon"}]}""", "requests[0].urgency")]
    [InlineData("""{"offers":[],"requests":[{"id":"r","category":"c","quantity":1,"lat":91,"lon":1,"neededBy":"2026-01-01","urgency":"high"}]}""", "requests[0].lat")]
    [InlineData("""{"offers":[{"id":"o","category":"c","quantity":1,"lat":1,"lon":1,"availableFrom":"2026-01-01"}],"requests":[]}""", "missing 'radiusKm'")]
    [InlineData("""{"offers":[],"requests":[{"id":"r","category":"c","quantity":1,"lat":1,"lon":1,"neededBy":"2026-01-01","urgency":"high"},{"id":"r","category":"c","quantity":1,"lat":1,"lon":1,"neededBy":"2026-01-01","urgency":"high"}]}""", "more than once")]
    public void Invalid_scenario_exits_with_2_and_a_message(string json, string expectedMessage)
    {
        var (code, output, error) = Run(json);
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(expectedMessage, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_or_path_exits_with_2()
    {
        using var output = new MemoryStream();
        using var error = new StringWriter();
        Assert.Equal(2, AllocateCommand.RunFile(null, output, error));
        Assert.Equal(2, AllocateCommand.RunFile("/nonexistent/scenario.json", output, error));
        Assert.Contains("cannot read", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_scenario_gives_empty_allocation()
    {
        var (code, output, _) = Run("""{"offers":[],"requests":[],"substitutes":{}}""");
        Assert.Equal(0, code);
        Assert.Equal("""{"objective":0,"allocations":[]}""", output);
    }

    private static (int Code, string Output, string Error) Run(string json)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(json));
        using var output = new MemoryStream();
        using var error = new StringWriter();
        var code = AllocateCommand.Run(input, output, error);
        return (code, Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }
}
