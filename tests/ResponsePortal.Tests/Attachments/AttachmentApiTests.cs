using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ResponsePortal.Blobs;
using ResponsePortal.Tests.Admin;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Attachments;

/// <summary>
/// Certificates through the API: the poster adds and deletes them with the management token, authorities and admins see
/// and download them, anonymous visitors and other roles do not. Runs on the folder blob store (embedded mode).
/// </summary>
public sealed class AttachmentApiTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n");

    private readonly AdminPortalFactory _portal = new();
    private HttpClient _anonymous = null!;

    public Task InitializeAsync()
    {
        _anonymous = _portal.CreateClientAs(null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task A_pdf_certificate_is_stored_under_the_listing_and_an_authority_downloads_it()
    {
        var (id, token) = await PostOffer();

        var response = await _anonymous.PostAsync(new Uri($"/api/manage/{id}/attachments?token={token}", UriKind.Relative), FileForm(Pdf, "EN 149 Prüfbericht.pdf"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var attachmentId = created["id"]!.GetValue<string>();
        Assert.Equal("application/pdf", created["contentType"]!.GetValue<string>());
        Assert.Equal("EN-149-Prufbericht.pdf", created["fileName"]!.GetValue<string>());
        var blob = Assert.Single(await Blobs.ListAsync(BlobContainers.Attachments, id + "/", default));
        Assert.StartsWith($"{id}/{attachmentId}-", blob.Name, StringComparison.Ordinal);

        using var authority = _portal.CreateClientAs("authority");
        var list = await authority.GetFromJsonAsync<JsonArray>(new Uri($"/api/listings/{id}/attachments", UriKind.Relative));
        Assert.Equal(attachmentId, Assert.Single(list!)!["id"]!.GetValue<string>());
        var page = await authority.GetStringAsync(new Uri($"/offers/{id}", UriKind.Relative));
        Assert.Contains($"/api/listings/{id}/attachments/{attachmentId}", page, StringComparison.Ordinal);

        var download = await authority.GetAsync(new Uri($"/api/listings/{id}/attachments/{attachmentId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());

        using var admin = _portal.CreateClientAs("admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri($"/api/listings/{id}/attachments/{attachmentId}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Anonymous_visitors_and_cluster_managers_neither_see_nor_download_certificates()
    {
        var (id, token) = await PostOffer();
        var attachmentId = await UploadAsync(id, token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync(new Uri($"/api/listings/{id}/attachments/{attachmentId}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync(new Uri($"/api/listings/{id}/attachments", UriKind.Relative))).StatusCode);
        using var manager = _portal.CreateClientAs("cluster-manager");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(new Uri($"/api/listings/{id}/attachments/{attachmentId}", UriKind.Relative))).StatusCode);

        var page = await _anonymous.GetStringAsync(new Uri($"/offers/{id}", UriKind.Relative));
        Assert.DoesNotContain("data-attachments", page, StringComparison.Ordinal);
        Assert.DoesNotContain(attachmentId, page, StringComparison.Ordinal);
        var publicJson = await _anonymous.GetStringAsync(new Uri($"/api/offers/{id}", UriKind.Relative));
        Assert.DoesNotContain(attachmentId, publicJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("setup.pdf", "MZ\u0090\0\u0003\0\0\0 this is a Windows executable renamed")]
    [InlineData("certificate.pdf", "Just some text that claims to be a certificate.")]
    public async Task Content_that_is_not_pdf_png_or_jpeg_is_refused_whatever_its_name_and_type(string name, string content)
    {
        var (id, token) = await PostOffer();
        var form = FileForm(Encoding.Latin1.GetBytes(content), name, "application/pdf");

        var response = await _anonymous.PostAsync(new Uri($"/api/manage/{id}/attachments?token={token}", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains("PDF, PNG and JPEG", problem["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await Blobs.ListAsync(BlobContainers.Attachments, "", default));
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_with_413_in_german_and_nothing_is_stored()
    {
        var (id, token) = await PostOffer();
        var large = new byte[AttachmentCheck.MaxBytes + 1];
        Pdf.CopyTo(large, 0);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/manage/{id}/attachments?token={token}&name=big.pdf", UriKind.Relative))
        {
            Content = new ByteArrayContent(large),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        request.Headers.AcceptLanguage.ParseAdd("de");

        var raw = await _anonymous.SendAsync(request);
        var multipart = await _anonymous.PostAsync(new Uri($"/api/manage/{id}/attachments?token={token}", UriKind.Relative), FileForm(large, "big.pdf"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, raw.StatusCode);
        Assert.Equal("application/problem+json", raw.Content.Headers.ContentType!.MediaType);
        Assert.Contains("größer als 5 MiB", (await raw.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, multipart.StatusCode);
        Assert.Empty(await Blobs.ListAsync(BlobContainers.Attachments, "", default));
    }

    [Fact]
    public async Task A_wrong_token_uploads_lists_and_deletes_nothing()
    {
        var (id, token) = await PostOffer();
        var (other, otherToken) = await PostOffer();
        var attachmentId = await UploadAsync(id, token);

        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.PostAsync(new Uri($"/api/manage/{id}/attachments?token=wrong", UriKind.Relative), FileForm(Pdf, "x.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.PostAsync(new Uri($"/api/manage/{id}/attachments?token={otherToken}", UriKind.Relative), FileForm(Pdf, "x.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync(new Uri($"/api/manage/{id}/attachments?token=wrong", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.DeleteAsync(new Uri($"/api/manage/{id}/attachments/{attachmentId}?token={otherToken}", UriKind.Relative))).StatusCode);
        // The other listing's token does not reach this listing's attachment through its own id either.
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.DeleteAsync(new Uri($"/api/manage/{other}/attachments/{attachmentId}?token={otherToken}", UriKind.Relative))).StatusCode);

        Assert.Single(await Blobs.ListAsync(BlobContainers.Attachments, "", default));
    }

    [Fact]
    public async Task The_poster_deletes_a_certificate_and_a_listing_takes_at_most_ten()
    {
        var (id, token) = await PostOffer();
        var first = await UploadAsync(id, token);
        for (var i = 1; i < 10; i++)
        {
            await UploadAsync(id, token);
        }

        var eleventh = await _anonymous.PostAsync(new Uri($"/api/manage/{id}/attachments?token={token}", UriKind.Relative), FileForm(Pdf, "11.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, eleventh.StatusCode);
        Assert.Contains("at most 10", await eleventh.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await _anonymous.DeleteAsync(new Uri($"/api/manage/{id}/attachments/{first}?token={token}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.DeleteAsync(new Uri($"/api/manage/{id}/attachments/{first}?token={token}", UriKind.Relative))).StatusCode);
        var list = await _anonymous.GetFromJsonAsync<JsonArray>(new Uri($"/api/manage/{id}/attachments?token={token}", UriKind.Relative));
        Assert.Equal(9, list!.Count);
        Assert.DoesNotContain(list, a => a!["id"]!.GetValue<string>() == first);
    }

    [Fact]
    public async Task The_management_page_of_a_closed_listing_lists_its_certificates_says_when_they_go_and_deletes_one()
    {
        var (id, token) = await PostOffer();
        var attachmentId = await UploadAsync(id, token);
        var manage = new Uri($"/manage/{id}?token={token}", UriKind.Relative);
        Assert.DoesNotContain("deleted 90 days after", WebUtility.HtmlDecode(await _anonymous.GetStringAsync(manage)), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await _anonymous.PostAsync(new Uri($"/api/manage/{id}/withdraw?token={token}", UriKind.Relative), null)).StatusCode);

        var closed = WebUtility.HtmlDecode(await _anonymous.GetStringAsync(manage));
        Assert.Contains("This listing is closed and takes no new certificates. The ones below are deleted 90 days after it closed.", closed, StringComparison.Ordinal);
        Assert.Contains($"name=\"attachmentId\" value=\"{attachmentId}\"", closed, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"f-attachment\"", closed, StringComparison.Ordinal);
        using var german = _portal.CreateClientAs(null);
        german.DefaultRequestHeaders.Add("Accept-Language", "de-DE");
        Assert.Contains("Die folgenden werden 90 Tage nach dem Schließen gelöscht", WebUtility.HtmlDecode(await german.GetStringAsync(manage)), StringComparison.Ordinal);

        using var delete = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["attachmentId"] = attachmentId,
            ["__RequestVerificationToken"] = ResponsePortal.Tests.Dashboard.PortalSignIn.Token(closed),
        });
        var deleted = await _anonymous.PostAsync(new Uri($"/manage/{id}?handler=DeleteAttachment", UriKind.Relative), delete);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var after = WebUtility.HtmlDecode(await _anonymous.GetStringAsync(deleted.Headers.Location!));
        Assert.Contains("The certificate was deleted.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("No certificates yet.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("The ones below", after, StringComparison.Ordinal);
        Assert.Empty((await _anonymous.GetFromJsonAsync<JsonArray>(new Uri($"/api/manage/{id}/attachments?token={token}", UriKind.Relative)))!);
    }

    [Fact]
    public async Task The_attachment_endpoints_are_in_the_openapi_document_with_summaries()
    {
        var openApi = (await _anonymous.GetFromJsonAsync<JsonObject>(new Uri("/openapi/v1.json", UriKind.Relative)))!;

        var upload = openApi["paths"]!["/api/manage/{id}/attachments"]!["post"]!;
        Assert.Contains("recognised by content", upload["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(openApi["paths"]!["/api/listings/{id}/attachments/{attachmentId}"]!["get"]!["summary"]);
        Assert.NotNull(openApi["paths"]!["/api/export/snapshots"]!["post"]!["summary"]);
    }

    [Fact]
    public async Task The_management_page_explains_an_oversized_file_beside_the_field_in_german_and_stores_nothing()
    {
        var (id, token) = await PostOffer();
        using var client = _portal.CreateClientAs(null);
        client.DefaultRequestHeaders.Add("Accept-Language", "de-DE");
        var page = await client.GetStringAsync(new Uri($"/manage/{id}?token={token}", UriKind.Relative));
        var large = new byte[AttachmentCheck.MaxBytes + 1];
        Pdf.CopyTo(large, 0);
        var file = new ByteArrayContent(large);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "token" },
            { new StringContent(ResponsePortal.Tests.Dashboard.PortalSignIn.Token(page)), "__RequestVerificationToken" },
            { file, "file", "scan.pdf" },
        };

        var response = await client.PostAsync(new Uri($"/manage/{id}?handler=Attachment", UriKind.Relative), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Matches("id=\"f-attachment-error\"><span class=\"visually-hidden\">[^<]+</span> Die Datei ist größer als 5 MiB", html);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Empty(await Blobs.ListAsync(BlobContainers.Attachments, "", default));
    }

    private IBlobStore Blobs => _portal.Services.GetRequiredService<IBlobStore>();

    private async Task<string> UploadAsync(string id, string token)
    {
        var response = await _anonymous.PostAsync(new Uri($"/api/manage/{id}/attachments?token={token}", UriKind.Relative), FileForm(Pdf, "ce-declaration.pdf"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    private static MultipartFormDataContent FileForm(byte[] content, string fileName, string contentType = "application/pdf")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private async Task<(string Id, string Token)> PostOffer()
    {
        var response = await _anonymous.PostAsync(new Uri("/api/offers", UriKind.Relative), Json(Offer()));
        response.EnsureSuccessStatusCode();
        var created = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var manageUrl = new Uri(created["manageUrl"]!.GetValue<string>());
        return (created["id"]!.GetValue<string>(), System.Web.HttpUtility.ParseQueryString(manageUrl.Query)["token"]!);
    }
}
