using ResponsePortal.Listings;
using ResponsePortal.Matching;

namespace ResponsePortal.Tests.Store;

/// <summary>The contract, continued: what the matcher reads (changed heads, partners, candidates).</summary>
public abstract partial class MatchStoreContract
{
    [Fact]
    public async Task Read_changed_gives_heads_of_existing_listings_and_the_terms_of_their_open_matches()
    {
        var offer = await Listing(TestListings.Offer());
        var request = await Listing(TestListings.Request(category: "24455000"));
        var alone = await Listing(TestListings.Offer(status: ListingStatus.Withdrawn));
        Assert.Single(await Matches.ProposeAsync([Proposal(offer, request, 5)], None));

        var heads = (await Matches.ReadChangedAsync([offer.Id, request.Id, alone.Id, TestListings.NewId()], None)).ToDictionary(h => h.Id);

        Assert.Equal(3, heads.Count);
        Assert.Equal((ListingSide.Offer, ListingStatus.Open, "33141620"), (heads[offer.Id].Side, heads[offer.Id].Status, heads[offer.Id].Category));
        Assert.Equal(new HashSet<string> { MatchIds.TermsOf(offer) }, heads[offer.Id].OpenMatchTerms);
        Assert.Equal((ListingSide.Request, "24455000"), (heads[request.Id].Side, heads[request.Id].Category));
        Assert.Equal(new HashSet<string> { MatchIds.TermsOf(request) }, heads[request.Id].OpenMatchTerms);
        Assert.Equal(ListingStatus.Withdrawn, heads[alone.Id].Status);
        Assert.Null(heads[alone.Id].OpenMatchTerms);
    }

    [Fact]
    public async Task Read_changed_follows_edits_and_withdrawals_and_answers_a_repeated_id_once()
    {
        var recategorised = await Listing(TestListings.Offer(category: "33141620"));
        var withdrawn = await Listing(TestListings.Request(category: "24455000"));
        var many = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            many.Add((await Listing(TestListings.Offer(category: "18143000"))).Id);
        }

        await Edit(recategorised, recategorised with { Category = "18143000" });
        await Edit(withdrawn, withdrawn with { Status = ListingStatus.Withdrawn });

        var heads = await Matches.ReadChangedAsync([recategorised.Id, withdrawn.Id, recategorised.Id, .. many], None);

        Assert.Equal([recategorised.Id, withdrawn.Id, .. many], heads.Select(h => h.Id));
        Assert.Equal((ListingSide.Offer, ListingStatus.Open, "18143000"), (heads[0].Side, heads[0].Status, heads[0].Category));
        Assert.Equal((ListingSide.Request, ListingStatus.Withdrawn, "24455000"), (heads[1].Side, heads[1].Status, heads[1].Category));
        Assert.All(heads.Skip(2), h => Assert.Equal("18143000", h.Category));
    }

    [Fact]
    public async Task Any_open_listing_looks_at_side_category_status_and_expiry()
    {
        await Listing(TestListings.Offer(category: "33141620"));
        await Listing(TestListings.Offer(category: "24455000", status: ListingStatus.Withdrawn));
        await Listing(TestListings.Offer(category: "18143000") with { ExpiresAt = new DateOnly(2026, 3, 2) });

        Assert.True(await Matches.AnyOpenListingAsync(ListingSide.Offer, ["x", "33141620"], None));
        Assert.False(await Matches.AnyOpenListingAsync(ListingSide.Request, ["33141620"], None));
        Assert.False(await Matches.AnyOpenListingAsync(ListingSide.Offer, ["24455000"], None));
        Assert.False(await Matches.AnyOpenListingAsync(ListingSide.Offer, ["18143000"], None));
        Assert.False(await Matches.AnyOpenListingAsync(ListingSide.Offer, [], None));
    }

    [Fact]
    public async Task Candidates_are_the_partners_within_reach_with_something_left_and_the_declined_pairs()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100, RadiusKm = 250 });
        var near = await Listing(TestListings.Request() with { Quantity = 50, Lat = 53.0 });
        var declining = await Listing(TestListings.Request() with { Quantity = 50, Lat = 53.2 });
        var full = await Listing(TestListings.Request() with { Quantity = 20, Lat = 53.3 });
        await Listing(TestListings.Request() with { Lat = 48.1, Lon = 11.6 }); // Munich: ~600 km, beyond the radius
        await Listing(TestListings.Request(category: "24455000"));
        await Listing(TestListings.Request(status: ListingStatus.Withdrawn));
        var other = await Listing(TestListings.Offer() with { Quantity = 100 });
        var declined = Assert.Single(await Matches.ProposeAsync([Proposal(offer, declining, 10)], None));
        Assert.IsType<RespondOutcome.Done>(await Matches.RespondAsync(declined.Id, MatchParty.Request, RespondAction.Decline, "link-" + declined.Id, None));
        Assert.Single(await Matches.ProposeAsync([Proposal(other, full, 20)], None));

        var candidates = await Matches.LoadCandidatesAsync([new CandidateSearch(offer, ["33141620"])], None);

        Assert.Equal(new[] { offer.Id, near.Id, declining.Id }.Order(StringComparer.Ordinal), candidates.Listings.Select(l => l.Listing.Id));
        Assert.All(candidates.Listings, l => Assert.Equal(l.Listing.Quantity, l.Remaining));
        Assert.Equal([(offer.Id, declining.Id)], candidates.DeclinedPairs);
        // A request reaches the offers whose own radius covers it.
        var fromRequest = await Matches.LoadCandidatesAsync([new CandidateSearch(near, ["33141620"])], None);
        Assert.Equal(new[] { offer.Id, other.Id, near.Id }.Order(StringComparer.Ordinal), fromRequest.Listings.Select(l => l.Listing.Id));
        Assert.Equal(80, fromRequest.Listings.Single(l => l.Listing.Id == other.Id).Remaining);
    }
}
