using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ResponsePortal.Blobs.Rest;

/// <summary>
/// The blob port on Blob Storage's REST API, over Azure.Core's HttpPipeline (retries with backoff, Entra tokens,
/// logging), because Azure.Storage.Blobs does not restore here (shared/notes/packages.md). Block blobs, one PUT each:
/// attachments are capped at 5 MiB, far below the single-PUT limit.
/// </summary>
public sealed class BlobRestStore : IBlobStore
{
    /// <summary>A version azurite and the service both speak; pinned so responses keep their shape.</summary>
    public const string ServiceVersion = "2021-08-06";

    private static readonly ResponseClassifier Classifier = new StatusCodeClassifier([200, 201, 202, 404, 409]);

    private readonly HttpPipeline _pipeline;
    private readonly Uri _serviceUri;

    public BlobRestStore(Uri serviceUri, HttpPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        // A trailing slash, so relative container paths append instead of replacing the account segment (azurite).
        _serviceUri = serviceUri.AbsoluteUri.EndsWith('/') ? serviceUri : new Uri(serviceUri.AbsoluteUri + "/");
    }

    /// <summary>Entra tokens for https://storage.azure.com/ (managed identity in Azure).</summary>
    public static BlobRestStore WithToken(Uri serviceUri, TokenCredential credential) =>
        new(serviceUri, HttpPipelineBuilder.Build(
            new BlobRestClientOptions(), [], [new BearerTokenAuthenticationPolicy(credential, "https://storage.azure.com/.default")], Classifier));

    /// <summary>Shared Key: azurite's devstoreaccount1 only.</summary>
    public static BlobRestStore WithSharedKey(Uri serviceUri, string accountName, string accountKey) =>
        new(serviceUri, HttpPipelineBuilder.Build(
            new BlobRestClientOptions(), [], [new SharedKeyPolicy(accountName, accountKey)], Classifier));

    public static BlobRestStore Create(BlobRestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uri = options.ServiceUri
            ?? throw new InvalidOperationException($"{BlobRestOptions.SectionName}:ServiceUri (app setting {BlobRestOptions.SectionName}__serviceUri) is not set.");
        return string.IsNullOrEmpty(options.AccountKey)
            ? WithToken(uri, Store.Cosmos.CosmosClientFactory.Credential(options.ClientId))
            : WithSharedKey(uri, options.AccountName ?? "devstoreaccount1", options.AccountKey);
    }

    public async Task CreateContainersAsync(IEnumerable<string> containers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(containers);
        foreach (var container in containers)
        {
            BlobNames.ValidateContainer(container);
            using var message = NewMessage(RequestMethod.Put, container, null, "restype=container");
            await SendAsync(message, cancellationToken, 201, 409).ConfigureAwait(false); // 409: exists already
        }
    }

    public async Task PutAsync(string container, string name, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        BlobNames.Validate(container, name);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        using var message = NewMessage(RequestMethod.Put, container, name, null);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Headers.SetValue("Content-Type", contentType);
        message.Request.Content = RequestContent.Create(content);
        await SendAsync(message, cancellationToken, 201).ConfigureAwait(false);
    }

    public async Task<BlobContent?> GetAsync(string container, string name, CancellationToken cancellationToken)
    {
        BlobNames.Validate(container, name);
        using var message = NewMessage(RequestMethod.Get, container, name, null);
        var response = await SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
        if (response.Status == 404)
        {
            return null;
        }

        var contentType = response.Headers.ContentType ?? "application/octet-stream";
        return new BlobContent(response.Content.ToMemory(), contentType);
    }

    public async Task<IReadOnlyList<BlobEntry>> ListAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        BlobNames.ValidatePrefix(container, prefix);
        var entries = new List<BlobEntry>();
        string? marker = null;
        do
        {
            var query = new StringBuilder("restype=container&comp=list");
            if (prefix.Length > 0)
            {
                query.Append("&prefix=").Append(Uri.EscapeDataString(prefix));
            }

            if (marker is not null)
            {
                query.Append("&marker=").Append(Uri.EscapeDataString(marker));
            }

            using var message = NewMessage(RequestMethod.Get, container, null, query.ToString());
            var response = await SendAsync(message, cancellationToken, 200, 404).ConfigureAwait(false);
            if (response.Status == 404)
            {
                return []; // no container, no blobs: as in the folder store
            }

            var document = XDocument.Parse(response.Content.ToString());
            var root = document.Root ?? throw new InvalidDataException("A blob list answer had no root element.");
            foreach (var blob in root.Element("Blobs")?.Elements("Blob") ?? [])
            {
                var properties = blob.Element("Properties");
                entries.Add(new BlobEntry(
                    blob.Element("Name")?.Value ?? throw new InvalidDataException("A listed blob had no name."),
                    long.Parse(properties?.Element("Content-Length")?.Value ?? "0", CultureInfo.InvariantCulture),
                    properties?.Element("Content-Type")?.Value is { Length: > 0 } type ? type : "application/octet-stream"));
            }

            marker = root.Element("NextMarker")?.Value is { Length: > 0 } next ? next : null;
        }
        while (marker is not null);

        // The service lists in UTF-8 byte order; ordinal order on .NET strings (UTF-16) can differ beyond the BMP.
        entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    public async Task<bool> DeleteAsync(string container, string name, CancellationToken cancellationToken)
    {
        BlobNames.Validate(container, name);
        using var message = NewMessage(RequestMethod.Delete, container, name, null);
        var response = await SendAsync(message, cancellationToken, 202, 404).ConfigureAwait(false);
        return response.Status == 202;
    }

    private HttpMessage NewMessage(RequestMethod method, string container, string? name, string? query)
    {
        var message = _pipeline.CreateMessage();
        var path = container + (name is null ? "" : "/" + string.Join('/', name.Split('/').Select(Uri.EscapeDataString)));
        var builder = new UriBuilder(new Uri(_serviceUri, path));
        if (query is not null)
        {
            builder.Query = query;
        }

        message.Request.Method = method;
        message.Request.Uri.Reset(builder.Uri);
        message.Request.Headers.SetValue("x-ms-version", ServiceVersion);
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (!expected.Contains(response.Status))
        {
            throw new RequestFailedException(response);
        }

        return response;
    }

    private sealed class BlobRestClientOptions : ClientOptions
    {
        public BlobRestClientOptions()
        {
            Retry.MaxRetries = 5;
            Retry.Mode = RetryMode.Exponential;
            Diagnostics.IsLoggingContentEnabled = false;
        }
    }
}
