using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Mail;
using ResponsePortal.Pipeline;
using ResponsePortal.Tests.Mail;

namespace ResponsePortal.Tests.Admin;

/// <summary>/admin/dead-letters and /admin/mail: admins only; retry and discard; the archived mails, their text and how long they are kept.</summary>
public sealed partial class AdminPagesTests : IAsyncLifetime
{
    /// <summary>A queue no handler serves, so the running workers never touch the test's items.</summary>
    private const string SpareQueue = "admin-test";

    private readonly AdminPortalFactory _portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Theory]
    [InlineData("/admin/dead-letters")]
    [InlineData("/admin/mail")]
    [InlineData("/admin/mail/some.key")]
    public async Task Anonymous_visitors_are_refused_and_other_roles_are_forbidden(string path)
    {
        using var anonymous = _portal.CreateClientAs(null);
        using var authority = _portal.CreateClientAs("authority");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await authority.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_admin_sees_dead_letters_and_can_retry_one_and_discard_another()
    {
        var leases = _portal.Services.GetRequiredService<IWorkLeases>();
        var retried = await DeadLetterAsync("{\"listingId\":\"o-retry-me\"}");
        var discarded = await DeadLetterAsync("{\"listingId\":\"o-discard-me\"}");
        using var admin = _portal.CreateClientAs("admin");

        var page = await admin.GetStringAsync(new Uri("/admin/dead-letters", UriKind.Relative));
        Assert.Contains("o-retry-me", page, StringComparison.Ordinal);
        Assert.Contains("o-discard-me", page, StringComparison.Ordinal);
        Assert.Contains("boom: handler failed", page, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", page, StringComparison.Ordinal);

        var retry = await PostFormAsync(admin, page, $"/admin/dead-letters?id={retried}&handler=Retry");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var discard = await PostFormAsync(admin, page, $"/admin/dead-letters?id={discarded}&handler=Discard");
        Assert.Equal(HttpStatusCode.Redirect, discard.StatusCode);

        Assert.Empty(await leases.ListDeadAsync(default));
        var back = Assert.Single(await leases.LeaseAsync(SpareQueue, 10, TimeSpan.FromSeconds(30), default));
        Assert.Contains("o-retry-me", back.Message.Body, StringComparison.Ordinal);
        var after = await admin.GetStringAsync(new Uri(discard.Headers.Location!.ToString(), UriKind.RelativeOrAbsolute));
        Assert.Contains($"Item {discarded} was discarded.", after, StringComparison.Ordinal);

        // Acting on an item that is gone changes nothing and says so.
        var again = await PostFormAsync(admin, page, $"/admin/dead-letters?id={discarded}&handler=Discard");
        Assert.Contains("done=gone", again.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_the_mail_archive_newest_first_and_reads_one_mail_in_german_or_english()
    {
        // The portal's sender (pickup folder here), so the mail reaches the page through the archive it keeps.
        var pickup = _portal.Services.GetRequiredService<IMailSender>();
        await pickup.SendAsync(MailSenderContract.Sample("m-0001.offer.proposed"), default);
        using var admin = _portal.CreateClientAs("admin");

        var list = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin/mail", UriKind.Relative)));
        Assert.Contains("jana.petersen@example.org", list, StringComparison.Ordinal);
        Assert.Contains("Vorschlag: 400 FFP2-Masken für „Intensivstation“", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/mail/m-0001.offer.proposed\"", list, StringComparison.Ordinal);
        Assert.Contains("Mails are deleted 180 days after they were sent", list, StringComparison.Ordinal);

        var mail = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin/mail/m-0001.offer.proposed", UriKind.Relative)));
        Assert.Contains("Menge: 400 Stück.", mail, StringComparison.Ordinal);
        Assert.Contains("Back to the list", mail, StringComparison.Ordinal);

        using var german = _portal.CreateClientAs("admin");
        german.DefaultRequestHeaders.Add("Accept-Language", "de-DE");
        Assert.Contains("Zurück zur Liste", WebUtility.HtmlDecode(await german.GetStringAsync(new Uri("/admin/mail/m-0001.offer.proposed", UriKind.Relative))), StringComparison.Ordinal);
        Assert.Contains("E-Mails werden 180 Tage nach dem Versand gelöscht", WebUtility.HtmlDecode(await german.GetStringAsync(new Uri("/admin/mail", UriKind.Relative))), StringComparison.Ordinal);

        // Links in mails are their recipients' credentials: the admin sees the link, not its signature or token.
        await pickup.SendAsync(MailSenderContract.Sample("m-0002.request.proposed") with { Text = "Accept: http://localhost/respond/m-2?party=request&action=accept&exp=1&sig=SECRETSIG\r\n" }, default);
        var masked = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin/mail/m-0002.request.proposed", UriKind.Relative)));
        Assert.Contains("action=accept&exp=1&sig=…", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRETSIG", masked, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/admin/mail/m-0404.offer.proposed", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/admin/mail/..%2Fportal.db", UriKind.Relative))).StatusCode);
    }

    private async Task<long> DeadLetterAsync(string body)
    {
        var leases = _portal.Services.GetRequiredService<IWorkLeases>();
        await _portal.Services.GetRequiredService<IWorkQueue>().EnqueueAsync([new WorkMessage(SpareQueue, body)], default);
        var work = (await leases.LeaseAsync(SpareQueue, 10, TimeSpan.FromSeconds(30), default)).Single(w => w.Message.Body == body);
        await leases.FailAsync(work, "boom: handler failed", TimeSpan.Zero, maxAttempts: 1, default);
        return work.Id;
    }

    /// <summary>Posts the page's antiforgery token (the form tag helper put it into every form) to <paramref name="action"/>.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action)
    {
        var token = AntiforgeryToken().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        return await client.PostAsync(new Uri(action, UriKind.Relative), form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
