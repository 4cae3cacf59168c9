using System.Text.Json;

namespace ResponsePortal.Functions;

/// <summary>
/// What the Functions host POSTs to a custom handler at <c>/{FunctionName}</c> for a non-HTTP trigger:
/// <c>{"Data": {binding name: value}, "Metadata": {trigger metadata…, "sys": {…}}}</c>.
/// The host serialises string-typed inputs (a Service Bus body, the Cosmos DB change feed batch) as JSON strings,
/// sometimes a JSON string holding another JSON-encoded string, so the accessors unwrap string layers.
/// </summary>
public sealed class FunctionInvocation
{
    private const int MaxStringLayers = 3;

    private FunctionInvocation(JsonElement data, JsonElement metadata)
    {
        Data = data;
        Metadata = metadata;
    }

    /// <summary>The trigger and input bindings, by binding name (function.json "name").</summary>
    public JsonElement Data { get; }

    /// <summary>Trigger metadata (e.g. DeliveryCount, MessageId for Service Bus) and "sys" (MethodName, UtcNow, RandGuid).</summary>
    public JsonElement Metadata { get; }

    /// <exception cref="FormatException">The body is not an invocation request.</exception>
    public static FunctionInvocation Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("An invocation request is a JSON object.");
            }

            var data = Property(root, "Data");
            var metadata = Property(root, "Metadata");
            return new FunctionInvocation(
                data is { ValueKind: JsonValueKind.Object } d ? d.Clone() : EmptyObject(),
                metadata is { ValueKind: JsonValueKind.Object } m ? m.Clone() : EmptyObject());
        }
        catch (JsonException e)
        {
            throw new FormatException("An invocation request must be JSON: " + e.Message, e);
        }
    }

    /// <summary>
    /// The named input as text, with JSON string encodings removed: a Service Bus message body arrives as
    /// <c>"{\"listingId\":\"…\"}"</c> or doubly encoded; an object or array input is returned as its JSON text.
    /// </summary>
    public string Text(string binding)
    {
        var value = Input(binding);
        for (var layer = 0; value.ValueKind == JsonValueKind.String && layer < MaxStringLayers; layer++)
        {
            var text = value.GetString()!;
            if (!LooksLikeJsonString(text))
            {
                return text;
            }

            using var inner = JsonDocument.Parse(text);
            value = inner.RootElement.Clone();
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }

    /// <summary>
    /// The named input as JSON, parsing string layers: the Cosmos DB trigger's batch arrives as a string holding a
    /// JSON array of documents.
    /// </summary>
    public JsonElement Json(string binding)
    {
        var value = Input(binding);
        for (var layer = 0; value.ValueKind == JsonValueKind.String && layer < MaxStringLayers; layer++)
        {
            try
            {
                using var inner = JsonDocument.Parse(value.GetString()!);
                value = inner.RootElement.Clone();
            }
            catch (JsonException)
            {
                break; // plain text: that is the value
            }
        }

        return value;
    }

    /// <summary>Service Bus: how often this message was delivered (1 on the first attempt), when the host says.</summary>
    public int? DeliveryCount =>
        Property(Metadata, "DeliveryCount") is { } count && count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var n) ? n : null;

    private JsonElement Input(string binding) =>
        Property(Data, binding) ?? throw new FormatException($"The invocation has no input '{binding}'.");

    /// <summary>A JSON-encoded string is itself a JSON string literal: starts and ends with a quote.</summary>
    private static bool LooksLikeJsonString(string text)
    {
        var trimmed = text.AsSpan().Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"';
    }

    /// <summary>Binding and metadata names are matched case-insensitively, as the host itself does.</summary>
    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static JsonElement EmptyObject()
    {
        using var empty = JsonDocument.Parse("{}");
        return empty.RootElement.Clone();
    }
}
