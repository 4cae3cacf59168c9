using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using ResponsePortal.Listings;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;
using ResponsePortal.Store;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Tests.Emulators;

namespace ResponsePortal.Tests.Store;

/// <summary>
/// The match store contract against the npm Cosmos emulator; the work caused is <see cref="CosmosMatchFeed.WorkFor"/>
/// over the matches container's change feed, read from the beginning. Plus what only this adapter has: recovery of
/// half-done calls and the ledgers.
/// </summary>
[Collection(CosmosEmulatorGroup.Name)]
public sealed class CosmosMatchStoreTests(CosmosEmulator emulator) : MatchStoreContract
{
    private Database? _database;

    private Database Database => _database ?? throw new InvalidOperationException("No database yet.");

    protected override async Task<(IListingStore Listings, IMatchStore Matches)> CreateStoresAsync(TimeProvider time)
    {
        _database = await emulator.NewDatabaseAsync();
        return (CosmosListingStore.ForDatabase(_database), CosmosMatchStore.ForDatabase(_database, time));
    }

    protected override Task<IReadOnlyList<WorkMessage>> TakeQueuedWorkAsync() => Task.FromResult<IReadOnlyList<WorkMessage>>([]);

    protected override async Task<IReadOnlyList<WorkMessage>> ChangeFeedWorkAsync() =>
        [.. (await ChangeFeed.ReadAllAsync(Database.GetContainer(CosmosContainers.Matches))).SelectMany(CosmosMatchFeed.WorkFor)];

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DeleteAsync();
        }
    }

    [Fact]
    public async Task A_retry_finishes_a_proposal_that_died_after_reserving()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100 });
        var request = await Listing(TestListings.Request() with { Quantity = 100 });
        var proposal = Proposal(offer, request, 70);
        // The first attempt held 70 on the offer's ledger, then died before the request's ledger and the document.
        await Ledgers.ReserveAsync(offer.Id, ListingSide.Offer, 100, proposal.Id, 70, Now, None);

        var match = Assert.Single(await Matches.ProposeAsync([proposal], None));

        Assert.Equal((proposal.Id, 70L), (match.Id, match.Quantity));
        Assert.Equal(70, (await Ledgers.ReadAsync(offer.Id, ListingSide.Offer, None))!.Held);
        Assert.Equal(70, (await Ledgers.ReadAsync(request.Id, ListingSide.Request, None))!.Held);
    }

    [Fact]
    public async Task A_retry_on_stale_terms_gives_back_what_a_dead_attempt_held()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100 });
        var request = await Listing(TestListings.Request() with { Quantity = 100 });
        var proposal = Proposal(offer, request, 70);
        await Ledgers.ReserveAsync(offer.Id, ListingSide.Offer, 100, proposal.Id, 70, Now, None);
        await Edit(offer, offer with { Status = ListingStatus.Withdrawn });

        Assert.Empty(await Matches.ProposeAsync([proposal], None));

        Assert.Equal(0, (await Ledgers.ReadAsync(offer.Id, ListingSide.Offer, None))!.Held);
    }

    [Fact]
    public async Task A_retry_withdraws_a_match_whose_attempt_died_before_its_double_check()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100 });
        var request = await Listing(TestListings.Request() with { Quantity = 100 });
        var proposal = Proposal(offer, request, 70);
        // As if the attempt created its match, the request changed before its re-read, and the attempt died there.
        var match = Assert.Single(await Matches.ProposeAsync([proposal], None));
        await Edit(request, request with { Quantity = 90 });

        Assert.Empty(await Matches.ProposeAsync([proposal], None));

        Assert.Equal(MatchState.Withdrawn, (await Matches.FindAsync(match.Id, None))!.State);
        Assert.Equal(0, (await Ledgers.ReadAsync(offer.Id, ListingSide.Offer, None))!.Held);
        Assert.Equal(0, (await Ledgers.ReadAsync(request.Id, ListingSide.Request, None))!.Held);
        // The unchanged offer gets its quantity back through match work; the request has its own from its edit.
        await AssertWork([NotifyWork.For(match.Id, NotifyEvents.Proposed), NotifyWork.For(match.Id, NotifyEvents.Withdrawn), MatchWork.For(offer.Id)]);
    }

    [Fact]
    public async Task Holds_left_by_dead_calls_are_released_when_the_listing_is_read_as_changed()
    {
        var offer = await Listing(TestListings.Offer() with { Quantity = 100 });
        var request = await Listing(TestListings.Request() with { Quantity = 100 });
        var match = Assert.Single(await Matches.ProposeAsync([Proposal(offer, request, 30)], None));
        // A proposal that died between reserving and its document, long ago; and a decline that died before its release.
        await Ledgers.ReserveAsync(offer.Id, ListingSide.Offer, 100, "m-orphan", 20, Now - CosmosLedgers.OrphanAfter - TimeSpan.FromMinutes(1), None);
        await Ledgers.ReserveAsync(offer.Id, ListingSide.Offer, 100, "m-fresh", 5, Now, None);
        Assert.IsType<RespondOutcome.Done>(await Matches.RespondAsync(match.Id, MatchParty.Request, RespondAction.Decline, "l1", None));
        await Ledgers.ReserveAsync(offer.Id, ListingSide.Offer, 100, match.Id, 30, Now, None);

        await Matches.ReadChangedAsync([offer.Id], None);

        // Only the proposal that may still be in flight keeps its hold.
        Assert.Equal(["m-fresh"], (await Ledgers.ReadAsync(offer.Id, ListingSide.Offer, None))!.Holds.Keys);
    }

    [Fact]
    public async Task A_match_document_has_the_codes_the_events_and_its_partition()
    {
        var offer = await Listing(TestListings.Offer());
        var request = await Listing(TestListings.Request());
        var match = Assert.Single(await Matches.ProposeAsync([Proposal(offer, request, 5)], None));
        Assert.IsType<RespondOutcome.Done>(await Matches.RespondAsync(match.Id, MatchParty.Offer, RespondAction.Accept, "l1", None));

        using var response = await Database.GetContainer(CosmosContainers.Matches).ReadItemStreamAsync(match.Id, new PartitionKey("match"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = await JsonDocument.ParseAsync(response.Content);
        var root = document.RootElement;

        Assert.Equal("accepted-by-offer", root.GetProperty("state").GetString());
        Assert.Equal(["l1"], root.GetProperty("usedLinks").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal([NotifyEvents.Proposed], root.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        Assert.Equal([NotifyWork.For(match.Id, NotifyEvents.Proposed)], CosmosMatchFeed.WorkFor(root));
    }

    [Fact]
    public void Work_for_a_document_maps_every_event_once()
    {
        using var document = JsonDocument.Parse("""
            {"id":"m-1","pk":"match","kind":"match","offerId":"o-1","requestId":"r-1","events":[
              {"event":"proposed","at":"2026-03-03T10:00:00+00:00","rematch":["o-1"]},
              {"event":"declined","at":"2026-03-03T11:00:00+00:00"}]}
            """);

        Assert.Equal(
            [NotifyWork.For("m-1", NotifyEvents.Proposed), MatchWork.For("o-1"), NotifyWork.For("m-1", NotifyEvents.Declined), MatchWork.For("r-1")],
            CosmosMatchFeed.WorkFor(document.RootElement));
        Assert.Empty(CosmosMatchFeed.WorkFor(JsonDocument.Parse("""{"id":"x"}""").RootElement));
    }

    private CosmosLedgers Ledgers => new(Database.GetContainer(CosmosContainers.Ledgers));
}
