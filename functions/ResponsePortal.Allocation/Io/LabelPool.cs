using System.Text.Json;

namespace ResponsePortal.Allocation.Io;

/// <summary>
/// Interns the few distinct labels (categories, certifications, skills) of a scenario: 200,000 listings repeat a few dozen
/// strings, so one instance each saves allocations and memory and makes ordinal comparisons hit the reference check.
/// </summary>
internal sealed class LabelPool
{
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public LabelPool() => _lookup = _labels.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Read(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > 256)
        {
            return Intern(reader.GetString()!);
        }

        Span<char> buffer = stackalloc char[256];
        var length = reader.CopyString(buffer);
        var text = buffer[..length];
        if (_lookup.TryGetValue(text, out var label))
        {
            return label;
        }

        label = text.ToString();
        _labels.Add(label, label);
        return label;
    }

    private string Intern(string text)
    {
        if (_labels.TryGetValue(text, out var label))
        {
            return label;
        }

        _labels.Add(text, text);
        return text;
    }
}
