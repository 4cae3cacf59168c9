using System.Text;

namespace ResponsePortal.Blobs.Folder;

/// <summary>
/// The blob port on a folder (embedded mode): <c>{root}/{container}/{name}</c>, the content type beside it in
/// <c>{name}.content-type</c>. Writes go to a temporary file first and are moved into place, so a reader never sees
/// half a file, and are flushed to disk before the task completes.
/// </summary>
public sealed class FolderBlobStore : IBlobStore
{
    /// <summary>Sidecar suffix; names ending in it are refused so a blob cannot collide with another's sidecar.</summary>
    internal const string ContentTypeSuffix = ".content-type";

    private const string TemporarySuffix = ".partial";

    private readonly string _root;

    public FolderBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _root = Path.GetFullPath(root);
    }

    public async Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var path = PathOf(container, name);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await WriteAtomicallyAsync(path + ContentTypeSuffix, Encoding.UTF8.GetBytes(contentType), cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(path, content, cancellationToken).ConfigureAwait(false);
    }

    public async Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken)
    {
        var path = PathOf(container, name);
        try
        {
            var data = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            return new BlobContent(data, await ReadContentTypeAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<BlobEntry>> ListAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        BlobNames.ValidatePrefix(container, prefix);
        var root = Path.Combine(_root, container);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var entries = new List<BlobEntry>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(ContentTypeSuffix, StringComparison.Ordinal) || file.EndsWith(TemporarySuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                entries.Add(new BlobEntry(name, new FileInfo(file).Length, await ReadContentTypeAsync(file, cancellationToken).ConfigureAwait(false)));
            }
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    public Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken)
    {
        var path = PathOf(container, name);
        var existed = File.Exists(path);
        File.Delete(path);
        File.Delete(path + ContentTypeSuffix);
        return Task.FromResult(existed);
    }

    private string PathOf(string container, string name)
    {
        BlobNames.Validate(container, name);
        if (name.EndsWith(ContentTypeSuffix, StringComparison.Ordinal) || name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Blob names ending in '{ContentTypeSuffix}' or '{TemporarySuffix}' are reserved by the folder store.", nameof(name));
        }

        var path = Path.GetFullPath(Path.Combine(_root, container, name.Replace('/', Path.DirectorySeparatorChar)));
        // Validate() already rules out "..": this is the belt to its braces.
        if (!path.StartsWith(Path.Combine(_root, container) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' leaves the container folder.", nameof(name));
        }

        return path;
    }

    private static async Task<string> ReadContentTypeAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path + ContentTypeSuffix, cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return "application/octet-stream";
        }
    }

    private static async Task WriteAtomicallyAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + TemporarySuffix;
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary); // a cancelled or failed write leaves nothing behind
            throw;
        }
    }
}
