namespace ResponsePortal.Hosting;

/// <summary>
/// Reads a JSON request body into memory with a hard size limit, answering 413 or 415 as problem+json
/// instead of letting an oversized or mistyped body reach the parser.
/// </summary>
public static class RequestBody
{
    public sealed record Result(ReadOnlyMemory<byte> Bytes, IResult? Problem);

    public static async Task<Result> ReadJsonAsync(HttpRequest request, int maxBytes, string language, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return new Result(default, Problems.Status(StatusCodes.Status415UnsupportedMediaType, language,
                "Send the listing as JSON with Content-Type: application/json.",
                "Senden Sie den Eintrag als JSON mit Content-Type: application/json."));
        }

        if (request.ContentLength > maxBytes)
        {
            return new Result(default, TooLarge(maxBytes, language));
        }

        if (request.ContentLength is { } length)
        {
            return await ReadExactAsync(request, (int)length, language, ct);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return new Result(default, TooLarge(maxBytes, language));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e)
        {
            // The client broke off or sent a malformed chunked body: its fault, not a server error.
            return new Result(default, Problems.Status(e.StatusCode, language, "The request body could not be read.", "Der Inhalt der Anfrage konnte nicht gelesen werden."));
        }

        return new Result(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }

    /// <summary>
    /// The usual case, a Content-Length: one array of exactly that size, filled straight from the body (no 8 KiB chunk,
    /// no growing stream and no copy). Kestrel already refuses a body that ends before or runs past its Content-Length.
    /// </summary>
    private static async Task<Result> ReadExactAsync(HttpRequest request, int length, string language, CancellationToken ct)
    {
        var bytes = length == 0 ? [] : new byte[length];
        try
        {
            var filled = 0;
            while (filled < length)
            {
                var read = await request.Body.ReadAsync(bytes.AsMemory(filled), ct);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }

            if (filled < length)
            {
                return new Result(default, Problems.Status(StatusCodes.Status400BadRequest, language, "The request body could not be read.", "Der Inhalt der Anfrage konnte nicht gelesen werden."));
            }
        }
        catch (BadHttpRequestException e)
        {
            return new Result(default, Problems.Status(e.StatusCode, language, "The request body could not be read.", "Der Inhalt der Anfrage konnte nicht gelesen werden."));
        }

        return new Result(bytes, null);
    }

    private static IResult TooLarge(int maxBytes, string language) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, language,
            $"The body is larger than {maxBytes / 1024} KiB. A listing needs far less: shorten the description.",
            $"Der Inhalt ist größer als {maxBytes / 1024} KiB. Ein Eintrag braucht viel weniger: kürzen Sie die Beschreibung.");
}
