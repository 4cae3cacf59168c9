using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace ResponsePortal.Store.Cosmos;

public static class CosmosClientFactory
{
    /// <summary>
    /// Gateway mode: HTTPS on 443 only (no direct-mode TCP ports to open in a Flex Consumption VNet) and the only
    /// mode the npm emulator speaks. Managed identity in Azure; the key only for the emulator.
    /// </summary>
    public static CosmosClient Create(CosmosStoreOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.AccountEndpoint))
        {
            throw new InvalidOperationException(
                $"{CosmosStoreOptions.SectionName}:AccountEndpoint (app setting {CosmosStoreOptions.SectionName}__accountEndpoint) is not set.");
        }

        var clientOptions = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            ApplicationName = "ResponsePortal",
            // Documents go through the stream APIs with source-generated System.Text.Json contracts; this covers any
            // typed call (and keeps Newtonsoft.Json, which the SDK still loads, off our data).
            UseSystemTextJsonSerializerWithOptions = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web),
        };
        if (options.AcceptAnyServerCertificate)
        {
            // The emulator's certificate is self-signed, and it answers only on the address it was started with.
            clientOptions.LimitToEndpoint = true;
            clientOptions.HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
#pragma warning disable CA5359 // emulator only: the option is never set in Azure (see CosmosStoreOptions)
                ServerCertificateCustomValidationCallback = (_, _, _, _) => true,
#pragma warning restore CA5359
            });
        }

        if (!string.IsNullOrEmpty(options.Key))
        {
            return new CosmosClient(options.AccountEndpoint, options.Key, clientOptions);
        }

        return new CosmosClient(options.AccountEndpoint, credential ?? Credential(options.ClientId), clientOptions);
    }

    /// <summary>The user-assigned identity when its client id is configured, else the developer's az login and friends.</summary>
    public static TokenCredential Credential(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
