namespace ResponsePortal.Functions;

/// <summary>
/// Runs one function: called by the host with an invocation, answers with its outputs.
/// Returns the outputs to send, or throws to fail the invocation.
/// </summary>
public delegate Task<FunctionResult> FunctionHandler(FunctionInvocation invocation, IServiceProvider services, CancellationToken cancellationToken);

public static partial class FunctionInvocationEndpoints
{
    /// <summary>
    /// Maps <c>POST /{functionName}</c>, where the Functions host delivers non-HTTP triggers to a custom handler.
    /// A handler that throws answers 500: the host then fails the invocation, so Service Bus redelivers the message
    /// and dead-letters it after maxDeliveryCount (infra/modules/servicebus.bicep); the change feed retries the batch.
    /// </summary>
    public static IEndpointConventionBuilder MapFunctionInvocation(this IEndpointRouteBuilder routes, string functionName, FunctionHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return routes.MapPost("/" + functionName, async (HttpContext http, ILoggerFactory loggers, CancellationToken cancellationToken) =>
            {
                // The public catch-all (Portal) forwards outside requests to the same handler process; those carry the
                // front end's forwarding headers, the host's own invocation requests do not. App Service auth
                // (infra: not a public path) is the first gate, this is the second.
                if (IsForwardedFromOutside(http.Request))
                {
                    return Results.NotFound();
                }

                var logger = loggers.CreateLogger("ResponsePortal.Functions." + functionName);
                FunctionInvocation invocation;
                try
                {
                    using var body = new MemoryStream();
                    await http.Request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
                    invocation = FunctionInvocation.Parse(body.ToArray());
                }
                catch (FormatException e)
                {
                    NotUnderstood(logger, e, functionName);
                    return Results.BadRequest();
                }

                try
                {
                    var result = await handler(invocation, http.RequestServices, cancellationToken).ConfigureAwait(false);
                    return Results.Bytes(result.ToUtf8Json(), "application/json");
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Failed(logger, e, functionName, invocation.DeliveryCount);
                    var failed = new FunctionResult().Log($"{functionName} failed: {e.GetType().Name}: {e.Message}");
                    return Results.Content(System.Text.Encoding.UTF8.GetString(failed.ToUtf8Json()), "application/json", System.Text.Encoding.UTF8, StatusCodes.Status500InternalServerError);
                }
            })
            .ExcludeFromDescription()
            .DisableAntiforgery();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation of {Function} was not understood")]
    private static partial void NotUnderstood(ILogger logger, Exception exception, string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed (delivery {DeliveryCount})")]
    private static partial void Failed(ILogger logger, Exception exception, string function, int? deliveryCount);

    internal static bool IsForwardedFromOutside(HttpRequest request) =>
        request.Headers.ContainsKey("X-Forwarded-For")
        || request.Headers.ContainsKey("X-ARR-LOG-ID")
        || request.Headers.ContainsKey("X-Original-URL");
}
