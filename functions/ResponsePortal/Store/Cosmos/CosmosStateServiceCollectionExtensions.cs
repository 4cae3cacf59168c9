using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ResponsePortal.Accounts;
using ResponsePortal.BulkPosting;
using ResponsePortal.Catalog;
using ResponsePortal.Dashboard;
using ResponsePortal.Export;

namespace ResponsePortal.Store.Cosmos;

/// <summary>
/// Azure mode for the state beside listings and matches: accounts, bulk uploads, dashboard and export on Cosmos DB.
/// Each call replaces the SQLite registration of its port, so call them after AddPortalAccounts, AddBulkPosting and
/// AddDashboard, and after AddCosmosListingStore (which registers the <see cref="Database"/> they use).
/// Data Protection needs no call: AddPortalDataProtection keeps its keys in Blob Storage whenever the blob store is the
/// Blob REST one (<c>Blobs:ServiceUri</c> set).
/// </summary>
public static class CosmosStateServiceCollectionExtensions
{
    /// <summary>All of the below: what Azure mode needs besides the listing and match stores.</summary>
    public static IServiceCollection AddCosmosPortalState(this IServiceCollection services) =>
        services.AddCosmosAccounts().AddCosmosBulkUploads().AddCosmosDashboard();

    public static IServiceCollection AddCosmosAccounts(this IServiceCollection services)
    {
        services.RemoveAll<IAccountStore>();
        services.AddSingleton<IAccountStore>(provider => CosmosAccountStore.ForDatabase(provider.GetRequiredService<Database>()));
        return services;
    }

    /// <summary>
    /// The processor (a hosted service) reaches the files only through the port. It does not resume orphans at start
    /// here: instances come and go and several would race for the same file; the Housekeeping timer finishes uploads
    /// idle for <see cref="IBulkUploadStore.ResumeAfter"/> instead (PipelineFunctions).
    /// </summary>
    public static IServiceCollection AddCosmosBulkUploads(this IServiceCollection services)
    {
        services.RemoveAll<IBulkUploadStore>();
        services.AddSingleton<IBulkUploadStore>(provider => CosmosBulkUploadStore.ForDatabase(provider.GetRequiredService<Database>(), provider.GetRequiredService<TimeProvider>()));
        services.RemoveAll<BulkProcessor>();
        services.AddSingleton(provider =>
        {
            var processor = ActivatorUtilities.CreateInstance<BulkProcessor>(provider);
            processor.ResumeUnfinishedAtStart = false;
            return processor;
        });
        return services;
    }

    /// <summary>Dashboard and export from one cached snapshot per instance (docs/cosmos.md, "Dashboard and export").</summary>
    public static IServiceCollection AddCosmosDashboard(this IServiceCollection services)
    {
        services.AddSingleton(provider => CosmosDashboardSnapshots.ForDatabase(provider.GetRequiredService<Database>(), provider.GetRequiredService<TimeProvider>()));
        services.RemoveAll<IDashboardSource>();
        services.AddSingleton<IDashboardSource>(provider => new CosmosDashboardSource(
            provider.GetRequiredService<CosmosDashboardSnapshots>(), provider.GetRequiredService<PortalCatalog>(), provider.GetRequiredService<TimeProvider>()));
        services.RemoveAll<IExportSource>();
        services.AddSingleton<IExportSource>(provider => CosmosExportSource.ForDatabase(
            provider.GetRequiredService<Database>(), provider.GetRequiredService<CosmosDashboardSnapshots>(),
            provider.GetRequiredService<PortalCatalog>(), provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
