using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ResponsePortal.Tests.Browser;

[Collection(BrowserTestGroup.Name)]
public sealed partial class ListingFormTests(Chromium chromium) : IAsyncLifetime
{
    private readonly PortalServer server = PortalServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static string InDays(int days) => DateTime.UtcNow.Date.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Labels carry "(Pflichtfeld)"/"(optional)"; match the start so "Menge" does not also find "Mindestbestellmenge".</summary>
    private static ILocator Field(IPage page, string label) => page.GetByLabel(new Regex("^" + Regex.Escape(label) + @"(\s|$)"));

    [Fact]
    public async Task A_German_company_posts_an_offer_and_finds_it_by_its_management_link()
    {
        var page = await chromium.NewPageAsync("de-DE");
        await page.GotoAsync(server.Url("/offers/new"));
        Assert.Equal("de", await page.GetAttributeAsync("html", "lang"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "offer-form-de.png"), FullPage = true });

        await page.GetByRole(AriaRole.Radio, new() { Name = "Waren" }).CheckAsync();
        await Field(page, "Kategorie").SelectOptionAsync(new SelectOptionValue { Label = "FFP2-Maske" });
        await Field(page, "Titel").FillAsync("FFP2-Masken aus der zweiten Linie");
        await Field(page, "Beschreibung").FillAsync("Packungen zu 20 Stück, EN 149 zertifiziert.");
        await Field(page, "Menge").FillAsync("10.000");
        await Field(page, "Einheit").SelectOptionAsync(new SelectOptionValue { Label = "Stück" });
        await Field(page, "Region").SelectOptionAsync(new SelectOptionValue { Label = "Hamburg (DE60)" });
        await Field(page, "Lieferradius in km").FillAsync("300");
        await Field(page, "Verfügbar ab").FillAsync(InDays(7));
        await Field(page, "Eintrag endet am").FillAsync(InDays(60));
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "EN 149 FFP2" }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "CE-Kennzeichnung" }).CheckAsync();
        await Field(page, "Name der Organisation").FillAsync("Nordlicht Textil GmbH");
        await Field(page, "Ansprechperson").FillAsync("Jana Petersen");
        await Field(page, "E-Mail-Adresse").FillAsync("jana.petersen@example.org");
        await Field(page, "Telefon").FillAsync("+49 40 1234567");
        await page.GetByRole(AriaRole.Button, new() { Name = "Angebot veröffentlichen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ihr Angebot ist veröffentlicht");
        await Assertions.Expect(page.GetByText("Er wird nur einmal angezeigt")).ToBeVisibleAsync();
        var manageLink = page.Locator("[data-manage-link]");
        var manageUrl = await manageLink.InnerTextAsync();
        Assert.Matches(ManageUrlPattern(), manageUrl);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "offer-confirmation-de.png"), FullPage = true });

        await manageLink.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("FFP2-Masken aus der zweiten Linie");
        await Assertions.Expect(page.GetByText("jana.petersen@example.org")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "manage-de.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Öffentlichen Eintrag ansehen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("FFP2-Masken aus der zweiten Linie");
        await Assertions.Expect(page.GetByText("10.000 Stück")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("FFP2-Maske", new() { Exact = true })).ToBeVisibleAsync();
        // The public view never shows how to reach the poster directly.
        Assert.DoesNotContain("jana.petersen@example.org", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("1234567", await page.ContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "offer-public-de.png"), FullPage = true });
    }

    [Fact]
    public async Task Mistakes_are_explained_beside_each_field_and_the_typed_values_stay()
    {
        var page = await chromium.NewPageAsync("en-GB");
        await page.GotoAsync(server.Url("/offers/new"));

        await Field(page, "Quantity").FillAsync("abc");
        await Field(page, "Listing ends on").FillAsync("2020-01-01");
        await Field(page, "Organisation name").FillAsync("Nordlicht Textil GmbH");
        await Field(page, "Email address").FillAsync("jana.petersen@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish offer" }).ClickAsync();

        var summary = page.Locator("[data-error-summary]");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "offer-errors-en.png"), FullPage = true });

        foreach (var label in new[] { "Title", "Quantity", "Listing ends on" })
        {
            var input = Field(page, label);
            await Assertions.Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
            // The message is tied to the field for screen readers, and the summary links to it.
            var id = await input.GetAttributeAsync("id");
            var describedBy = await input.GetAttributeAsync("aria-describedby") ?? "";
            Assert.Contains($"{id}-error", describedBy.Split(' '));
            await Assertions.Expect(page.Locator($"#{id}-error")).ToBeVisibleAsync();
            await Assertions.Expect(summary.Locator($"a[href='#{id}']")).ToHaveCountAsync(1);
        }

        await Assertions.Expect(Field(page, "Quantity")).ToHaveValueAsync("abc");
        await Assertions.Expect(Field(page, "Listing ends on")).ToHaveValueAsync("2020-01-01");
        await Assertions.Expect(Field(page, "Organisation name")).ToHaveValueAsync("Nordlicht Textil GmbH");
        await Assertions.Expect(Field(page, "Email address")).ToHaveValueAsync("jana.petersen@example.org");

        // The summary's link takes the keyboard to the field.
        await summary.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.Locator("input[aria-invalid='true'], select[aria-invalid='true']").First).ToBeFocusedAsync();
    }

    [Fact]
    public async Task Keyboard_users_reach_the_form_from_the_skip_link()
    {
        var page = await chromium.NewPageAsync("en-GB");
        await page.GotoAsync(server.Url("/offers/new"));

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        // The first stop after the skip is the form's first question, not the navigation again.
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Goods" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Production capacity" })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Production capacity details" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Staff details" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var client = server.CreatePlainClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "No token" });
        var response = await client.PostAsync(new Uri("/offers/new", UriKind.Relative), form);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [GeneratedRegex(@"/manage/o-[a-z0-9]{16}\?token=")]
    private static partial Regex ManageUrlPattern();
}
