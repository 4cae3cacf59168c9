namespace ResponsePortal.Blobs.Rest;

/// <summary>
/// Blob Storage for the app's own files. Bound from the section <c>Blobs</c> (app settings <c>Blobs__serviceUri</c>,
/// <c>Blobs__clientId</c>). The Functions host's own storage (<c>AzureWebJobsStorage__*</c>) is configured separately.
/// </summary>
public sealed class BlobRestOptions
{
    public const string SectionName = "Blobs";

    /// <summary>https://ACCOUNT.blob.core.windows.net/ in Azure; http://127.0.0.1:PORT/devstoreaccount1/ for azurite.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty means DefaultAzureCredential.</summary>
    public string? ClientId { get; set; }

    /// <summary>Shared Key signing, for azurite only: the Azure account has shared key access disabled (infra/).</summary>
    public string? AccountName { get; set; }

    /// <summary>Base64 account key, for azurite only.</summary>
    public string? AccountKey { get; set; }

    /// <summary>Create the portal's containers at start; for azurite and dev accounts (Bicep creates them in Azure).</summary>
    public bool CreateIfMissing { get; set; }
}
