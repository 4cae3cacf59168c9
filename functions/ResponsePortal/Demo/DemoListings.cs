namespace ResponsePortal.Demo;

/// <summary>
/// A realistic crisis scenario (winter 2026/27, northern and southern Germany) as listings in the
/// API format of shared/formats/api-listing.md: an array of <c>{ "side": "offer" | "request", "listing": {...} }</c>,
/// where <c>listing</c> is exactly a POST /api/offers or /api/requests body. Meant for seeding a demo
/// portal and for end-to-end tests; all organisations are fictional and all emails use example.org/.com.
/// </summary>
public static class DemoListings
{
    public const string ResourceName = "ResponsePortal.Demo.demo-listings.json";

    /// <summary>Opens the embedded JSON file; the caller disposes the stream.</summary>
    public static Stream OpenJson() =>
        typeof(DemoListings).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"Resource {ResourceName} is not embedded; check ResponsePortal.csproj.");
}
