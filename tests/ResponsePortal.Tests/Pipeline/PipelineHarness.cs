using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResponsePortal.Catalog;
using ResponsePortal.Hosting;
using ResponsePortal.Listings;
using ResponsePortal.Mail;
using ResponsePortal.Matching;
using ResponsePortal.Notifications;
using ResponsePortal.Store.Sqlite;
using ResponsePortal.Tests.Store;

namespace ResponsePortal.Tests.Pipeline;

/// <summary>The pipeline's parts on a fresh database, without the web host or the runner, so tests drive the handlers.</summary>
public sealed class PipelineHarness : IAsyncDisposable
{
    public PipelineHarness()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "rp-pipe-" + Guid.NewGuid().ToString("N"));
        Database = SqlitePortalDatabase.Open(new PortalStorageOptions { DataDirectory = DataDirectory });
        Catalog = PortalCatalog.Load();
        Listings = new SqliteListingStore(Database, Catalog);
        Queue = new SqliteWorkQueue(Database, TimeProvider.System);
        Matches = new SqliteMatchStore(Database, TimeProvider.System);
        var portal = Options.Create(new PortalOptions { DataDirectory = DataDirectory });
        Mail = new PickupFolderMailSender(portal, Options.Create(new SmtpOptions()));
        Matcher = new MatchHandler(Listings, Matches, Catalog, NullLogger<MatchHandler>.Instance);
        Notifier = new NotifyHandler(Matches, Listings, Mail, new ResponseLinks(new ManageTokens(portal), portal, TimeProvider.System), Catalog);
    }

    public string DataDirectory { get; }
    public SqlitePortalDatabase Database { get; }
    public SqliteListingStore Listings { get; }
    public SqliteWorkQueue Queue { get; }
    public SqliteMatchStore Matches { get; }
    public PortalCatalog Catalog { get; }
    public PickupFolderMailSender Mail { get; }
    public MatchHandler Matcher { get; }
    public NotifyHandler Notifier { get; }

    public static Listing Offer(long quantity, double lat = 53.55, double lon = 9.99) =>
        TestListings.Offer(category: "ppe-mask-ffp2", id: ListingService.NewId(ListingSide.Offer)) with
        {
            Quantity = quantity, Lat = lat, Lon = lon, ExpiresAt = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
        };

    public static Listing Request(long quantity, double lat = 53.6, double lon = 10.0) =>
        TestListings.Request(category: "ppe-mask-ffp2", id: ListingService.NewId(ListingSide.Request)) with
        {
            Quantity = quantity, Lat = lat, Lon = lon, Language = "en", ExpiresAt = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60),
            NeededBy = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30),
        };

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
