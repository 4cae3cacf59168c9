namespace ResponsePortal.Tests.Support;

/// <summary>A test class whose every test gets a fresh portal (its own temporary data directory) and a client for it.</summary>
public abstract class PortalTest : IAsyncLifetime
{
    protected PortalTest(IDictionary<string, string?>? settings = null) => Portal = new PortalFactory(settings);

    protected PortalFactory Portal { get; }

    protected HttpClient Client { get; private set; } = null!;

    public virtual Task InitializeAsync()
    {
        Client = Portal.CreateClient();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await Portal.DisposeAsync();
}
