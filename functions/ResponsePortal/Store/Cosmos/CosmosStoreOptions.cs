namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// Where the Cosmos DB account is and how to sign in. Bound from the section <c>CosmosDb</c>, the same
/// identity-based connection the Functions host uses for the change feed trigger (<c>CosmosDb__accountEndpoint</c>,
/// <c>CosmosDb__clientId</c>), so app and host read one set of settings.
/// </summary>
public sealed class CosmosStoreOptions
{
    public const string SectionName = "CosmosDb";

    /// <summary>
    /// The database name is a flat setting because function.json refers to it as <c>%CosmosDatabaseName%</c>,
    /// and the host resolves such references by plain setting name.
    /// </summary>
    public const string DatabaseNameSetting = "CosmosDatabaseName";

    public const string DefaultDatabaseName = "portal";

    /// <summary>https://ACCOUNT.documents.azure.com:443/ in Azure; the emulator's https://127.0.0.1:PORT/ in tests.</summary>
    public string? AccountEndpoint { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty means DefaultAzureCredential.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Account key: for the emulator only. Azure accounts run with local (key) auth disabled, see infra/.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>Emulator only: its HTTPS certificate is self-signed.</summary>
    public bool AcceptAnyServerCertificate { get; set; }

    /// <summary>
    /// Create the database and containers at start. Only for emulators and dev accounts: the data-plane role the app
    /// holds in Azure cannot create containers, so there Bicep creates them.
    /// </summary>
    public bool CreateIfMissing { get; set; }

    public string DatabaseName { get; set; } = DefaultDatabaseName;
}
