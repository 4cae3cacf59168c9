using System.Globalization;

namespace ResponsePortal.Web;

/// <summary>One UI string in both languages. Kept as a pair so a missing translation is a compile error, not a blank.</summary>
public sealed record UiText(string En, string De)
{
    public string For(string language) => language == PortalLanguage.German ? De : En;

    /// <summary>Fills {0}, {1}… with the language's number and date formatting.</summary>
    public string Format(string language, params object?[] arguments) =>
        string.Format(PortalLanguage.Culture(language), For(language), arguments);

    /// <summary>The text with {0}, {1}… filled in both languages: a message with a value that a list of UiText can hold.</summary>
    public UiText With(params object?[] arguments) =>
        new(Format(PortalLanguage.English, arguments), Format(PortalLanguage.German, arguments));
}

/// <summary>
/// What Razor views use to speak the request's language: <c>@inject PortalText T</c>, then <c>@T[Texts.PortalName]</c>.
/// Scoped per request, so the language is resolved once.
/// </summary>
public sealed class PortalText(IHttpContextAccessor httpContextAccessor)
{
    private string? language;

    public string Language => language ??= httpContextAccessor.HttpContext is { } context
        ? PortalLanguage.From(context)
        : PortalLanguage.Default;

    public CultureInfo Culture => PortalLanguage.Culture(Language);

    public string this[UiText text] => text.For(Language);

    public string Format(UiText text, params object?[] arguments) => text.Format(Language, arguments);

    public string Number(long value) => value.ToString("N0", Culture);

    public string Date(DateOnly value) => value.ToString(Language == PortalLanguage.German ? "d. MMMM yyyy" : "d MMMM yyyy", Culture);

    public string Date(DateOnly? value) => value is { } date ? Date(date) : "–";
}
