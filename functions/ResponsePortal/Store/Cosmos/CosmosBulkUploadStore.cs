using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using ResponsePortal.BulkPosting;

namespace ResponsePortal.Store.Cosmos;

/// <param name="CreatedAt">Sortable UTC text: "newest first" and "oldest first" sort on it.</param>
internal sealed record BulkUploadDocument(
    string Id, string Kind, string Account, string? Cluster, string FileName, string FileHash, string Language, string State,
    int Total, int Processed, int Posted, int Replayed, int Failed, IReadOnlyList<BulkError> Errors, string CreatedAt, DateTimeOffset? FinishedAt);

/// <summary>The uploaded file (base64 in JSON; 1 MiB becomes ~1.4 MB, under the 2 MB item limit).</summary>
internal sealed record BulkFileDocument(string Id, string Kind, byte[] Content);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BulkUploadDocument))]
[JsonSerializable(typeof(BulkFileDocument))]
internal sealed partial class BulkUploadJsonContext : JsonSerializerContext;

/// <summary>
/// The bulk upload port on Cosmos DB: status documents in the partition "upload" (listed per account, found unfinished
/// at start, both single-partition queries) and each file in its own document in "file", so the progress written every
/// few hundred milliseconds rewrites a small document, never the file (docs/cosmos.md has the RU figures).
/// </summary>
public sealed class CosmosBulkUploadStore(Container container, TimeProvider time) : IBulkUploadStore
{
    public const string UploadKind = "upload";
    public const string FileKind = "file";

    public static CosmosBulkUploadStore ForDatabase(Database database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new CosmosBulkUploadStore(database.GetContainer(CosmosContainers.BulkUploads), time);
    }

    /// <summary>The file first: a status document whose file is missing would sit "queued" forever.</summary>
    public async Task CreateAsync(BulkUpload upload, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(content);
        await CosmosItems.TryCreateAsync(container, new BulkFileDocument(upload.Id, FileKind, content), FileKind, BulkUploadJsonContext.Default.BulkFileDocument, cancellationToken)
            .ConfigureAwait(false);
        if (!await CosmosItems.TryCreateAsync(container, ToDocument(upload), UploadKind, BulkUploadJsonContext.Default.BulkUploadDocument, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"A bulk upload with id {upload.Id} exists already.");
        }
    }

    /// <summary>One processor writes an upload's progress, so the replace needs no ETag; an unknown upload stays unknown.</summary>
    public async Task ProgressAsync(BulkUpload upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var stored = await CosmosItems.TryReplaceAsync(
            container, upload.Id, ToDocument(upload), UploadKind, etag: null, BulkUploadJsonContext.Default.BulkUploadDocument, cancellationToken).ConfigureAwait(false);
        if (stored && upload.State == BulkStates.Done)
        {
            await CosmosItems.TryDeleteAsync(container, upload.Id, FileKind, etag: null, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<BulkUpload?> FindAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!CosmosDocuments.IsValidId(id))
        {
            return null;
        }

        var stored = await CosmosItems.ReadAsync(container, id, UploadKind, BulkUploadJsonContext.Default.BulkUploadDocument, cancellationToken).ConfigureAwait(false);
        return stored is null ? null : ToUpload(stored.Document);
    }

    public Task<IReadOnlyList<BulkUpload>> ListForAccountAsync(string account, CancellationToken cancellationToken) =>
        SelectAsync(new QueryDefinition("SELECT TOP 20 * FROM c WHERE c.kind = @kind AND c.account = @account ORDER BY c.createdAt DESC").WithParameter("@account", account), cancellationToken);

    /// <summary>
    /// Only uploads nobody has written to for <see cref="IBulkUploadStore.ResumeAfter"/> (<c>_ts</c>: the service's
    /// last-modified time, in seconds): an instance starting while another posts an upload must not start it over too.
    /// </summary>
    public Task<IReadOnlyList<BulkUpload>> UnfinishedAsync(CancellationToken cancellationToken) =>
        SelectAsync(
            new QueryDefinition("SELECT * FROM c WHERE c.kind = @kind AND c.state != @done AND c._ts < @idleSince ORDER BY c.createdAt")
                .WithParameter("@done", BulkStates.Done)
                .WithParameter("@idleSince", (time.GetUtcNow() - IBulkUploadStore.ResumeAfter).ToUnixTimeSeconds()),
            cancellationToken);

    public async Task<byte[]?> ContentAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!CosmosDocuments.IsValidId(id))
        {
            return null;
        }

        var stored = await CosmosItems.ReadAsync(container, id, FileKind, BulkUploadJsonContext.Default.BulkFileDocument, cancellationToken).ConfigureAwait(false);
        return stored?.Document.Content;
    }

    /// <summary>Queries name the partition key (<c>c.kind</c>) in their WHERE: the emulator refuses them otherwise.</summary>
    private async Task<IReadOnlyList<BulkUpload>> SelectAsync(QueryDefinition query, CancellationToken cancellationToken) =>
        [.. (await CosmosItems.QueryListAsync(container, query.WithParameter("@kind", UploadKind), UploadKind, BulkUploadJsonContext.Default.BulkUploadDocument, cancellationToken).ConfigureAwait(false))
            .Select(ToUpload)];

    private static BulkUploadDocument ToDocument(BulkUpload u) => new(
        u.Id, UploadKind, u.Account, u.Cluster, u.FileName, u.FileHash, u.Language, u.State, u.Total, u.Processed, u.Posted, u.Replayed, u.Failed,
        u.Errors, u.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), u.FinishedAt);

    private static BulkUpload ToUpload(BulkUploadDocument d) => new(
        d.Id, d.Account, d.Cluster, d.FileName, d.FileHash, d.Language, d.State, d.Total, d.Processed, d.Posted, d.Replayed, d.Failed,
        d.Errors, DateTimeOffset.Parse(d.CreatedAt, CultureInfo.InvariantCulture), d.FinishedAt);
}
