using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResponsePortal.Functions;

/// <summary>
/// The custom handler's answer to an invocation: <c>{"Outputs": {binding name: value}, "Logs": [...], "ReturnValue": …}</c>.
/// The host hands each output to its binding: a string is one Service Bus message body, an array of strings is one
/// message per element. Logs end up in Application Insights under the invocation.
/// </summary>
public sealed class FunctionResult
{
    private readonly Dictionary<string, JsonNode?> _outputs = new(StringComparer.Ordinal);
    private readonly List<string> _logs = [];

    public JsonNode? ReturnValue { get; set; }

    public IReadOnlyDictionary<string, JsonNode?> Outputs => _outputs;

    public IReadOnlyList<string> Logs => _logs;

    /// <summary>Messages for a Service Bus output binding: one message per body, sent only if the invocation succeeds.</summary>
    public FunctionResult Messages(string binding, IEnumerable<string> bodies)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        _outputs[binding] = new JsonArray([.. bodies.Select(b => (JsonNode?)JsonValue.Create(b))]);
        return this;
    }

    public FunctionResult Output(string binding, JsonNode? value)
    {
        _outputs[binding] = value;
        return this;
    }

    public FunctionResult Log(string message)
    {
        _logs.Add(message);
        return this;
    }

    public byte[] ToUtf8Json()
    {
        var outputs = new JsonObject();
        foreach (var (name, value) in _outputs)
        {
            outputs[name] = value?.DeepClone();
        }

        var root = new JsonObject
        {
            [nameof(Outputs)] = outputs,
            [nameof(Logs)] = new JsonArray([.. _logs.Select(l => (JsonNode?)JsonValue.Create(l))]),
            [nameof(ReturnValue)] = ReturnValue?.DeepClone(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(root);
    }
}
