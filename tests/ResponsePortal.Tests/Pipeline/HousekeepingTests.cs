using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using ResponsePortal.Housekeeping;
using ResponsePortal.Listings;
using ResponsePortal.Matching;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Tests.Pipeline;

public sealed class HousekeepingTests : IAsyncLifetime
{
    private readonly PipelineHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Past_listings_expire_with_their_open_proposals_and_listings_expiring_within_a_week_get_one_reminder()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var offer = PipelineHarness.Offer(100);
        var request = PipelineHarness.Request(50) with { ExpiresAt = today.AddDays(5) };
        await _h.Listings.CreateAsync(offer, null, default);
        await _h.Listings.CreateAsync(request, null, default);
        await _h.Matcher.HandleAsync(MatchWork.For(request.Id), default);
        var match = Assert.Single(await _h.Matches.ListForListingAsync(request.Id, default));
        var stored = await _h.Listings.FindAsync(offer.Id, default);
        await _h.Listings.UpdateAsync(stored! with { ExpiresAt = today.AddDays(-1) }, stored!.Version, default);

        var housekeeping = new HousekeepingService(_h.Listings, _h.Queue, TimeProvider.System, new ConfigurationBuilder().Build(), NullLogger<HousekeepingService>.Instance);
        var (expired, reminded) = await housekeeping.RunOnceAsync(default);
        await _h.Matcher.HandleAsync(MatchWork.For(offer.Id), default);
        await _h.Notifier.HandleAsync(NotifyWork.For(request.Id, NotifyEvents.ExpiryReminder), default);
        await _h.Notifier.HandleAsync(NotifyWork.For(request.Id, NotifyEvents.ExpiryReminder), default);

        Assert.Equal((1, 1), (expired, reminded));
        Assert.Equal(ListingStatus.Expired, (await _h.Listings.FindAsync(offer.Id, default))!.Status);
        var closed = (await _h.Matches.FindAsync(match.Id, default))!;
        Assert.Equal((MatchState.Expired, ClosureReason.NoReply), (closed.State, closed.ClosureReason));
        var reminder = Assert.Single(PickupMailbox.Read(_h.DataDirectory));
        Assert.StartsWith(request.Id + ".poster.expiry-reminder.", reminder.Key, StringComparison.Ordinal);
        Assert.Contains("action=reconfirm", reminder.Text, StringComparison.Ordinal);
        Assert.Contains("action=withdraw", reminder.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_run_expires_every_past_listing_however_many_there_are()
    {
        // More than a list page holds (the pass once paged through open listings 200 at a time and skipped some).
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var past = Enumerable.Range(0, 450).Select(_ => PipelineHarness.Offer(10) with { ExpiresAt = yesterday }).ToList();
        await Task.WhenAll(past.Select(listing => _h.Listings.CreateAsync(listing, null, default)));

        var housekeeping = new HousekeepingService(_h.Listings, _h.Queue, TimeProvider.System, new ConfigurationBuilder().Build(), NullLogger<HousekeepingService>.Instance);
        var (expired, _) = await housekeeping.RunOnceAsync(default);

        Assert.Equal(450, expired);
        Assert.Equal(0, (await _h.Listings.QueryAsync(new ResponsePortal.Store.ListingQuery(ListingSide.Offer, PageSize: 1), default)).Total);
    }
}
