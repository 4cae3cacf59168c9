using ResponsePortal.Blobs;
using ResponsePortal.Blobs.Folder;

namespace ResponsePortal.Tests.Blobs;

public sealed class FolderBlobStoreTests : BlobStoreContract
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-blob-tests", Guid.NewGuid().ToString("N"));

    protected override Task<IBlobStore> CreateStoreAsync() => Task.FromResult<IBlobStore>(new FolderBlobStore(_root));

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Blobs_are_plain_files_under_the_container_folder()
    {
        await Store.PutAsync(BlobContainers.Attachments, "listing-1/cert.pdf", "%PDF-1.7"u8.ToArray(), "application/pdf", None);

        Assert.Equal("%PDF-1.7", await File.ReadAllTextAsync(Path.Combine(_root, "attachments", "listing-1", "cert.pdf")));
    }

    [Fact]
    public async Task Sidecar_names_are_reserved()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => Store.PutAsync(BlobContainers.Attachments, "x.pdf.content-type", new byte[] { 1 }, "text/plain", None));
    }

    [Fact]
    public async Task A_cancelled_put_leaves_no_file()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.PutAsync(BlobContainers.Attachments, "never.pdf", new byte[100], "application/pdf", cancelled.Token));

        Assert.Empty(await Store.ListAsync(BlobContainers.Attachments, "", None));
        Assert.DoesNotContain(
            Directory.EnumerateFiles(Path.Combine(_root, "attachments"), "*", SearchOption.AllDirectories),
            f => !f.EndsWith(".content-type", StringComparison.Ordinal));
    }
}
