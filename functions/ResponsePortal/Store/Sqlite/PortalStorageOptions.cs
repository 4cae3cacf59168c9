namespace ResponsePortal.Store.Sqlite;

/// <summary>Where the embedded mode keeps its files. Bound from the configuration section <c>Portal</c>.</summary>
public sealed class PortalStorageOptions
{
    public const string SectionName = "Portal";

    /// <summary>Folder for <c>portal.db</c> (and its WAL). Relative paths resolve against the working directory.</summary>
    public string DataDirectory { get; set; } = ".data";
}
