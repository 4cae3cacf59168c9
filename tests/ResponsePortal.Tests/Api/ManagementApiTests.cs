using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ResponsePortal.Tests.Support;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Api;

public sealed class ManagementApiTests : PortalTest
{
    [Fact]
    public async Task The_management_link_shows_the_listing_with_its_contact()
    {
        var (id, token) = await PostOffer();

        var managed = await Client.GetFromJsonAsync<JsonObject>($"/api/manage/{id}?token={token}");

        Assert.Equal("jana.petersen@example.org", managed!["contact"]!["email"]!.GetValue<string>());
        Assert.Equal(id, managed["listing"]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData("")]
    public async Task A_wrong_token_opens_nothing(string token)
    {
        var (id, _) = await PostOffer();

        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/manage/{id}?token={token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PostAsync($"/api/manage/{id}/withdraw?token={token}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.PutAsync($"/api/manage/{id}?token={token}", Json(Offer()))).StatusCode);
        var listing = await Client.GetFromJsonAsync<JsonObject>($"/api/offers/{id}");
        Assert.Equal("open", listing!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_token_of_one_listing_does_not_open_another()
    {
        var (first, firstToken) = await PostOffer();
        var (second, _) = await PostOffer();

        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync($"/api/manage/{first}?token={firstToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync($"/api/manage/{second}?token={firstToken}")).StatusCode);
    }

    [Fact]
    public async Task The_poster_can_edit_the_listing()
    {
        var (id, token) = await PostOffer();
        var edited = Offer();
        edited["quantity"] = 2500;
        edited["title"] = "FFP2 masks, last boxes";

        var response = await Client.PutAsync($"/api/manage/{id}?token={token}", Json(edited));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listing = await Client.GetFromJsonAsync<JsonObject>($"/api/offers/{id}");
        Assert.Equal(2500, listing!["quantity"]!.GetValue<long>());
        Assert.Equal("FFP2 masks, last boxes", listing["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_invalid_edit_changes_nothing()
    {
        var (id, token) = await PostOffer();
        var edited = Offer();
        edited["quantity"] = -1;

        var response = await Client.PutAsync($"/api/manage/{id}?token={token}", Json(edited));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(problem!["errors"]!.AsObject().ContainsKey("quantity"));
        var listing = await Client.GetFromJsonAsync<JsonObject>($"/api/offers/{id}");
        Assert.Equal(10000, listing!["quantity"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_withdrawn_listing_leaves_the_lists_and_can_no_longer_be_edited()
    {
        var (id, token) = await PostOffer();

        var withdrawn = await Client.PostAsync($"/api/manage/{id}/withdraw?token={token}", null);

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var listing = await Client.GetFromJsonAsync<JsonObject>($"/api/offers/{id}");
        Assert.Equal("withdrawn", listing!["status"]!.GetValue<string>());
        var page = await Client.GetFromJsonAsync<JsonObject>("/api/offers");
        Assert.Equal(0, page!["total"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Conflict, (await Client.PutAsync($"/api/manage/{id}?token={token}", Json(Offer()))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Client.PostAsync($"/api/manage/{id}/withdraw?token={token}", null)).StatusCode);
    }

    [Fact]
    public async Task Only_a_hash_of_the_token_is_stored()
    {
        var (_, token) = await PostOffer();

        var databaseFile = Path.Combine(Portal.DataDirectory, "portal.db");
        var bytes = await ReadSharedAsync(databaseFile);
        var wal = File.Exists(databaseFile + "-wal") ? await ReadSharedAsync(databaseFile + "-wal") : [];
        var everything = System.Text.Encoding.Latin1.GetString([.. bytes, .. wal]);
        Assert.DoesNotContain(token, everything, StringComparison.Ordinal);
        Assert.Contains("jana.petersen@example.org", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listing_answered_201_is_on_disk()
    {
        var (id, _) = await PostOffer();

        // Read the file with a separate connection, as a restarted process would.
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Portal.DataDirectory, "portal.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM listings WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    private async Task<(string Id, string Token)> PostOffer()
    {
        var response = await Client.PostAsync("/api/offers", Json(Offer()));
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        var manageUrl = new Uri(created!["manageUrl"]!.GetValue<string>());
        var token = System.Web.HttpUtility.ParseQueryString(manageUrl.Query)["token"]!;
        return (created["id"]!.GetValue<string>(), token);
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
