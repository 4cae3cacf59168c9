using System.Text.Json;

namespace ResponsePortal.Listings;

/// <summary>
/// Property names of one JSON object to field numbers, looked up without making a string of the name: the name is
/// unescaped into a stack buffer and found through the dictionary's span lookup.
/// </summary>
internal sealed class JsonFieldTable
{
    // Longer than any known name even when every character is written as a \uXXXX escape (6 bytes each).
    private const int MaxNameBytes = 256;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public JsonFieldTable(IEnumerable<(string Name, int Field)> fields) =>
        _lookup = fields.ToDictionary(f => f.Name, f => f.Field, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The field number of the property name the reader is at, or -1 for a name that is not a field.</summary>
    public int Find(ref Utf8JsonReader reader)
    {
        if (reader.ValueSpan.Length > MaxNameBytes)
        {
            return -1;
        }

        Span<char> name = stackalloc char[MaxNameBytes];
        int length;
        try
        {
            length = reader.CopyString(name);
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") is valid JSON but no field's name.
            return -1;
        }

        return _lookup.TryGetValue(name[..length], out var field) ? field : -1;
    }
}
