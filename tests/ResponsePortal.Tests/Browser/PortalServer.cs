using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Browser;

/// <summary>
/// The whole app in-process on a real Kestrel port on 127.0.0.1 (a browser cannot reach the in-memory TestServer),
/// on its own temporary data directory (see <see cref="PortalFactory"/>), deleted on dispose.
/// </summary>
public sealed class PortalServer : PortalFactory
{
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    private PortalServer(IDictionary<string, string?>? settings)
        : base(settings)
    {
        // .NET 10's factory runs Kestrel itself; port 0 lets the OS pick a free one.
        UseKestrel(0);
    }

    public static PortalServer Start(IDictionary<string, string?>? settings = null)
    {
        var server = new PortalServer(settings);
        server.StartServer();
        var addresses = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        server.BaseAddress = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        // CreateClient then talks to the same Kestrel port as the browser.
        server.ClientOptions.BaseAddress = server.BaseAddress;
        return server;
    }

    /// <summary>A plain HTTP client on the Kestrel port that does not follow redirects, for checking them.</summary>
    public HttpClient CreatePlainClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true) { BaseAddress = BaseAddress };

    public string Url(string relative) => new Uri(BaseAddress, relative).ToString();
}
