using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ResponsePortal.Hosting;

/// <summary>
/// A JSON answer serialised before anything is sent and written with its Content-Length, so Kestrel sends headers and
/// body together when the request ends. The JSON results of <c>TypedResults</c> stream the body and flush it; Kestrel then
/// sends headers and body as one TCP segment and the end of the chunked body as a second one: one more send for the
/// portal and one more read for the client, per answer, on the intake path (docs/benchmarks.md, session twelve). Serialised
/// with the app's JSON options, like <c>TypedResults</c>, so the body is the same.
/// </summary>
internal sealed class SizedJsonResult<T>(int statusCode, T value, string? location = null) : IResult, IStatusCodeHttpResult, IValueHttpResult<T>
{
    public int StatusCode => statusCode;

    int? IStatusCodeHttpResult.StatusCode => statusCode;

    public T Value => value;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));

        var response = httpContext.Response;
        response.StatusCode = statusCode;
        if (location is not null)
        {
            response.Headers.Location = location;
        }

        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        // Into the response's buffer without a flush: Kestrel sends it when the request completes.
        response.BodyWriter.Write(body);
        return Task.CompletedTask;
    }
}
