using ResponsePortal.Matching;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Tests.Pipeline;

/// <summary>The matcher reads only what a changed listing can reach, and that is still enough for an optimal result.</summary>
public sealed class CandidateSearchTests : IAsyncLifetime
{
    private readonly PipelineHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_request_finds_offers_whose_radius_reaches_it_and_no_others()
    {
        // Request in Hamburg; offers in Hamburg (50 km), Munich (50 km: too far) and Munich (800 km: reaches Hamburg).
        var request = PipelineHarness.Request(100, lat: 53.55, lon: 10.0);
        var nearby = PipelineHarness.Offer(100, lat: 53.6, lon: 9.9) with { RadiusKm = 50 };
        var farSmallRadius = PipelineHarness.Offer(100, lat: 48.14, lon: 11.58) with { RadiusKm = 50 };
        var farLargeRadius = PipelineHarness.Offer(100, lat: 48.14, lon: 11.58) with { RadiusKm = 800 };
        var otherCategory = PipelineHarness.Offer(100, lat: 53.6, lon: 9.9) with { Category = "disinfectant-hand", Unit = "litre" };
        foreach (var listing in new[] { request, nearby, farSmallRadius, farLargeRadius, otherCategory })
        {
            await _h.Listings.CreateAsync(listing, null, default);
        }

        var candidates = await _h.Matches.LoadCandidatesAsync([new CandidateSearch(request, ["ppe-mask-ffp2", "ppe-mask-ffp3"])], default);

        var ids = candidates.Listings.Select(l => l.Listing.Id).ToHashSet();
        Assert.Equal(new[] { request.Id, nearby.Id, farLargeRadius.Id }.Order(), ids.Order());
    }

    [Fact]
    public async Task An_offer_finds_the_requests_within_its_radius()
    {
        var offer = PipelineHarness.Offer(100, lat: 53.55, lon: 10.0) with { RadiusKm = 300 };
        var berlin = PipelineHarness.Request(100, lat: 52.52, lon: 13.40);
        var munich = PipelineHarness.Request(100, lat: 48.14, lon: 11.58);
        foreach (var listing in new[] { offer, berlin, munich })
        {
            await _h.Listings.CreateAsync(listing, null, default);
        }

        var candidates = await _h.Matches.LoadCandidatesAsync([new CandidateSearch(offer, ["ppe-mask-ffp2"])], default);

        Assert.Equal(new[] { offer.Id, berlin.Id }.Order(), candidates.Listings.Select(l => l.Listing.Id).Order());
    }

    [Fact]
    public async Task A_pair_takes_more_when_a_decline_elsewhere_frees_supply()
    {
        // One offer of 100; two requests of 100 each. The critical one gets everything, the other nothing.
        var offer = PipelineHarness.Offer(100);
        var critical = PipelineHarness.Request(100) with { Urgency = Listings.Urgency.Critical };
        var normal = PipelineHarness.Request(100) with { Urgency = Listings.Urgency.Normal };
        foreach (var listing in new[] { offer, critical, normal })
        {
            await _h.Listings.CreateAsync(listing, null, default);
        }

        await _h.Matcher.HandleAsync(MatchWork.For(offer.Id), default);
        var first = Assert.Single(await _h.Matches.ListForListingAsync(offer.Id, default));
        Assert.Equal(critical.Id, first.RequestId);

        // The critical request declines: the offer must now go to the normal one.
        await _h.Matches.RespondAsync(first.Id, MatchParty.Request, RespondAction.Decline, "link-1", default);
        await _h.Matcher.HandleBatchAsync([MatchWork.For(offer.Id), MatchWork.For(critical.Id)], default);

        var open = (await _h.Matches.ListForListingAsync(offer.Id, default)).Where(m => m.State == MatchState.Proposed).ToList();
        var second = Assert.Single(open);
        Assert.Equal(normal.Id, second.RequestId);
        Assert.Equal(100, second.Quantity);
    }
}
