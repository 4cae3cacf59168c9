namespace ResponsePortal.Hosting;

/// <summary>Settings under "Portal" (environment: Portal__DataDirectory, …). Every one is listed in local.settings.sample.json and the README.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>Where the embedded store keeps its SQLite file, the mail pickup folder and the link secret. Relative to the working directory.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>The address people reach the portal at, for links in answers and e-mails. Empty: taken from each request.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Base64 key (at least 32 bytes) that management links are derived from. Empty: generated once into the data directory.</summary>
    public string? ManageLinkSecret { get; set; }

    /// <summary>Fill an empty portal with a realistic crisis scenario at start, so a newcomer sees it working.</summary>
    public bool DemoData { get; set; }
}
