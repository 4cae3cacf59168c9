using ResponsePortal.BulkPosting;

namespace ResponsePortal.Tests.BulkPosting;

/// <summary>What every <see cref="IBulkUploadStore"/> adapter must do; each test gets a fresh, empty store.</summary>
public abstract class BulkUploadStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 30, 15, TimeSpan.FromHours(1));
    private IBulkUploadStore? _store;

    protected IBulkUploadStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected static CancellationToken None => CancellationToken.None;

    protected abstract Task<IBulkUploadStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static BulkUpload Upload(string id, string account = "cm@example.org", int minutes = 0) =>
        new(id, account, "healthcapital", "shortages.csv", "hash-" + id, "de", BulkStates.Queued, 3, 0, 0, 0, 0, [], Start.AddMinutes(minutes), null);

    private static byte[] File(string text = "type;title\r\ngoods;Masks\r\n") => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_created_upload_is_found_with_its_file()
    {
        var upload = Upload("u1");
        await Store.CreateAsync(upload, File(), None);

        var found = await Store.FindAsync("u1", None);

        Assert.NotNull(found);
        Assert.Equivalent(upload, found, strict: true);
        Assert.Equal(upload.CreatedAt, found.CreatedAt);
        Assert.Equal(File(), await Store.ContentAsync("u1", None));
    }

    [Fact]
    public async Task Unknown_ids_find_nothing()
    {
        await Store.CreateAsync(Upload("u1"), File(), None);

        Assert.Null(await Store.FindAsync("u2", None));
        Assert.Null(await Store.ContentAsync("u2", None));
        Assert.Null(await Store.FindAsync("a/b?#", None));
    }

    [Fact]
    public async Task Progress_is_kept_with_its_errors_and_the_file_stays_until_done()
    {
        var upload = Upload("u1");
        await Store.CreateAsync(upload, File(), None);
        var running = upload with { State = BulkStates.Running, Processed = 2, Posted = 1, Failed = 1, Errors = [new BulkError(3, "quantity", "Not a number.", "Keine Zahl.")] };

        await Store.ProgressAsync(running, None);

        var found = await Store.FindAsync("u1", None);
        Assert.Equivalent(running, found, strict: true);
        Assert.NotNull(await Store.ContentAsync("u1", None));
    }

    [Fact]
    public async Task Done_drops_the_file_and_keeps_the_counts_and_finish_time()
    {
        var upload = Upload("u1");
        await Store.CreateAsync(upload, File(), None);
        var done = upload with { State = BulkStates.Done, Processed = 3, Posted = 2, Replayed = 1, FinishedAt = Start.AddMinutes(2) };

        await Store.ProgressAsync(done, None);

        var found = await Store.FindAsync("u1", None);
        Assert.NotNull(found);
        Assert.True(found.Finished);
        Assert.Equal((3, 2, 1), (found.Processed, found.Posted, found.Replayed));
        Assert.Equal(done.FinishedAt, found.FinishedAt);
        Assert.Null(await Store.ContentAsync("u1", None));
    }

    [Fact]
    public async Task An_accounts_list_holds_its_own_20_newest_uploads_newest_first()
    {
        for (var i = 0; i < 22; i++)
        {
            await Store.CreateAsync(Upload("u" + i, minutes: i), File(), None);
        }

        await Store.CreateAsync(Upload("other", account: "other@example.org", minutes: 100), File(), None);

        var list = await Store.ListForAccountAsync("cm@example.org", None);

        Assert.Equal(Enumerable.Range(2, 20).Reverse().Select(i => "u" + i), list.Select(u => u.Id));
    }

    [Fact]
    public async Task Unfinished_uploads_are_listed_oldest_first_without_the_done_ones()
    {
        await Store.CreateAsync(Upload("late", minutes: 5), File(), None);
        await Store.CreateAsync(Upload("done", minutes: 1), File(), None);
        await Store.CreateAsync(Upload("early", minutes: 0), File(), None);
        await Store.ProgressAsync(Upload("done", minutes: 1) with { State = BulkStates.Done, FinishedAt = Start }, None);
        await Store.ProgressAsync(Upload("late", minutes: 5) with { State = BulkStates.Running, Processed = 1 }, None);

        var unfinished = await Store.UnfinishedAsync(None);

        Assert.Equal(["early", "late"], unfinished.Select(u => u.Id));
    }

    [Fact]
    public async Task A_file_near_the_size_limit_round_trips()
    {
        var content = new byte[BulkPostingEndpoints.MaxBytes];
        new Random(7).NextBytes(content);
        await Store.CreateAsync(Upload("big"), content, None);

        Assert.Equal(content, await Store.ContentAsync("big", None));
    }
}
