using Microsoft.Playwright;

namespace ResponsePortal.Tests.Browser;

[Collection(BrowserTestGroup.Name)]
public sealed class LayoutAndLanguageTests(Chromium chromium) : IAsyncLifetime
{
    private readonly PortalServer server = PortalServer.Start();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_German_browser_gets_the_landing_page_in_German()
    {
        var page = await chromium.NewPageAsync("de-DE");
        await page.GotoAsync(server.Url("/"));

        Assert.Equal("de", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hilfe anbieten oder Bedarf melden");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hauptnavigation" })
            .GetByRole(AriaRole.Link, new() { Name = "Angebot einstellen" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "landing-de.png"), FullPage = true });
    }

    [Fact]
    public async Task The_language_switch_changes_the_language_and_remembers_it()
    {
        var page = await chromium.NewPageAsync("en-GB");
        await page.GotoAsync(server.Url("/offers"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));

        // By keyboard: focus the link and press Enter, as someone without a mouse would.
        var german = page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" });
        await german.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // The switch redirects back to the page it was on, so waiting for that URL could match before the page even
        // left (and then time out on a load state mid-navigation): the assertions retry until the German page is there.
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Assertions.Expect(page).ToHaveURLAsync(server.Url("/offers"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Angebote ansehen" })).ToBeVisibleAsync();

        // The cookie keeps the choice on the next page even though the browser asks for English.
        await page.GotoAsync(server.Url("/"));
        Assert.Equal("de", await page.GetAttributeAsync("html", "lang"));
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Chromium.ScreenshotDirectory, "landing-en.png"), FullPage = true });
    }

    [Fact]
    public async Task The_language_switch_never_redirects_to_another_site()
    {
        using var client = server.CreatePlainClient();
        var response = await client.GetAsync(new Uri("/language?set=de&returnUrl=//evil.example/", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_and_jumps_to_the_main_content()
    {
        var page = await chromium.NewPageAsync("en-GB");
        await page.GotoAsync(server.Url("/"));

        await page.Keyboard.PressAsync("Tab");
        var skipLink = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Assertions.Expect(skipLink).ToBeFocusedAsync();
        await Assertions.Expect(skipLink).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
    }
}
