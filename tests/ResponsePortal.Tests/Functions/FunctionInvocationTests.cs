using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResponsePortal.Functions;

namespace ResponsePortal.Tests.Functions;

/// <summary>The custom handler protocol's payloads, in the shapes the Functions host sends and expects.</summary>
public sealed class FunctionInvocationTests
{
    [Fact]
    public void A_service_bus_body_encoded_twice_is_unwrapped_to_the_body()
    {
        const string body = """{"listingId":"a1"}""";
        var once = JsonSerializer.Serialize(body);
        var request = Request("""{"Data":{"message":""" + JsonSerializer.Serialize(once) + """},"Metadata":{"DeliveryCount":2,"MessageId":"m-1","sys":{"MethodName":"MatchListing"}}}""");

        var invocation = FunctionInvocation.Parse(request);

        Assert.Equal(body, invocation.Text("message"));
        Assert.Equal(2, invocation.DeliveryCount);
    }

    [Fact]
    public void A_body_encoded_once_and_a_plain_text_body_are_read_as_they_are()
    {
        const string body = """{"listingId":"a1"}""";

        Assert.Equal(body, FunctionInvocation.Parse(Request($$$"""{"Data":{"message":{{{JsonSerializer.Serialize(body)}}}},"Metadata":{}}""")).Text("message"));
        Assert.Equal("hello \"world\"", FunctionInvocation.Parse(Request("""{"Data":{"message":"hello \"world\""}}""")).Text("message"));
    }

    [Fact]
    public void An_object_input_is_returned_as_json_text()
    {
        var invocation = FunctionInvocation.Parse(Request("""{"Data":{"message":{"listingId":"a1"}},"Metadata":{}}"""));

        Assert.Equal("""{"listingId":"a1"}""", invocation.Text("message"));
    }

    [Fact]
    public void The_change_feed_batch_arrives_as_a_string_holding_an_array()
    {
        var documents = """[{"id":"a1","side":"Offer","_lsn":5},{"id":"b2","side":"Request"}]""";
        var invocation = FunctionInvocation.Parse(Request("""{"Data":{"documents":""" + JsonSerializer.Serialize(documents) + """},"Metadata":{"sys":{"MethodName":"ListingChanged"}}}"""));

        var batch = invocation.Json("documents");

        Assert.Equal(JsonValueKind.Array, batch.ValueKind);
        Assert.Equal(["a1", "b2"], batch.EnumerateArray().Select(d => d.GetProperty("id").GetString()));
    }

    [Fact]
    public void Binding_names_match_case_insensitively_and_a_missing_one_is_a_format_error()
    {
        var invocation = FunctionInvocation.Parse(Request("""{"data":{"Message":"x"},"metadata":{"deliveryCount":1}}"""));

        Assert.Equal("x", invocation.Text("message"));
        Assert.Equal(1, invocation.DeliveryCount);
        Assert.Throws<FormatException>(() => invocation.Text("other"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void A_body_that_is_no_invocation_is_a_format_error(string body)
    {
        Assert.Throws<FormatException>(() => FunctionInvocation.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void The_result_has_outputs_logs_and_return_value_in_the_hosts_names()
    {
        var result = new FunctionResult()
            .Messages("notify", ["""{"subjectId":"m1","event":"proposed"}""", """{"subjectId":"m2","event":"proposed"}"""])
            .Log("2 matches");
        result.ReturnValue = JsonValue.Create("done");

        using var json = JsonDocument.Parse(result.ToUtf8Json());
        var root = json.RootElement;

        Assert.Equal(
            ["""{"subjectId":"m1","event":"proposed"}""", """{"subjectId":"m2","event":"proposed"}"""],
            root.GetProperty("Outputs").GetProperty("notify").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["2 matches"], root.GetProperty("Logs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("done", root.GetProperty("ReturnValue").GetString());
    }

    [Fact]
    public void An_empty_result_still_has_every_member()
    {
        using var json = JsonDocument.Parse(new FunctionResult().ToUtf8Json());

        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("Logs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ReturnValue").ValueKind);
    }

    [Fact]
    public void Listing_changed_queues_each_changed_listing_once_for_matching()
    {
        var documents = """[{"id":"a1","_lsn":5},{"id":"b2"},{"id":"a1","_lsn":6},{"noId":true}]""";
        var invocation = FunctionInvocation.Parse(Request($$$"""{"Data":{"documents":{{{JsonSerializer.Serialize(documents)}}}},"Metadata":{}}"""));

        var result = ListingChangedFunction.Handle(invocation);

        var bodies = Assert.IsType<JsonArray>(result.Outputs[ListingChangedFunction.MatchOutput]).Select(n => n!.GetValue<string>());
        Assert.Equal(["""{"listingId":"a1"}""", """{"listingId":"b2"}"""], bodies);
    }

    [Fact]
    public void Listing_changed_refuses_a_batch_that_is_not_an_array()
    {
        var invocation = FunctionInvocation.Parse(Request("""{"Data":{"documents":"{\"id\":\"a1\"}"}}"""));

        Assert.Throws<FormatException>(() => ListingChangedFunction.Handle(invocation));
    }

    private static byte[] Request(string json) => Encoding.UTF8.GetBytes(json);
}
