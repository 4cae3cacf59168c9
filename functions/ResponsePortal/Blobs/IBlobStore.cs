namespace ResponsePortal.Blobs;

/// <summary>
/// The blob port: whole small files (attachments, exports, archived mails) by container and name. A folder under the
/// data directory in embedded mode, Blob Storage (REST) on Azure; both pass tests/…/Blobs/BlobStoreContract.cs.
/// Deliberately narrow: no streaming, leases or metadata beyond the content type, because nothing here needs them.
/// </summary>
public interface IBlobStore
{
    /// <summary>Creates or replaces the blob; when the task completes it is stored.</summary>
    Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>The blob, or null when there is none.</summary>
    Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken);

    /// <summary>Blobs whose name starts with <paramref name="prefix"/> (empty: all), ordered by name (ordinal).</summary>
    Task<IReadOnlyList<BlobEntry>> ListAsync(string container, string prefix, CancellationToken cancellationToken);

    /// <summary>True when a blob was deleted, false when there was none.</summary>
    Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken);
}

public sealed record BlobContent(ReadOnlyMemory<byte> Data, string ContentType);

public sealed record BlobEntry(string Name, long Size, string ContentType);

/// <summary>The containers the portal uses; infra/modules/storage.bicep creates the same ones.</summary>
public static class BlobContainers
{
    /// <summary>Certificates and data sheets uploaded with listings (see AttachmentCheck).</summary>
    public const string Attachments = "attachments";

    /// <summary>CSV/JSON exports for authorities.</summary>
    public const string Exports = "exports";

    /// <summary>A copy of every mail sent, for audit.</summary>
    public const string Mail = "mail";

    /// <summary>Data Protection's key ring in Azure mode (Hosting/BlobXmlRepository.cs): shared by every instance.</summary>
    public const string DataProtectionKeys = "dataprotection-keys";

    public static IReadOnlyList<string> All { get; } = [Attachments, Exports, Mail, DataProtectionKeys];
}
