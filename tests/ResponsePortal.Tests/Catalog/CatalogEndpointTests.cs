using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using ResponsePortal.Catalog;

namespace ResponsePortal.Tests.Catalog;

/// <summary>
/// Endpoint tests against a minimal host with only AddCatalog + MapCatalog, so they do not depend on
/// Program.cs wiring (the lead adds the two lines there) and keep working after it does.
/// </summary>
public sealed class CatalogEndpointTests : IAsyncLifetime
{
    private WebApplication? _app;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddCatalog();
        _app = builder.Build();
        _app.MapCatalog();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task<JsonElement> GetJson(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var cacheControl = response.Headers.CacheControl;
        Assert.NotNull(cacheControl);
        Assert.True(cacheControl.Public);
        Assert.Equal(TimeSpan.FromHours(1), cacheControl.MaxAge);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Categories_are_camelCase_with_both_labels()
    {
        var categories = await GetJson("/api/catalog/categories");
        var ffp2 = categories.EnumerateArray().Single(c => c.GetProperty("id").GetString() == "ppe-mask-ffp2");
        Assert.Equal("18143000-3", ffp2.GetProperty("cpv").GetString());
        Assert.Equal("FFP2-Maske", ffp2.GetProperty("label").GetProperty("de").GetString());
        Assert.Equal("FFP2 mask", ffp2.GetProperty("label").GetProperty("en").GetString());
        Assert.Equal("piece", ffp2.GetProperty("defaultUnit").GetString());
        Assert.Equal(["ppe-mask-ffp3"], ffp2.GetProperty("substitutes").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains("EN149:FFP2", ffp2.GetProperty("suggestedCertifications").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(PortalCatalog.Load().Categories.Count, categories.GetArrayLength());
    }

    [Fact]
    public async Task Regions_filter_by_level_and_parent()
    {
        Assert.Equal(27, (await GetJson("/api/catalog/regions?level=0")).GetArrayLength());
        var germanLaender = await GetJson("/api/catalog/regions?parent=DE");
        Assert.Equal(16, germanLaender.GetArrayLength());
        Assert.All(germanLaender.EnumerateArray(), r => Assert.Equal(1, r.GetProperty("level").GetInt32()));
        var bavaria = await GetJson("/api/catalog/regions?level=2&parent=DE2");
        Assert.Equal(7, bavaria.GetArrayLength());
        var oberbayern = bavaria.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "DE21");
        Assert.Equal("Oberbayern", oberbayern.GetProperty("name").GetProperty("de").GetString());
        Assert.Equal("DE2", oberbayern.GetProperty("parent").GetString());
        Assert.InRange(oberbayern.GetProperty("lat").GetDouble(), 47.3, 48.9);
        Assert.InRange(oberbayern.GetProperty("lon").GetDouble(), 10.7, 13.1);
        Assert.Equal(16, (await GetJson("/api/catalog/regions?parent=de")).GetArrayLength());
    }

    [Fact]
    public async Task Regions_reject_an_unknown_level()
    {
        using var response = await _client.GetAsync(new Uri("/api/catalog/regions?level=7", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("level", out _));
    }

    [Fact]
    public async Task Certifications_units_and_skills_are_listed()
    {
        var certifications = await GetJson("/api/catalog/certifications");
        var ffp2 = certifications.EnumerateArray().Single(c => c.GetProperty("code").GetString() == "EN149:FFP2");
        Assert.False(string.IsNullOrEmpty(ffp2.GetProperty("description").GetProperty("de").GetString()));
        Assert.Contains("CE", certifications.EnumerateArray().Select(c => c.GetProperty("code").GetString()));

        var units = await GetJson("/api/catalog/units");
        Assert.Contains("unit-per-week", units.EnumerateArray().Select(u => u.GetProperty("code").GetString()));

        var skills = await GetJson("/api/catalog/skills");
        Assert.Contains("forklift-operation", skills.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal("Staplerfahren (Flurförderzeugschein)", skills.EnumerateArray().First(s => s.GetProperty("id").GetString() == "forklift-operation").GetProperty("label").GetProperty("de").GetString());
    }
}
