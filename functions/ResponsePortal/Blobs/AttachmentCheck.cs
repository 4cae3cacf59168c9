namespace ResponsePortal.Blobs;

/// <summary>
/// Decides whether an uploaded certificate (EN 149 test report, CE declaration) may be stored: PDF, PNG or JPEG,
/// recognised by its first bytes rather than by the file name or the browser's content type, which a client
/// controls; and at most <see cref="MaxBytes"/>. Pure, so it is tested without any storage.
/// </summary>
public static class AttachmentCheck
{
    /// <summary>5 MiB: a scanned certificate fits easily; the Functions HTTP front end caps bodies at 100 MB anyway.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];

    public static AttachmentVerdict Classify(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return new AttachmentVerdict.Rejected("empty", "The file is empty.");
        }

        if (content.Length > MaxBytes)
        {
            return new AttachmentVerdict.Rejected("too-large", $"The file is larger than {MaxBytes / (1024 * 1024)} MiB.");
        }

        if (content.StartsWith(Pdf))
        {
            return new AttachmentVerdict.Accepted("application/pdf", ".pdf");
        }

        if (content.StartsWith(Png))
        {
            return new AttachmentVerdict.Accepted("image/png", ".png");
        }

        if (content.StartsWith(Jpeg))
        {
            return new AttachmentVerdict.Accepted("image/jpeg", ".jpg");
        }

        return new AttachmentVerdict.Rejected("unsupported-type", "Only PDF, PNG and JPEG files are accepted.");
    }
}

public abstract record AttachmentVerdict
{
    private AttachmentVerdict() { }

    /// <param name="ContentType">What the bytes are, to store and serve the blob with.</param>
    /// <param name="Extension">The matching file extension, for the stored name.</param>
    public sealed record Accepted(string ContentType, string Extension) : AttachmentVerdict;

    /// <param name="Code">Stable, for APIs and tests.</param>
    /// <param name="Message">For people (English).</param>
    public sealed record Rejected(string Code, string Message) : AttachmentVerdict;
}
