using System.Net;
using System.Text;

namespace ResponsePortal.Notifications;

/// <summary>One mail's content in a language-neutral shape, rendered to both plain text and HTML from the same lines.</summary>
public sealed record MailContent(string Subject, IReadOnlyList<string> Paragraphs, IReadOnlyList<(string Label, string Url)> Links, string Footer);

public static class MailComposer
{
    public static (string Text, string Html) Render(MailContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        foreach (var paragraph in content.Paragraphs)
        {
            text.Append(paragraph).Append("\r\n\r\n");
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
        }

        foreach (var (label, url) in content.Links)
        {
            text.Append(label).Append(": ").Append(url).Append("\r\n");
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(url)).Append("\">").Append(WebUtility.HtmlEncode(label)).Append("</a></p>");
        }

        text.Append("\r\n-- \r\n").Append(content.Footer).Append("\r\n");
        html.Append("<hr><p style=\"color:#666\">").Append(WebUtility.HtmlEncode(content.Footer)).Append("</p></body></html>");
        return (text.ToString(), html.ToString());
    }
}
