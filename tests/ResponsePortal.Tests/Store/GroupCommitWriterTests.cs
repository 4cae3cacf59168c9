using Microsoft.Data.Sqlite;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Tests.Store;

/// <summary>
/// The writer's linger: how long a small batch waits for writes on their way. The sleep is replaced by one that queues
/// writes (or not) while the writer "sleeps" and moves a manual clock on by <see cref="_slice"/>, so each test knows exactly
/// what arrived during each look and how much time passed, however slowly the machine runs the test.
/// </summary>
public sealed class GroupCommitWriterTests : IAsyncLifetime
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "portal-writer-tests", Guid.NewGuid().ToString("N") + ".db");
    private readonly List<Task<int>> _queuedWhileAsleep = [];
    private SqliteConnection _connection = null!;
    private GroupCommitWriter _writer = null!;
    private readonly ManualTime _time = new();
    private Func<int, int> _writesPerSleep = _ => 0;
    private TimeSpan _slice = TimeSpan.FromMicroseconds(150);
    private int _sleeps;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        _connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE written (value INTEGER NOT NULL)";
        command.ExecuteNonQuery();
        _writer = new GroupCommitWriter(_connection, sleep: _ =>
        {
            _time.Advance(_slice);
            var count = _writesPerSleep(++_sleeps);
            for (var i = 0; i < count; i++)
            {
                _queuedWhileAsleep.Add(Write(1000 + _queuedWhileAsleep.Count));
            }
        }, time: _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _connection.DisposeAsync();
        File.Delete(_path);
    }

    [Fact]
    public async Task A_lone_writer_never_waits()
    {
        await Write(1);
        await Write(2);

        Assert.Equal(0, _sleeps);
        Assert.Equal((2, 2), _writer.Committed);
    }

    [Fact]
    public async Task Writes_arriving_while_the_writer_lingers_share_its_commit_and_it_stops_at_the_first_look_that_finds_none()
    {
        await CommitABatchOfTwoAsync();
        _writesPerSleep = sleep => sleep == 1 ? 2 : 0;

        await Write(3);
        await Task.WhenAll(_queuedWhileAsleep);

        Assert.Equal(2, _sleeps); // the first look found two writes, the second none: the batch went
        Assert.Equal((3, 6), _writer.Committed); // the gate, the two, then the third with the two that came meanwhile
        Assert.Equal(5, CountRows());
    }

    [Fact]
    public async Task Lingering_ends_once_the_batch_is_large_enough_however_steadily_writes_arrive()
    {
        await CommitABatchOfTwoAsync();
        _writesPerSleep = _ => 1;
        _slice = TimeSpan.Zero; // no time passes: only the batch's size can end the wait

        await Write(3);
        await Task.WhenAll(_queuedWhileAsleep);

        Assert.Equal(31, _sleeps); // one write per look until the batch held 32
        Assert.Equal((3, 3 + 32), _writer.Committed); // the gate, the two, then one commit of 32
    }

    [Fact]
    public async Task Lingering_ends_after_a_millisecond_however_steadily_writes_arrive()
    {
        await CommitABatchOfTwoAsync();
        _writesPerSleep = _ => 1;
        _slice = TimeSpan.FromMicroseconds(400);

        await Write(3);
        await Task.WhenAll(_queuedWhileAsleep);

        Assert.Equal(3, _sleeps); // 0.4, 0.8, 1.2 ms: the third look reached the limit
        Assert.Equal((3, 3 + 4), _writer.Committed); // the third write and one from each look, in one commit
    }

    [Fact]
    public void The_short_sleep_works_on_this_platform() =>
        ShortSleep.For(GroupCommitWriter.LingerSlice);

    /// <summary>
    /// Holds the writer with a first write while two more queue up, so the next commit carries two writes: after a batch of
    /// several the writer lingers (after a batch of one it does not).
    /// </summary>
    private async Task CommitABatchOfTwoAsync()
    {
        using var gate = await HeldWriter.HoldAsync(_writer.EnqueueAsync);
        var two = new[] { Write(1), Write(2) };
        await gate.ReleaseAsync();
        await Task.WhenAll(two);
        Assert.Equal((2, 3), _writer.Committed);
        Assert.Equal(0, _sleeps);
    }

    private Task<int> Write(int value) => _writer.EnqueueAsync((connection, transaction) =>
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO written (value) VALUES ($value)";
        insert.Parameters.AddWithValue("$value", value);
        return insert.ExecuteNonQuery();
    }, CancellationToken.None);

    private long CountRows()
    {
        using var count = _connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM written";
        return (long)count.ExecuteScalar()!;
    }

    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
