namespace ResponsePortal.Accounts;

public enum AuthMode
{
    /// <summary>The portal signs people in itself: one-time link by e-mail, then a cookie.</summary>
    Embedded,

    /// <summary>Azure App Service authentication ("Easy Auth") signs people in; the portal reads its headers.</summary>
    AppService,
}

/// <summary>Settings under <c>Portal:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Portal:Auth";

    public AuthMode Mode { get; set; } = AuthMode.Embedded;

    /// <summary>How long an e-mailed sign-in link works. Short: the mail may sit in a shared inbox.</summary>
    public int LinkMinutes { get; set; } = 15;

    /// <summary>How long a sign-in lasts without activity (sliding).</summary>
    public int SessionHours { get; set; } = 8;
}
