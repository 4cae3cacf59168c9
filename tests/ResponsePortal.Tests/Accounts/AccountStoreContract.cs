using ResponsePortal.Accounts;

namespace ResponsePortal.Tests.Accounts;

/// <summary>
/// What every <see cref="IAccountStore"/> adapter must do. xunit makes one instance per test, so each test gets a fresh,
/// empty store from <see cref="CreateStoreAsync"/>.
/// </summary>
public abstract class AccountStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Invited = new(2026, 3, 2, 8, 30, 15, TimeSpan.FromHours(1));
    private IAccountStore? _store;

    protected IAccountStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    protected static CancellationToken None => CancellationToken.None;

    protected abstract Task<IAccountStore> CreateStoreAsync();

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static Account Manager(string email = "cm@example.org", string? name = "Carla Meyer") =>
        new(email, PortalRole.ClusterManager, "healthcapital", name, Invited, "admin@example.org");

    [Fact]
    public async Task An_upserted_account_is_found_by_its_email_in_any_case()
    {
        Assert.True(await Store.UpsertAsync(Manager(), None));

        var found = await Store.FindAsync(" CM@Example.ORG ", None);

        Assert.Equal(Manager(), found);
    }

    [Fact]
    public async Task An_unknown_email_finds_nothing()
    {
        await Store.UpsertAsync(Manager(), None);

        Assert.Null(await Store.FindAsync("other@example.org", None));
    }

    [Fact]
    public async Task Upserting_again_changes_role_cluster_and_name_and_keeps_the_first_invitation()
    {
        await Store.UpsertAsync(Manager(), None);

        var created = await Store.UpsertAsync(new Account("cm@example.org", PortalRole.Authority, null, "Dr. Carla Meyer", Invited.AddDays(3), "other-admin"), None);

        Assert.False(created);
        Assert.Equal(new Account("cm@example.org", PortalRole.Authority, null, "Dr. Carla Meyer", Invited, "admin@example.org"), await Store.FindAsync("cm@example.org", None));
    }

    [Fact]
    public async Task Upserting_without_a_name_keeps_the_name()
    {
        await Store.UpsertAsync(Manager(), None);

        await Store.UpsertAsync(Manager(name: null) with { Role = PortalRole.Admin, Cluster = null }, None);

        Assert.Equal("Carla Meyer", (await Store.FindAsync("cm@example.org", None))?.Name);
    }

    [Fact]
    public async Task Emails_with_characters_ids_refuse_are_accounts_like_any_other()
    {
        string[] emails = ["a/b?c#d\\e%f@example.org", new string('x', 200) + "@" + new string('/', 50) + ".org"];
        foreach (var email in emails)
        {
            await Store.UpsertAsync(Manager(email), None);
        }

        foreach (var email in emails)
        {
            Assert.Equal(email, (await Store.FindAsync(email, None))?.Email);
        }
    }

    [Fact]
    public async Task The_list_is_ordered_by_role_code_then_email()
    {
        await Store.UpsertAsync(Manager("b@example.org"), None);
        await Store.UpsertAsync(Manager("a@example.org"), None);
        await Store.UpsertAsync(new Account("z@example.org", PortalRole.Admin, null, null, Invited, null), None);
        await Store.UpsertAsync(new Account("y@example.org", PortalRole.Authority, null, null, Invited, null), None);

        var list = await Store.ListAsync(None);

        Assert.Equal(["z@example.org", "y@example.org", "a@example.org", "b@example.org"], list.Select(a => a.Email));
    }

    [Fact]
    public async Task A_removed_account_is_gone_and_its_unused_link_signs_nobody_in()
    {
        await Store.UpsertAsync(Manager(), None);
        await Store.UpsertAsync(Manager("other@example.org"), None);
        var expires = DateTimeOffset.UtcNow.AddMinutes(15);
        await Store.StoreSignInLinkAsync("rm11", "cm@example.org", expires, None);
        await Store.StoreSignInLinkAsync("rm22", "other@example.org", expires, None);

        Assert.True(await Store.RemoveAsync(" CM@example.org", None));

        Assert.Null(await Store.FindAsync("cm@example.org", None));
        Assert.Equal(["other@example.org"], (await Store.ListAsync(None)).Select(a => a.Email));
        Assert.Null(await Store.RedeemSignInLinkAsync("rm11", DateTimeOffset.UtcNow, None));
        Assert.Equal("other@example.org", (await Store.RedeemSignInLinkAsync("rm22", DateTimeOffset.UtcNow, None))?.Email);
    }

    [Fact]
    public async Task Removing_an_unknown_or_removed_account_says_so_and_changes_nothing()
    {
        await Store.UpsertAsync(Manager(), None);

        Assert.False(await Store.RemoveAsync("nobody@example.org", None));
        Assert.True(await Store.RemoveAsync("cm@example.org", None));
        Assert.False(await Store.RemoveAsync("cm@example.org", None));
        Assert.Empty(await Store.ListAsync(None));
    }

    [Fact]
    public async Task A_link_signs_in_once()
    {
        await Store.UpsertAsync(Manager(), None);
        await Store.StoreSignInLinkAsync("aa11", "CM@example.org", Invited.AddMinutes(15), None);

        Assert.Equal("cm@example.org", (await Store.RedeemSignInLinkAsync("aa11", Invited.AddMinutes(1), None))?.Email);
        Assert.Null(await Store.RedeemSignInLinkAsync("aa11", Invited.AddMinutes(2), None));
    }

    [Fact]
    public async Task An_expired_link_signs_nobody_in_and_is_used_up()
    {
        await Store.UpsertAsync(Manager(), None);
        await Store.StoreSignInLinkAsync("bb22", "cm@example.org", Invited.AddMinutes(15), None);

        Assert.Null(await Store.RedeemSignInLinkAsync("bb22", Invited.AddMinutes(16), None));
        Assert.Null(await Store.RedeemSignInLinkAsync("bb22", Invited.AddMinutes(1), None));
    }

    [Fact]
    public async Task A_new_link_replaces_the_persons_older_link_but_not_other_peoples()
    {
        await Store.UpsertAsync(Manager(), None);
        await Store.UpsertAsync(Manager("other@example.org"), None);
        var expires = DateTimeOffset.UtcNow.AddMinutes(15);
        await Store.StoreSignInLinkAsync("old1", "cm@example.org", expires, None);
        await Store.StoreSignInLinkAsync("othr", "other@example.org", expires, None);
        await Store.StoreSignInLinkAsync("new1", "cm@example.org", expires, None);

        Assert.Null(await Store.RedeemSignInLinkAsync("old1", DateTimeOffset.UtcNow, None));
        Assert.Equal("cm@example.org", (await Store.RedeemSignInLinkAsync("new1", DateTimeOffset.UtcNow, None))?.Email);
        Assert.Equal("other@example.org", (await Store.RedeemSignInLinkAsync("othr", DateTimeOffset.UtcNow, None))?.Email);
    }

    [Fact]
    public async Task An_unknown_link_signs_nobody_in()
    {
        await Store.UpsertAsync(Manager(), None);

        Assert.Null(await Store.RedeemSignInLinkAsync("cc33", Invited, None));
    }

    [Fact]
    public async Task Of_many_concurrent_clicks_on_one_link_exactly_one_signs_in()
    {
        await Store.UpsertAsync(Manager(), None);
        await Store.StoreSignInLinkAsync("dd44", "cm@example.org", Invited.AddMinutes(15), None);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.RedeemSignInLinkAsync("dd44", Invited, None))));

        Assert.Single(results, a => a is not null);
    }

    [Fact]
    public async Task Concurrent_upserts_of_one_new_account_create_it_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => Store.UpsertAsync(Manager() with { Name = "Name " + i }, None))));

        Assert.Single(results, created => created);
        Assert.Single(await Store.ListAsync(None));
    }
}
