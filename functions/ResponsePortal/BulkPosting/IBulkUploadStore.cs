namespace ResponsePortal.BulkPosting;

/// <summary>A problem with one cell (or the whole line, Field "$") of an uploaded file, in both languages.</summary>
public sealed record BulkError(int Line, string Field, string En, string De);

public sealed record BulkUpload(
    string Id, string Account, string? Cluster, string FileName, string FileHash, string Language, string State,
    int Total, int Processed, int Posted, int Replayed, int Failed, IReadOnlyList<BulkError> Errors,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt)
{
    public bool Finished => State == BulkStates.Done;
}

public static class BulkStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
}

/// <summary>
/// The bulk upload port: the file until processed, then its progress and errors for the status page. SQLite
/// (<see cref="SqliteBulkUploadStore"/>) in embedded mode, Cosmos DB in Azure; both pass tests/…/BulkPosting/BulkUploadStoreContract.cs.
/// </summary>
public interface IBulkUploadStore
{
    Task CreateAsync(BulkUpload upload, byte[] content, CancellationToken cancellationToken);

    /// <summary>Writes state, counts, errors and finish time; when the state is done the file is dropped (it may hold personal data).</summary>
    Task ProgressAsync(BulkUpload upload, CancellationToken cancellationToken);

    Task<BulkUpload?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>The account's 20 newest uploads, newest first.</summary>
    Task<IReadOnlyList<BulkUpload>> ListForAccountAsync(string account, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads not done yet and not being worked on, oldest first: what a starting instance resumes. SQLite: every
    /// unfinished one (one process; at its start nothing is being worked on). Cosmos: those without a write for
    /// <see cref="ResumeAfter"/>, because in Azure many instances start while another one is still posting an upload.
    /// </summary>
    Task<IReadOnlyList<BulkUpload>> UnfinishedAsync(CancellationToken cancellationToken);

    /// <summary>Progress is written every few hundred milliseconds while an upload runs; this long without one, it is orphaned.</summary>
    public static readonly TimeSpan ResumeAfter = TimeSpan.FromMinutes(2);

    /// <summary>The uploaded file, or null once it is done (or unknown).</summary>
    Task<byte[]?> ContentAsync(string id, CancellationToken cancellationToken);
}
