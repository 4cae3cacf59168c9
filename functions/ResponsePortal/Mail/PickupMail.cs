using System.Text;
using System.Text.RegularExpressions;

namespace ResponsePortal.Mail;

/// <summary>One mail in the pickup folder as the admin page shows it: key (file name), recipient, subject, time, text.</summary>
public sealed record PickupMail(string Key, string To, string Subject, DateTimeOffset WrittenAt, string Text);

/// <summary>
/// Reads the .eml files <see cref="PickupFolderMailSender"/> writes (headers, RFC 2047 subjects, the base64 or
/// quoted-printable text part), for the admin's view of what the portal sent. Not a general MIME parser: it reads what
/// <see cref="MailMessages"/> builds.
/// </summary>
public static partial class PickupMailReader
{
    /// <summary>The newest <paramref name="max"/> mails, newest first; the text is left empty (read one mail for it).</summary>
    public static IReadOnlyList<PickupMail> List(string folder, int max)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return new DirectoryInfo(folder).GetFiles("*.eml")
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Take(max)
            .Select(f => TryRead(f, withText: false))
            .OfType<PickupMail>()
            .ToList();
    }

    /// <summary>The mail stored under <paramref name="key"/>, or null when there is none (or the key is not a plain file name).</summary>
    public static PickupMail? Find(string folder, string key)
    {
        if (string.IsNullOrEmpty(key) || key.StartsWith('.') || Path.GetFileName(key) != key || key.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            return null;
        }

        var file = new FileInfo(Path.Combine(folder, PickupFolderMailSender.FileNameFor(key)));
        return file.Exists ? TryRead(file, withText: true) : null;
    }

    private static PickupMail? TryRead(FileInfo file, bool withText)
    {
        string raw;
        try
        {
            raw = File.ReadAllText(file.FullName);
        }
        catch (IOException)
        {
            return null; // deleted by an operator between listing and reading
        }

        return Parse(Path.GetFileNameWithoutExtension(file.Name), raw, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero), withText, useDateHeader: false);
    }

    /// <summary>
    /// One mail from its .eml text. The time is the Date header when <paramref name="useDateHeader"/> (archived copies,
    /// whose blobs carry no file time), otherwise or when it cannot be read <paramref name="writtenAt"/>.
    /// </summary>
    public static PickupMail Parse(string key, string raw, DateTimeOffset writtenAt, bool withText, bool useDateHeader = true)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var headerEnd = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var crlf and >= 0 ? crlf : raw.IndexOf("\n\n", StringComparison.Ordinal);
        var headers = Unfold(headerEnd >= 0 ? raw[..headerEnd] : raw);
        return new PickupMail(
            key,
            DecodeWords(Header(headers, "To")),
            DecodeWords(Header(headers, "Subject")),
            (useDateHeader ? DateHeader(Header(headers, "Date")) : null) ?? writtenAt,
            withText ? MaskCredentials(TextPart(raw)) : "");
    }

    /// <summary>RFC 5322 dates as System.Net.Mail writes them ("Sat, 21 Nov 2026 13:45:29 +0000").</summary>
    private static DateTimeOffset? DateHeader(string value) =>
        MailDate().Match(value) is { Success: true } m
        && DateTimeOffset.TryParseExact($"{m.Groups[1].Value} {m.Groups[2].Value}:{m.Groups[3].Value}", "d MMM yyyy HH:mm:ss zzz",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>
    /// Sign-in links and accept/decline links are credentials of their recipients: the admin sees that a mail carried
    /// one, not the secret itself (the token or signature is replaced).
    /// </summary>
    public static string MaskCredentials(string text) => CredentialParameter().Replace(text, "${name}=…");

    private static string Unfold(string headers) => FoldedLine().Replace(headers, " ");

    private static string Header(string headers, string name) =>
        Regex.Match(headers, "^" + name + @":[ \t]*(.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase).Groups[1].Value.Trim();

    /// <summary>RFC 2047 encoded words (=?utf-8?B?…?= and =?utf-8?Q?…?=); adjacent words are joined without the space between them.</summary>
    public static string DecodeWords(string value)
    {
        var joined = BetweenWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, match =>
        {
            Encoding encoding;
            try
            {
                encoding = Encoding.GetEncoding(match.Groups["charset"].Value);
            }
            catch (ArgumentException)
            {
                return match.Value;
            }

            var text = match.Groups["text"].Value;
            var bytes = string.Equals(match.Groups["encoding"].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(text)
                : QuotedPrintable(text.Replace('_', ' '));
            return encoding.GetString(bytes);
        });
    }

    private static string TextPart(string raw)
    {
        // The text/plain part's headers, then a blank line, then its body up to the next boundary.
        var match = TextPlainPart().Match(raw);
        if (!match.Success)
        {
            return "";
        }

        var body = match.Groups["body"].Value;
        var transfer = match.Groups["headers"].Value;
        if (transfer.Contains("base64", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c)))));
            }
            catch (FormatException)
            {
                return body;
            }
        }

        return transfer.Contains("quoted-printable", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(QuotedPrintable(SoftLineBreak().Replace(body, "")))
            : body;
    }

    private static byte[] QuotedPrintable(string text)
    {
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"(?<name>token|sig)=[^&\s""'<>]+", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialParameter();

    [GeneratedRegex(@"(\d{1,2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2}) ([+-]\d{2})(\d{2})")]
    private static partial Regex MailDate();

    [GeneratedRegex(@"\r?\n[ \t]+")]
    private static partial Regex FoldedLine();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"Content-Type:\s*text/plain(?<headers>[^\r\n]*(?:\r?\n[^\r\n]+)*?)\r?\n\r?\n(?<body>.*?)(?=\r?\n--|\z)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TextPlainPart();

    [GeneratedRegex(@"=\r?\n")]
    private static partial Regex SoftLineBreak();
}
