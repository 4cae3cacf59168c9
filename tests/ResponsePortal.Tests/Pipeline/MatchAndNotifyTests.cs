using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Matching;
using ResponsePortal.Tests.Api;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Pipeline;

/// <summary>The whole path: POST an offer and a request, the matcher pairs them, both sides get a mail; then the links.</summary>
public sealed class MatchAndNotifyTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _portal.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task A_matching_offer_and_request_each_get_one_proposal_mail_in_their_language()
    {
        var offerId = await Post("offers", ListingBodies.Offer());
        var requestId = await Post("requests", ListingBodies.Request());

        var mails = await PickupMailbox.WaitForAsync(_portal.DataDirectory, m => m.Count >= 2);

        Assert.Equal(2, mails.Count);
        var offerMail = Assert.Single(mails, m => m.Key.EndsWith(".offer.proposed", StringComparison.Ordinal));
        var requestMail = Assert.Single(mails, m => m.Key.EndsWith(".request.proposed", StringComparison.Ordinal));
        Assert.Contains("jana.petersen@example.org", offerMail.To, StringComparison.Ordinal);
        Assert.Contains("max.weber@example.org", requestMail.To, StringComparison.Ordinal);
        Assert.Contains("Menge: 4000 piece", offerMail.Text, StringComparison.Ordinal); // German for the German offer
        Assert.Contains("Quantity: 4000 piece", requestMail.Text, StringComparison.Ordinal);
        Assert.Contains("km", requestMail.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=", requestMail.Html, StringComparison.Ordinal);
        Assert.Contains("multipart/alternative", requestMail.Raw, StringComparison.Ordinal);
        Assert.Equal($"<{requestMail.Key}@responseportal.invalid>", requestMail.MessageId);
        // Contacts are private until both accepted.
        Assert.DoesNotContain("max.weber@example.org", offerMail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("+49 40 1234567", requestMail.Text, StringComparison.Ordinal);

        var match = Assert.Single(await Matches().ListForListingAsync(offerId, default));
        Assert.Equal(requestId, match.RequestId);
        Assert.Equal(MatchState.Proposed, match.State);
        Assert.Equal(4000, match.Quantity);
    }

    [Fact]
    public async Task Both_accepting_sends_the_contact_details_to_both_and_links_work_once()
    {
        await Post("offers", ListingBodies.Offer());
        await Post("requests", ListingBodies.Request());
        var proposals = await PickupMailbox.WaitForAsync(_portal.DataDirectory, m => m.Count >= 2);

        var offerAccept = proposals.Single(m => m.Key.EndsWith(".offer.proposed", StringComparison.Ordinal)).Link("accept");
        var confirm = await _client.GetAsync(new Uri(offerAccept));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("<form method=\"post\"", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Click(offerAccept)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await Click(offerAccept)).StatusCode); // single use
        Assert.Equal(2, PickupMailbox.Read(_portal.DataDirectory).Count); // one acceptance sends nothing

        Assert.Equal(HttpStatusCode.OK, (await Click(proposals.Single(m => m.Key.EndsWith(".request.proposed", StringComparison.Ordinal)).Link("accept"))).StatusCode);

        var mails = await PickupMailbox.WaitForAsync(_portal.DataDirectory, m => m.Count >= 4);
        var offerContact = Assert.Single(mails, m => m.Key.EndsWith(".offer.accepted", StringComparison.Ordinal));
        var requestContact = Assert.Single(mails, m => m.Key.EndsWith(".request.accepted", StringComparison.Ordinal));
        Assert.Contains("max.weber@example.org", offerContact.Text, StringComparison.Ordinal);
        Assert.Contains("jana.petersen@example.org", requestContact.Text, StringComparison.Ordinal);
        Assert.Contains("+49 40 1234567", requestContact.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decline_frees_the_quantity_and_the_request_is_matched_with_another_offer()
    {
        var first = await Post("offers", ListingBodies.Offer());
        var requestId = await Post("requests", ListingBodies.Request());
        var proposals = await PickupMailbox.WaitForAsync(_portal.DataDirectory, m => m.Count >= 2);
        var second = ListingBodies.Offer();
        second["lat"] = 53.0; // a bit further away, so the engine preferred the first offer
        var secondId = await Post("offers", second);

        var decline = proposals.Single(m => m.Key.EndsWith(".request.proposed", StringComparison.Ordinal)).Link("decline");
        Assert.Equal(HttpStatusCode.OK, (await Click(decline)).StatusCode);

        var mails = await PickupMailbox.WaitForAsync(_portal.DataDirectory, m => m.Count(x => x.Key.EndsWith(".proposed", StringComparison.Ordinal)) >= 4 && m.Count >= 6);
        Assert.Equal(2, mails.Count(m => m.Key.EndsWith(".declined", StringComparison.Ordinal)));
        var matches = await Matches().ListForListingAsync(requestId, default);
        Assert.Contains(matches, m => m.OfferId == first && m.State == MatchState.Declined && m.ClosureReason == ClosureReason.PrefersAnother);
        Assert.Contains(matches, m => m.OfferId == secondId && m.State == MatchState.Proposed && m.Quantity == 4000);
    }

    [Fact]
    public async Task Withdrawing_a_matched_listing_withdraws_the_proposal_and_tells_both_sides()
    {
        var offer = await PostFull("offers", ListingBodies.Offer());
        await Post("requests", ListingBodies.Request());
        await PickupMailbox.WaitForAsync(_portal.DataDirectory, m => m.Count >= 2);

        var token = new Uri(offer["manageUrl"]!.GetValue<string>()).Query.Split("token=")[1];
        var answer = await _client.PostAsync(new Uri($"/api/manage/{offer["id"]}/withdraw?token={token}", UriKind.Relative), null);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());

        var mails = await PickupMailbox.WaitForAsync(_portal.DataDirectory, m => m.Count >= 4);
        Assert.Equal(2, mails.Count(m => m.Key.EndsWith(".withdrawn", StringComparison.Ordinal)));
        var match = Assert.Single(await Matches().ListForListingAsync(offer["id"]!.GetValue<string>(), default));
        Assert.Equal(MatchState.Withdrawn, match.State);
    }

    private IMatchStore Matches() => _portal.Services.GetRequiredService<IMatchStore>();

    private Task<HttpResponseMessage> Click(string link) => _client.PostAsync(new Uri(link), null);

    private async Task<string> Post(string side, JsonObject body) => (await PostFull(side, body))["id"]!.GetValue<string>();

    private async Task<JsonObject> PostFull(string side, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri("/api/" + side, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}
