using System.Security.Cryptography;
using System.Text;
using ResponsePortal.Blobs;
using ResponsePortal.Listings;

namespace ResponsePortal.Attachments;

/// <summary>One stored certificate: its id (in URLs), a readable file name and what the bytes were recognised as.</summary>
public sealed record ListingAttachment(string Id, string FileName, string ContentType, long Size);

/// <summary>The outcome of an upload: stored, or refused for a reason the poster can fix (nothing stored then).</summary>
public abstract record AttachmentUploadOutcome
{
    private AttachmentUploadOutcome() { }

    public sealed record Stored(ListingAttachment Attachment) : AttachmentUploadOutcome;

    public sealed record Refused(string Code, FieldError Error) : AttachmentUploadOutcome;
}

/// <summary>
/// Certificates of a listing as blobs in <see cref="BlobContainers.Attachments"/>, named
/// <c>{listingId}/{attachmentId}-{safe file name}{ext}</c>: the listing's attachments are one prefix list, the readable
/// name survives without metadata the blob port does not have, and the extension comes from the recognised content,
/// never from the uploaded name. Only through <see cref="IBlobStore"/>, so it works embedded and on Azure alike.
/// </summary>
public sealed class ListingAttachments(IBlobStore blobs)
{
    /// <summary>A test report, a CE declaration, a data sheet or two per product: ten leaves room without inviting a file dump.</summary>
    public const int MaxPerListing = 10;

    /// <summary>The form field (multipart) and the error key in problem+json.</summary>
    public const string FileField = "file";

    public async Task<IReadOnlyList<ListingAttachment>> ListAsync(string listingId, CancellationToken cancellationToken)
    {
        var entries = await blobs.ListAsync(BlobContainers.Attachments, listingId + "/", cancellationToken);
        return [.. entries.Select(e => Parse(listingId, e)).OfType<ListingAttachment>()];
    }

    /// <summary>Classifies first and stores only what passes; the count check and the put are not atomic, so two
    /// simultaneous uploads may end one above the limit, which is harmless for a soft cap on a poster's own listing.</summary>
    public async Task<AttachmentUploadOutcome> AddAsync(string listingId, ReadOnlyMemory<byte> content, string? fileName, CancellationToken cancellationToken)
    {
        var verdict = AttachmentCheck.Classify(content.Span);
        if (verdict is not AttachmentVerdict.Accepted accepted)
        {
            var code = verdict is AttachmentVerdict.Rejected rejected ? rejected.Code : "unsupported-type";
            return new AttachmentUploadOutcome.Refused(code, AttachmentTexts.ErrorFor(code));
        }

        if ((await ListAsync(listingId, cancellationToken)).Count >= MaxPerListing)
        {
            return new AttachmentUploadOutcome.Refused("too-many", AttachmentTexts.ErrorFor("too-many"));
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var name = $"{listingId}/{id}-{SafeStem(fileName)}{accepted.Extension}";
        await blobs.PutAsync(BlobContainers.Attachments, name, content, accepted.ContentType, cancellationToken);
        return new AttachmentUploadOutcome.Stored(new ListingAttachment(id, DisplayName(name, listingId), accepted.ContentType, content.Length));
    }

    /// <summary>The attachment's bytes and file name, or null when the listing has no such attachment.</summary>
    public async Task<(ListingAttachment Attachment, BlobContent Content)?> GetAsync(string listingId, string attachmentId, CancellationToken cancellationToken)
    {
        if (await FindNameAsync(listingId, attachmentId, cancellationToken) is not { } entry
            || await blobs.GetAsync(BlobContainers.Attachments, entry.Name, cancellationToken) is not { } content)
        {
            return null;
        }

        return (Parse(listingId, entry)!, content);
    }

    public async Task<bool> DeleteAsync(string listingId, string attachmentId, CancellationToken cancellationToken) =>
        await FindNameAsync(listingId, attachmentId, cancellationToken) is { } entry
        && await blobs.DeleteAsync(BlobContainers.Attachments, entry.Name, cancellationToken);

    private async Task<BlobEntry?> FindNameAsync(string listingId, string attachmentId, CancellationToken cancellationToken)
    {
        // Ids are 12 lowercase hex digits; anything else cannot name a blob of ours (and never reaches the prefix list).
        if (attachmentId.Length != 12 || !attachmentId.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var entries = await blobs.ListAsync(BlobContainers.Attachments, $"{listingId}/{attachmentId}-", cancellationToken);
        return entries.Count > 0 ? entries[0] : null;
    }

    private static ListingAttachment? Parse(string listingId, BlobEntry entry)
    {
        var local = entry.Name[(listingId.Length + 1)..];
        return local.Length > 13 && local[12] == '-'
            ? new ListingAttachment(local[..12], DisplayName(entry.Name, listingId), entry.ContentType, entry.Size)
            : null;
    }

    private static string DisplayName(string blobName, string listingId) => blobName[(listingId.Length + 1 + 13)..];

    /// <summary>The uploaded name without its extension, reduced to letters, digits, '-' and '_' (at most 60), so it is
    /// a safe blob name segment and a safe Content-Disposition file name; "certificate" when nothing is left.</summary>
    public static string SafeStem(string? fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName((fileName ?? "").Replace('\\', '/')));
        var safe = new StringBuilder();
        foreach (var c in stem.Normalize(NormalizationForm.FormKD))
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                safe.Append(c);
            }
            else if (c is ' ' or '.' && safe.Length > 0 && safe[^1] != '-')
            {
                safe.Append('-');
            }

            if (safe.Length >= 60)
            {
                break;
            }
        }

        var result = safe.ToString().Trim('-');
        return result.Length > 0 ? result : "certificate";
    }
}
