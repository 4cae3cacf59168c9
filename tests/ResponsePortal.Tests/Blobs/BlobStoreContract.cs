using System.Text;
using ResponsePortal.Blobs;

namespace ResponsePortal.Tests.Blobs;

/// <summary>What every <see cref="IBlobStore"/> adapter must do; each test gets a store with empty containers.</summary>
public abstract class BlobStoreContract : IAsyncLifetime
{
    private IBlobStore? _store;

    protected IBlobStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>A store whose containers are empty and shared with no other test.</summary>
    protected abstract Task<IBlobStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("certificate.pdf")]
    [InlineData("listings/4f1c/EN 149 Prüfbericht (2).pdf")]
    [InlineData("a/b/c/d/e.png")]
    public async Task Put_then_get_round_trips_bytes_and_content_type(string name)
    {
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)(i * 7)).ToArray();

        await Store.PutAsync(BlobContainers.Attachments, name, bytes, "application/pdf", None);
        var blob = await Store.GetAsync(BlobContainers.Attachments, name, None);

        Assert.NotNull(blob);
        Assert.Equal(bytes, blob.Data.ToArray());
        Assert.Equal("application/pdf", blob.ContentType);
    }

    [Fact]
    public async Task Put_replaces_an_existing_blob()
    {
        await Store.PutAsync(BlobContainers.Exports, "demand.csv", Encoding.UTF8.GetBytes("old"), "text/csv", None);
        await Store.PutAsync(BlobContainers.Exports, "demand.csv", Encoding.UTF8.GetBytes("new, longer"), "text/csv; charset=utf-8", None);

        var blob = await Store.GetAsync(BlobContainers.Exports, "demand.csv", None);

        Assert.Equal("new, longer", Encoding.UTF8.GetString(blob!.Data.Span));
        Assert.Equal("text/csv; charset=utf-8", blob.ContentType);
    }

    [Fact]
    public async Task An_empty_blob_is_stored_and_read()
    {
        await Store.PutAsync(BlobContainers.Mail, "empty.eml", ReadOnlyMemory<byte>.Empty, "message/rfc822", None);

        var blob = await Store.GetAsync(BlobContainers.Mail, "empty.eml", None);

        Assert.NotNull(blob);
        Assert.True(blob.Data.IsEmpty);
    }

    [Fact]
    public async Task Get_of_a_missing_blob_returns_null()
    {
        await Store.PutAsync(BlobContainers.Attachments, "there.pdf", new byte[] { 1 }, "application/pdf", None);

        Assert.Null(await Store.GetAsync(BlobContainers.Attachments, "not-there.pdf", None));
        Assert.Null(await Store.GetAsync(BlobContainers.Exports, "there.pdf", None));
    }

    [Fact]
    public async Task List_by_prefix_returns_names_sizes_and_types_in_name_order()
    {
        await Store.PutAsync(BlobContainers.Attachments, "listing-2/b.png", new byte[20], "image/png", None);
        await Store.PutAsync(BlobContainers.Attachments, "listing-1/z.pdf", new byte[10], "application/pdf", None);
        await Store.PutAsync(BlobContainers.Attachments, "listing-1/a.jpg", new byte[5], "image/jpeg", None);
        await Store.PutAsync(BlobContainers.Attachments, "listing-10/x.pdf", new byte[1], "application/pdf", None);

        var listing1 = await Store.ListAsync(BlobContainers.Attachments, "listing-1/", None);
        var all = await Store.ListAsync(BlobContainers.Attachments, "", None);
        var none = await Store.ListAsync(BlobContainers.Attachments, "listing-3", None);

        Assert.Equal(
            [new BlobEntry("listing-1/a.jpg", 5, "image/jpeg"), new BlobEntry("listing-1/z.pdf", 10, "application/pdf")],
            listing1);
        Assert.Equal(["listing-1/a.jpg", "listing-1/z.pdf", "listing-10/x.pdf", "listing-2/b.png"], all.Select(e => e.Name));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Delete_removes_the_blob_and_says_whether_there_was_one()
    {
        await Store.PutAsync(BlobContainers.Exports, "gone.csv", new byte[] { 1, 2 }, "text/csv", None);

        Assert.True(await Store.DeleteAsync(BlobContainers.Exports, "gone.csv", None));
        Assert.False(await Store.DeleteAsync(BlobContainers.Exports, "gone.csv", None));
        Assert.Null(await Store.GetAsync(BlobContainers.Exports, "gone.csv", None));
        Assert.Empty(await Store.ListAsync(BlobContainers.Exports, "", None));
    }

    [Theory]
    [InlineData("attachments", "../escape.pdf")]
    [InlineData("attachments", "a/../../escape.pdf")]
    [InlineData("attachments", "a//b.pdf")]
    [InlineData("attachments", "/rooted.pdf")]
    [InlineData("attachments", "back\\slash.pdf")]
    [InlineData("attachments", "")]
    [InlineData("Attachments", "upper-case-container.pdf")]
    [InlineData("..", "x.pdf")]
    public async Task Names_that_could_escape_or_that_blob_storage_refuses_are_rejected(string container, string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.PutAsync(container, name, new byte[] { 1 }, "application/pdf", None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.GetAsync(container, name, None));
    }

    [Fact]
    public async Task Concurrent_puts_of_different_blobs_are_all_stored()
    {
        var names = Enumerable.Range(0, 30).Select(i => $"batch/{i:D2}.pdf").ToList();

        await Task.WhenAll(names.Select(n => Store.PutAsync(BlobContainers.Attachments, n, Encoding.UTF8.GetBytes(n), "application/pdf", None)));

        var listed = await Store.ListAsync(BlobContainers.Attachments, "batch/", None);
        Assert.Equal(names, listed.Select(e => e.Name));
        foreach (var name in names)
        {
            Assert.Equal(name, Encoding.UTF8.GetString((await Store.GetAsync(BlobContainers.Attachments, name, None))!.Data.Span));
        }
    }
}
