using System.Text;
using System.Text.RegularExpressions;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Pipeline;

/// <summary>A mail read back from the pickup folder: headers, and the decoded text and HTML parts.</summary>
public sealed record PickedUpMail(string Key, string Raw, string To, string MessageId, string Text, string Html)
{
    public override string ToString() => Key;

    public string Link(string action) =>
        Regex.Match(Text, @"https?://\S+action=" + action + @"\S*").Value is { Length: > 0 } link ? link
            : throw new InvalidOperationException($"No {action} link in mail {Key}:\n{Text}");
}

/// <summary>Reads the pickup folder the portal writes .eml files to.</summary>
public static partial class PickupMailbox
{
    public static string FolderOf(string dataDirectory) => Path.Combine(dataDirectory, "mail-pickup");

    public static IReadOnlyList<PickedUpMail> Read(string dataDirectory)
    {
        var folder = FolderOf(dataDirectory);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).Select(Parse).ToList();
    }

    /// <summary>
    /// Polls until <paramref name="condition"/> holds for the mails; returns at once when it does, fails after
    /// <paramref name="timeout"/> (default: <see cref="Eventually.Patience"/>, generous for a loaded CI machine).
    /// </summary>
    public static Task<IReadOnlyList<PickedUpMail>> WaitForAsync(string dataDirectory, Func<IReadOnlyList<PickedUpMail>, bool> condition, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => Task.FromResult(Read(dataDirectory)), condition, "mails in the pickup folder to meet the condition", timeout);

    public static PickedUpMail Parse(string path)
    {
        var raw = File.ReadAllText(path);
        var key = Path.GetFileNameWithoutExtension(path);
        var parts = Base64Part().Matches(raw);
        string text = "", html = "";
        foreach (Match part in parts)
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(part.Groups["body"].Value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)));
            if (part.Groups["type"].Value == "text/plain")
            {
                text = decoded;
            }
            else
            {
                html = decoded;
            }
        }

        return new PickedUpMail(key, raw, Header(raw, "To"), Header(raw, "Message-ID"), text, html);
    }

    private static string Header(string raw, string name) =>
        Regex.Match(raw, "^" + name + @":\s*(.*)$", RegexOptions.Multiline | RegexOptions.IgnoreCase).Groups[1].Value.Trim();

    [GeneratedRegex(@"Content-Type:\s*(?<type>text/(plain|html))[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*?Content-Transfer-Encoding:\s*base64\r?\n\r?\n(?<body>[A-Za-z0-9+/=\r\n]+?)(\r?\n--|\r?\n\r?\n|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Base64Part();
}
