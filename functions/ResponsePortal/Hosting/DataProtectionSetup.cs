using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace ResponsePortal.Hosting;

public static class DataProtectionSetup
{
    /// <summary>
    /// Keeps the keys behind antiforgery tokens and sign-in cookies in the data directory, beside the database,
    /// so a restart does not invalidate forms that are open in someone's browser and the portal's state lives
    /// in one folder. (The default, the user's home directory, is often not writable for a service account.)
    /// </summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("ResponsePortal");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<PortalOptions>, ILoggerFactory>((keys, portal, loggers) =>
            {
                var directory = new DirectoryInfo(Path.Combine(Path.GetFullPath(portal.Value.DataDirectory), "keys"));
                keys.XmlRepository = new FileSystemXmlRepository(directory, loggers);
            });
        return services;
    }
}
