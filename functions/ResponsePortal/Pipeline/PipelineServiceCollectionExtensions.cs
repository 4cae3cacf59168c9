using Microsoft.Extensions.Options;
using ResponsePortal.Hosting;
using ResponsePortal.Mail;
using ResponsePortal.Matching;
using ResponsePortal.Notifications;
using ResponsePortal.Store;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The match-and-notify pipeline: the matcher and notifier handlers, mail (pickup folder, or SMTP when
    /// Portal:Smtp:Host is set) and the link signer, in both run modes. Embedded (SQLite), also the work queue and match
    /// store on the SQLite database (needs AddSqliteListingStore), the in-process runner and the housekeeping timer. On
    /// Azure (Portal:Store=Cosmos) the Functions host drives the same handlers through the invocation endpoints
    /// (Functions/PipelineFunctions.cs): Service Bus is the queue, the matches container's change feed the outbox, and
    /// a timer function the housekeeping, so nothing runs in the background of the web process.
    /// </summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<ResponseLinks>();
        services.AddSingleton<PickupFolderMailSender>();
        services.AddSingleton<MailArchive>();
        // Either adapter, wrapped so every sent mail also lands in the mail archive (Mail/ArchivingMailSender.cs).
        services.AddSingleton<IMailSender>(provider => new ArchivingMailSender(
            string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<SmtpOptions>>().Value.Host)
                ? provider.GetRequiredService<PickupFolderMailSender>()
                : new SmtpMailSender(provider.GetRequiredService<IOptions<SmtpOptions>>()),
            provider.GetRequiredService<MailArchive>(),
            provider.GetRequiredService<ILogger<ArchivingMailSender>>()));
        services.AddSingleton<IWorkHandler, MatchHandler>();
        services.AddSingleton<IWorkHandler, NotifyHandler>();
        // Both modes: the embedded timer below and the Azure Housekeeping timer (PipelineFunctions) run its sweep.
        services.AddSingleton<Housekeeping.BlobRetention>();
        if (ListingStoreSelection.IsCosmos(configuration))
        {
            services.AddCosmosMatchStore();
            return services;
        }

        services.AddSingleton(provider => new SqliteWorkQueue(provider.GetRequiredService<SqlitePortalDatabase>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IWorkQueue>(provider => provider.GetRequiredService<SqliteWorkQueue>());
        services.AddSingleton<IWorkLeases>(provider => provider.GetRequiredService<SqliteWorkQueue>());
        services.AddSingleton(provider => provider.GetRequiredService<SqlitePortalDatabase>().WorkSignal);
        services.AddSingleton<IMatchStore>(provider => new SqliteMatchStore(provider.GetRequiredService<SqlitePortalDatabase>(), provider.GetRequiredService<TimeProvider>()));
        services.AddHostedService<WorkRunner>();
        services.AddSingleton<Housekeeping.HousekeepingService>();
        services.AddHostedService(provider => provider.GetRequiredService<Housekeeping.HousekeepingService>());
        services.AddHostedService(provider => provider.GetRequiredService<Housekeeping.BlobRetention>());
        return services;
    }

    public static IEndpointRouteBuilder MapPipeline(this IEndpointRouteBuilder routes)
    {
        routes.MapResponseLinks();
        return routes;
    }
}
