using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Blobs;
using ResponsePortal.Blobs.Rest;
using ResponsePortal.Mail;
using ResponsePortal.Tests.Admin;
using ResponsePortal.Tests.Emulators;
using ResponsePortal.Tests.Mail;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Attachments;

/// <summary>
/// The Azure run mode's blob side: the same portal with <c>Blobs:ServiceUri</c> set keeps certificates and the mail
/// archive in Blob Storage (azurite), and the same endpoints and admin page read them back.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class BlobsOnAzuriteTests(Azurite azurite) : IAsyncLifetime
{
    private AdminPortalFactory _portal = null!;

    public Task InitializeAsync()
    {
        _portal = new AdminPortalFactory(new Dictionary<string, string?>
        {
            [$"{BlobRestOptions.SectionName}:ServiceUri"] = azurite.ServiceUri.ToString(),
            [$"{BlobRestOptions.SectionName}:AccountName"] = Azurite.AccountName,
            [$"{BlobRestOptions.SectionName}:AccountKey"] = Azurite.AccountKey,
            [$"{BlobRestOptions.SectionName}:CreateIfMissing"] = "true",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task A_certificate_and_an_archived_mail_round_trip_through_blob_storage()
    {
        using var poster = _portal.CreateClientAs(null);
        Assert.IsType<BlobRestStore>(_portal.Services.GetRequiredService<IBlobStore>());
        var created = (await (await poster.PostAsync(new Uri("/api/offers", UriKind.Relative), Json(Offer()))).Content.ReadFromJsonAsync<JsonObject>())!;
        var id = created["id"]!.GetValue<string>();
        var token = System.Web.HttpUtility.ParseQueryString(new Uri(created["manageUrl"]!.GetValue<string>()).Query)["token"]!;
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        var upload = await poster.PostAsync(new Uri($"/api/manage/{id}/attachments?token={token}", UriKind.Relative), new MultipartFormDataContent { { file, "file", "ce-label.png" } });

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var attachmentId = (await upload.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var authority = _portal.CreateClientAs("authority");
        var download = await authority.GetAsync(new Uri($"/api/listings/{id}/attachments/{attachmentId}", UriKind.Relative));
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());

        var key = "m-azurite-" + Guid.NewGuid().ToString("N")[..8] + ".offer.proposed";
        await _portal.Services.GetRequiredService<IMailSender>().SendAsync(MailSenderContract.Sample(key), default);
        using var admin = _portal.CreateClientAs("admin");
        var mail = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/admin/mail/" + key, UriKind.Relative)));
        Assert.Contains("Menge: 400 Stück.", mail, StringComparison.Ordinal);
    }
}
