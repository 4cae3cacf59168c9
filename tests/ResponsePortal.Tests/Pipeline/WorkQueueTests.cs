using ResponsePortal.Pipeline;

namespace ResponsePortal.Tests.Pipeline;

public sealed class WorkQueueTests : IAsyncLifetime
{
    private readonly PipelineHarness _h = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_leased_message_is_invisible_until_its_lease_runs_out_then_comes_back()
    {
        await _h.Queue.EnqueueAsync([NotifyWork.For("m-1", "proposed")], default);

        var first = Assert.Single(await _h.Queue.LeaseAsync(Queues.Notify, 10, TimeSpan.FromMilliseconds(300), default));
        Assert.Empty(await _h.Queue.LeaseAsync(Queues.Notify, 10, TimeSpan.FromSeconds(30), default));
        await Task.Delay(400);
        var again = Assert.Single(await _h.Queue.LeaseAsync(Queues.Notify, 10, TimeSpan.FromSeconds(30), default));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(2, again.Attempts);
        // The first worker's lease is gone: its completion changes nothing and enqueues none of its outputs.
        await _h.Queue.CompleteAsync([first], [NotifyWork.For("m-2", "proposed")], default);
        Assert.Equal(1, (await _h.Queue.CountPendingAsync(default))[Queues.Notify]);
        await _h.Queue.CompleteAsync([again], [MatchWork.For("o-x")], default);
        var pending = await _h.Queue.CountPendingAsync(default);
        Assert.False(pending.ContainsKey(Queues.Notify));
        Assert.Equal(1, pending[Queues.Match]);
    }

    [Fact]
    public async Task Failing_backs_off_and_the_last_allowed_failure_dead_letters_the_message_which_can_be_retried_or_discarded()
    {
        await _h.Queue.EnqueueAsync([MatchWork.For("o-a"), MatchWork.For("o-b")], default);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            foreach (var work in await _h.Queue.LeaseAsync(Queues.Match, 10, TimeSpan.FromSeconds(30), default))
            {
                Assert.Equal(attempt, work.Attempts);
                await _h.Queue.FailAsync(work, "boom", TimeSpan.Zero, maxAttempts: 3, default);
            }
        }

        Assert.Empty(await _h.Queue.LeaseAsync(Queues.Match, 10, TimeSpan.FromSeconds(30), default));
        var dead = await _h.Queue.ListDeadAsync(default);
        Assert.Equal(2, dead.Count);
        Assert.All(dead, d => Assert.Equal("boom", d.LastError));

        Assert.True(await _h.Queue.RetryDeadAsync(dead[0].Id, default));
        Assert.True(await _h.Queue.DiscardDeadAsync(dead[1].Id, default));
        Assert.Empty(await _h.Queue.ListDeadAsync(default));
        var back = Assert.Single(await _h.Queue.LeaseAsync(Queues.Match, 10, TimeSpan.FromSeconds(30), default));
        Assert.Equal(1, back.Attempts);
    }

    [Fact]
    public void Backoff_doubles_per_attempt_and_is_capped()
    {
        var options = new PipelineOptions { BaseBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(10) };
        Assert.InRange(PipelineOptions.Backoff(options, 1).TotalSeconds, 0.8, 1.2);
        Assert.InRange(PipelineOptions.Backoff(options, 3).TotalSeconds, 3.2, 4.8);
        Assert.Equal(10, PipelineOptions.Backoff(options, 30).TotalSeconds);
    }
}
