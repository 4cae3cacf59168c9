using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using ResponsePortal.Blobs;

namespace ResponsePortal.Attachments;

/// <summary>
/// Reads one uploaded file from an API request: multipart/form-data (the field <c>file</c>) or the raw bytes as the
/// body (name in <c>?name=</c>). The body is read with a hard limit, so an oversized upload is refused after at most
/// the limit plus a little, never buffered whole, and never reaches a parser that could throw (a 500).
/// </summary>
public static class AttachmentUpload
{
    /// <summary>Room for multipart boundaries and part headers around a file of the maximum size.</summary>
    public const long MaxBodyBytes = AttachmentCheck.MaxBytes + 64 * 1024;

    /// <summary>The file, or <see cref="Failure"/>: the code saying why there is none ("too-large": answer 413,
    /// "unreadable": 400, "no-file": a field error).</summary>
    public sealed record Result(ReadOnlyMemory<byte> Content, string? FileName, string? Failure);

    public static async Task<Result> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > MaxBodyBytes)
        {
            return Failed("too-large");
        }

        byte[]? body;
        try
        {
            body = await ReadBoundedAsync(request.Body, MaxBodyBytes, cancellationToken);
        }
        catch (BadHttpRequestException)
        {
            // The client broke off or sent a malformed chunked body.
            return Failed("unreadable");
        }

        if (body is null)
        {
            return Failed("too-large");
        }

        if (!request.HasFormContentType)
        {
            var raw = body.Length > AttachmentCheck.MaxBytes ? null : body;
            return raw is null ? Failed("too-large") : new Result(raw, request.Query["name"].ToString(), null);
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Failed("no-file");
        }

        try
        {
            var reader = new MultipartReader(boundary, new MemoryStream(body));
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.IsFileDisposition()
                    && disposition.Name.Value == ListingAttachments.FileField)
                {
                    var file = await ReadBoundedAsync(section.Body, AttachmentCheck.MaxBytes, cancellationToken);
                    return file is null ? Failed("too-large") : new Result(file, FileNameOf(disposition), null);
                }
            }
        }
        catch (IOException)
        {
            // A malformed multipart body (missing end boundary, oversized headers): the client's mistake, not ours.
        }
        catch (InvalidDataException)
        {
        }

        return Failed("no-file");
    }

    /// <summary>filename* (RFC 5987, UTF-8) when the client sent it, as browsers and HttpClient do for non-ASCII names.</summary>
    private static string? FileNameOf(ContentDispositionHeaderValue disposition) =>
        disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;

    private static Result Failed(string code) => new(default, null, code);

    /// <summary>All bytes of <paramref name="stream"/>, or null as soon as there are more than <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
