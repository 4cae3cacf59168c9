using ResponsePortal.Matching;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Tests.Pipeline;

public sealed class MatcherTests : IAsyncLifetime
{
    private readonly PipelineHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Handling_the_same_work_twice_changes_nothing_the_second_time()
    {
        var offer = PipelineHarness.Offer(1000);
        var request = PipelineHarness.Request(400);
        await _h.Listings.CreateAsync(offer, null, default);
        await _h.Listings.CreateAsync(request, null, default);

        await _h.Matcher.HandleAsync(MatchWork.For(request.Id), default);
        await _h.Matcher.HandleAsync(MatchWork.For(request.Id), default);
        await _h.Matcher.HandleBatchAsync([MatchWork.For(request.Id), MatchWork.For(offer.Id)], default);

        var match = Assert.Single(await _h.Matches.ListForListingAsync(offer.Id, default));
        Assert.Equal(400, match.Quantity);
        await _h.Notifier.HandleAsync(NotifyWork.For(match.Id, NotifyEvents.Proposed), default);
        await _h.Notifier.HandleAsync(NotifyWork.For(match.Id, NotifyEvents.Proposed), default);
        Assert.Equal(2, PickupMailbox.Read(_h.DataDirectory).Count);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"listingIds":[]}""")]
    public async Task Match_work_that_names_no_listing_fails_instead_of_doing_nothing(string body)
    {
        await Assert.ThrowsAsync<FormatException>(() => _h.Matcher.HandleAsync(new WorkMessage(Queues.Match, body), default));
    }

    [Fact]
    public async Task A_listing_that_cannot_be_matched_does_not_hold_back_the_others_of_its_commit()
    {
        var request = PipelineHarness.Request(1000);
        var good = new[] { PipelineHarness.Offer(100), PipelineHarness.Offer(200) };
        var broken = PipelineHarness.Offer(300);
        foreach (var listing in good.Append(broken).Append(request))
        {
            await _h.Listings.CreateAsync(listing, null, default);
        }

        await _h.Database.ExecuteInWriteTransactionAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """UPDATE listings SET body = '{"title":42}' WHERE id = $id""";
            command.Parameters.AddWithValue("$id", broken.Id);
            return command.ExecuteNonQuery();
        }, default);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _h.Matcher.HandleBatchAsync([MatchWork.ForMany([good[0].Id, broken.Id, good[1].Id])], default));

        Assert.Contains(broken.Id, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(good[0].Id, error.Message, StringComparison.Ordinal);
        foreach (var offer in good)
        {
            var match = Assert.Single(await _h.Matches.ListForListingAsync(offer.Id, default));
            Assert.Equal(offer.Quantity, match.Quantity);
        }
    }

    [Fact]
    public async Task Many_matchers_in_parallel_never_give_away_more_than_an_offer_has_or_a_request_needs()
    {
        var offers = Enumerable.Range(0, 6).Select(i => PipelineHarness.Offer(500 + (i * 70), lat: 53.5 + (i * 0.01))).ToList();
        var requests = Enumerable.Range(0, 12).Select(i => PipelineHarness.Request(150 + (i * 40), lat: 53.4 + (i * 0.02))).ToList();
        foreach (var listing in offers.Concat(requests))
        {
            await _h.Listings.CreateAsync(listing, null, default);
        }

        // Every listing's work handled by its own matcher at the same time, twice over.
        var ids = offers.Concat(requests).Select(l => l.Id).ToList();
        await Task.WhenAll(ids.Concat(ids).Select(id => Task.Run(() => _h.Matcher.HandleAsync(MatchWork.For(id), default))));
        // Plans that collided at commit queued their listings again; the worker would run that work next.
        await DrainMatchQueue();

        var total = 0L;
        foreach (var listing in offers.Concat(requests))
        {
            var held = (await _h.Matches.ListForListingAsync(listing.Id, default)).Where(m => m.State == MatchState.Proposed).Sum(m => m.Quantity);
            Assert.True(held <= listing.Quantity, $"{listing.Id} holds {held} of {listing.Quantity}");
            total += held;
        }

        // Supply (6 offers, 4050) is less than demand (12 requests, 4440): all of it is allocated, once.
        Assert.Equal(2 * offers.Sum(o => o.Quantity), total);
    }

    private async Task DrainMatchQueue()
    {
        for (var pass = 0; pass < 50; pass++)
        {
            var work = await _h.Queue.LeaseAsync(Queues.Match, 64, TimeSpan.FromMinutes(1), default);
            if (work.Count == 0)
            {
                return;
            }

            await Task.WhenAll(work.Select(w => Task.Run(() => _h.Matcher.HandleAsync(w.Message, default))));
            await _h.Queue.CompleteAsync(work, [], default);
        }

        Assert.Fail("The match queue did not settle after 50 passes.");
    }
}
