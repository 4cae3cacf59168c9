using Microsoft.Extensions.Options;
using ResponsePortal.Hosting;
using ResponsePortal.Mail;
using ResponsePortal.Matching;
using ResponsePortal.Notifications;
using ResponsePortal.Store.Sqlite;

namespace ResponsePortal.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>
    /// The embedded match-and-notify pipeline: work queue and match store on the SQLite database (needs
    /// AddSqliteListingStore), the matcher and notifier handlers, the in-process runner, mail (pickup folder, or SMTP when
    /// Portal:Smtp:Host is set) and the link signer.
    /// </summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.Section));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton(provider => new SqliteWorkQueue(provider.GetRequiredService<SqlitePortalDatabase>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IWorkQueue>(provider => provider.GetRequiredService<SqliteWorkQueue>());
        services.AddSingleton<IWorkLeases>(provider => provider.GetRequiredService<SqliteWorkQueue>());
        services.AddSingleton(provider => provider.GetRequiredService<SqlitePortalDatabase>().WorkSignal);
        services.AddSingleton<IMatchStore>(provider => new SqliteMatchStore(provider.GetRequiredService<SqlitePortalDatabase>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ResponseLinks>();
        services.AddSingleton<PickupFolderMailSender>();
        services.AddSingleton<IMailSender>(provider =>
            string.IsNullOrWhiteSpace(provider.GetRequiredService<IOptions<SmtpOptions>>().Value.Host)
                ? provider.GetRequiredService<PickupFolderMailSender>()
                : new SmtpMailSender(provider.GetRequiredService<IOptions<SmtpOptions>>()));
        services.AddSingleton<IWorkHandler, MatchHandler>();
        services.AddSingleton<IWorkHandler, NotifyHandler>();
        services.AddHostedService<WorkRunner>();
        services.AddSingleton<Housekeeping.HousekeepingService>();
        services.AddHostedService(provider => provider.GetRequiredService<Housekeeping.HousekeepingService>());
        return services;
    }

    public static IEndpointRouteBuilder MapPipeline(this IEndpointRouteBuilder routes)
    {
        routes.MapResponseLinks();
        return routes;
    }
}
