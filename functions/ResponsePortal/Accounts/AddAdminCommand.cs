using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Accounts;

/// <summary>
/// <c>dotnet run --project functions/ResponsePortal -- add-admin someone@example.org</c>: creates (or promotes) an admin
/// account in the configured data directory without starting the web host. The admin then asks for a sign-in link at /signin.
/// </summary>
public static class AddAdminCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var email = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (email is null || !IsEmail(email))
        {
            error.WriteLine("Usage: add-admin <e-mail> [--Portal:DataDirectory=<folder>]");
            return 2;
        }

        // The same sources as the web host (appsettings, environment, command line), so the same database is found.
        var configuration = new ConfigurationBuilder()
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal))])
            .Build();
        var options = new PortalStorageOptions();
        configuration.GetSection(PortalStorageOptions.SectionName).Bind(options);
        using var database = SqlitePortalDatabase.Open(options);
        var account = new Account(AccountEmails.Normalise(email), PortalRole.Admin, null, null, DateTimeOffset.UtcNow, "add-admin");
        var created = database.ExecuteInWriteTransactionAsync((connection, transaction) => SqliteAccountStore.Upsert(connection, transaction, account), CancellationToken.None)
            .GetAwaiter().GetResult();
        output.WriteLine($"{(created ? "Added" : "Updated")} admin {account.Email} in {database.DatabasePath}. Sign in at /signin.");
        return 0;
    }

    /// <summary>Deliberately loose: one @ with text on both sides and no spaces; the sign-in link proves the rest.</summary>
    public static bool IsEmail(string? text) =>
        text is { Length: >= 3 and <= 254 } && text.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < text.Length - 1
        && text.IndexOf('@', at + 1) < 0 && !text.Any(char.IsWhiteSpace);
}
