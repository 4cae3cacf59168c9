using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static ResponsePortal.Tests.Api.ListingBodies;

namespace ResponsePortal.Tests.Browser;

/// <summary>A German poster adds a certificate on the management page: a refused file first, then a PDF, then deletes it.</summary>
[Collection(BrowserTestGroup.Name)]
public sealed class AttachmentUploadTests(Chromium chromium) : IAsyncLifetime
{
    private readonly PortalServer server = PortalServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_German_poster_uploads_a_certificate_after_a_refused_file_and_deletes_it()
    {
        using var api = server.CreatePlainClient();
        var created = await (await api.PostAsync(new Uri("/api/offers", UriKind.Relative), Json(Offer()))).Content.ReadFromJsonAsync<JsonObject>();
        var manageUrl = new Uri(created!["manageUrl"]!.GetValue<string>());
        var page = await chromium.NewPageAsync("de-DE");
        await page.GotoAsync(server.Url(manageUrl.PathAndQuery));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Zertifikate" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Noch keine Zertifikate.")).ToBeVisibleAsync();

        // A text file dressed up as a PDF: refused by its content, the message stands beside the field, which has focus.
        var field = page.GetByLabel("Zertifikatsdatei");
        await field.SetInputFilesAsync(new FilePayload { Name = "Pruefbericht.pdf", MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes("kein PDF") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zertifikat hochladen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#f-attachment-error")).ToContainTextAsync("Nur PDF-, PNG- und JPEG-Dateien werden angenommen.");
        await Assertions.Expect(page.GetByLabel("Zertifikatsdatei")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Zertifikatsdatei")).ToBeFocusedAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "attachment-refused-de.png"), FullPage = true });

        await page.GetByLabel("Zertifikatsdatei").SetInputFilesAsync(new FilePayload
        {
            Name = "EN149 Prüfbericht.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zertifikat hochladen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Das Zertifikat wurde hinzugefügt.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-attachments]")).ToContainTextAsync("EN149-Prufbericht.pdf");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "attachment-added-de.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "EN149-Prufbericht.pdf löschen" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Das Zertifikat wurde gelöscht.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Noch keine Zertifikate.")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_file_larger_than_the_servers_body_limit_gets_its_message_beside_the_field(bool javaScript)
    {
        using var api = server.CreatePlainClient();
        var created = await (await api.PostAsync(new Uri("/api/offers", UriKind.Relative), Json(Offer()))).Content.ReadFromJsonAsync<JsonObject>();
        var manageUrl = new Uri(created!["manageUrl"]!.GetValue<string>());
        var context = await chromium.Browser.NewContextAsync(new() { Locale = "de-DE", JavaScriptEnabled = javaScript, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Url(manageUrl.PathAndQuery));

        // Over Kestrel's default limit of 30 MB, which used to answer a bare "400 Bad Request" before any handler ran.
        // With the script the browser never sends it; without, the server reads it and answers beside the field.
        var scan = new byte[31_000_000];
        "%PDF-1.7\n"u8.CopyTo(scan);
        await page.GetByLabel("Zertifikatsdatei").SetInputFilesAsync(new FilePayload { Name = "Scan.pdf", MimeType = "application/pdf", Buffer = scan });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zertifikat hochladen" }).ClickAsync();

        await Assertions.Expect(page.Locator("#f-attachment-error")).ToContainTextAsync("Die Datei ist größer als 5 MiB.");
        await Assertions.Expect(page.GetByLabel("Zertifikatsdatei")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Zertifikatsdatei")).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByText("Noch keine Zertifikate.")).ToBeVisibleAsync();
        await context.CloseAsync();
    }
}
