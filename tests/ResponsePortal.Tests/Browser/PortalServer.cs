using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ResponsePortal.Tests.Browser;

/// <summary>
/// The whole app in-process on a real Kestrel port on 127.0.0.1 (a browser cannot reach the in-memory TestServer),
/// with its own temporary data directory that is deleted on dispose.
/// </summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "responseportal-test-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    private PortalServer()
    {
        Directory.CreateDirectory(DataDirectory);
        // .NET 10's factory can run Kestrel itself; port 0 lets the OS pick a free one.
        UseKestrel(0);
    }

    public static PortalServer Start()
    {
        var server = new PortalServer();
        server.StartServer();
        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        server.BaseAddress = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        // CreateClient then talks to the same Kestrel port as the browser.
        server.ClientOptions.BaseAddress = server.BaseAddress;
        return server;
    }

    public Uri Url(string relative) => new(BaseAddress, relative);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseUrls("http://127.0.0.1:0");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TryDeleteDataDirectory();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        TryDeleteDataDirectory();
    }

    private void TryDeleteDataDirectory()
    {
        try
        {
            if (Directory.Exists(DataDirectory))
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a closing SQLite handle: the OS temp cleaner gets it; the test result stands.
        }
    }
}
