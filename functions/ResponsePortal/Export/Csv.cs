using System.Text;

namespace ResponsePortal.Export;

/// <summary>
/// RFC 4180 CSV for spreadsheets: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes doubled.
/// Text cells a spreadsheet would run as a formula (starting with = + - @ tab or CR) get a leading apostrophe (OWASP
/// "CSV injection"). Numbers the portal formats itself are written as they are, so negative coordinates stay numbers.
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    private bool _first = true;

    /// <summary>Excel reads UTF-8 only with a byte order mark; everything else ignores it.</summary>
    public static UTF8Encoding Encoding { get; } = new(encoderShouldEmitUTF8Identifier: true);

    public CsvWriter Text(string? value)
    {
        Field(Neutralise(value ?? ""));
        return this;
    }

    public CsvWriter Number(long? value)
    {
        Field(value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return this;
    }

    public CsvWriter Number(double? value)
    {
        Field(value?.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return this;
    }

    public void EndRow()
    {
        writer.Write("\r\n");
        _first = true;
    }

    public void Row(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (var text in texts)
        {
            Text(text);
        }

        EndRow();
    }

    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    public static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private void Field(string value)
    {
        if (!_first)
        {
            writer.Write(',');
        }

        writer.Write(Quote(value));
        _first = false;
    }
}
