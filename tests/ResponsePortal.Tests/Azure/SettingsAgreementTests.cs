using System.Text.Json;
using System.Text.RegularExpressions;
using ResponsePortal.Blobs;
using ResponsePortal.Functions;
using ResponsePortal.Store.Cosmos;
using ResponsePortal.Tests.Emulators;

namespace ResponsePortal.Tests.AzureDeployment; // not ".Azure": that would hide the Azure SDK namespace in this assembly

/// <summary>
/// The Azure deployment is three hand-written descriptions of one app: function.json bindings, Bicep, and the
/// adapters' constants. Nothing compiles them together (no bicep CLI here), so these tests check that the names agree:
/// a typo in any of them would otherwise surface only as a silent trigger or a 404 in Azure.
/// </summary>
public sealed partial class SettingsAgreementTests
{
    private static readonly string Root = EmulatorProcess.RepositoryRoot();

    private static readonly string[] FunctionNames = ["Portal", "ListingChanged", "MatchListing", "NotifyMatch", "Housekeeping"];

    [Fact]
    public void Every_function_has_a_folder_with_its_function_json()
    {
        var folders = Directory.GetFiles(Path.Combine(Root, "functions"), "function.json", SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(Path.GetDirectoryName(f)!))
            .Order(StringComparer.Ordinal);

        Assert.Equal(FunctionNames.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void Every_connection_has_its_identity_based_settings_in_bicep_and_in_the_local_sample()
    {
        var bicep = BicepAppSettings();
        var sample = SampleSettings();
        foreach (var binding in Bindings().Where(b => b.Connection is not null))
        {
            var required = binding.Type switch
            {
                "cosmosDBTrigger" => "accountEndpoint",
                "serviceBus" or "serviceBusTrigger" => "fullyQualifiedNamespace",
                _ => throw new InvalidOperationException($"No rule for a {binding.Type} connection."),
            };
            foreach (var setting in new[] { required, "credential", "clientId" }.Select(s => $"{binding.Connection}__{s}"))
            {
                Assert.True(bicep.Contains(setting), $"{binding.Function}: {setting} is not in infra/modules/functionapp.bicep.");
                Assert.True(sample.Contains(setting), $"{binding.Function}: {setting} is not in local.settings.sample.json.");
            }
        }

        // The host's own storage, identity-based as well (no connection string anywhere).
        Assert.Contains("AzureWebJobsStorage__accountName", bicep);
        Assert.DoesNotContain("AzureWebJobsStorage", bicep);
    }

    [Fact]
    public void Every_percent_reference_in_function_json_is_a_setting_in_bicep_and_in_the_local_sample()
    {
        var references = Bindings().SelectMany(b => b.Values).SelectMany(v => PercentReference().Matches(v).Select(m => m.Groups[1].Value)).ToHashSet();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, BicepAppSettings()));
        Assert.All(references, r => Assert.Contains(r, SampleSettings()));
    }

    [Fact]
    public void The_local_sample_lists_every_setting_bicep_sets()
    {
        var missing = BicepAppSettings().Except(SampleSettings()).ToList();

        Assert.True(missing.Count == 0, "Missing from local.settings.sample.json: " + string.Join(", ", missing));
    }

    [Fact]
    public void Queue_names_in_function_json_are_the_service_bus_queues_in_bicep()
    {
        var used = Bindings().Select(b => b.Property("queueName")).OfType<string>().ToHashSet();
        var declared = BicepArrayParameter("modules/servicebus.bicep", "queueNames");

        Assert.Equal(declared.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Cosmos_containers_and_partition_keys_agree_between_adapter_bicep_and_function_json()
    {
        var declared = BicepCosmosContainers();
        var adapter = new Dictionary<string, string>
        {
            [CosmosContainers.Listings] = CosmosContainers.ListingsPartitionKeyPath,
            [CosmosContainers.Idempotency] = CosmosContainers.IdempotencyPartitionKeyPath,
            [CosmosContainers.Accounts] = CosmosContainers.AccountsPartitionKeyPath,
            [CosmosContainers.BulkUploads] = CosmosContainers.BulkUploadsPartitionKeyPath,
            [CosmosContainers.Matches] = CosmosContainers.MatchesPartitionKeyPath,
            [CosmosContainers.Ledgers] = CosmosContainers.LedgersPartitionKeyPath,
            [CosmosContainers.Links] = CosmosContainers.LinksPartitionKeyPath,
            [CosmosContainers.Notifications] = CosmosContainers.NotificationsPartitionKeyPath,
            [CosmosContainers.Leases] = CosmosContainers.LeasesPartitionKeyPath,
        };
        var used = Bindings().SelectMany(b => new[] { b.Property("containerName"), b.Property("leaseContainerName") }).OfType<string>();

        Assert.Equal(adapter.OrderBy(p => p.Key), declared.OrderBy(p => p.Key));
        Assert.All(used, name => Assert.Contains(name, declared.Keys));
    }

    [Fact]
    public void The_listing_index_in_bicep_is_the_adapters_index()
    {
        var text = File.ReadAllText(Path.Combine(Root, "infra", "modules", "cosmos.bicep"));
        var listings = text[text.IndexOf("name: 'listings'", StringComparison.Ordinal)..text.IndexOf("name: 'idempotency'", StringComparison.Ordinal)];
        listings = listings[listings.IndexOf("includedPaths", StringComparison.Ordinal)..listings.IndexOf("excludedPaths", StringComparison.Ordinal)];
        var included = IncludedPath().Matches(listings).Select(m => m.Groups[1].Value);

        Assert.Equal(CosmosContainers.IndexedListingPaths, included);
    }

    [Theory]
    [InlineData(CosmosContainers.Accounts)]
    [InlineData(CosmosContainers.BulkUploads)]
    public void The_state_container_indexes_in_bicep_are_the_adapters_indexes(string container)
    {
        var expected = container == CosmosContainers.Accounts ? CosmosContainers.IndexedAccountPaths : CosmosContainers.IndexedBulkUploadPaths;
        var text = File.ReadAllText(Path.Combine(Root, "infra", "modules", "cosmos.bicep"));
        var block = text.Split("resource ").Single(b => b.Contains($"name: '{container}'", StringComparison.Ordinal));
        block = block[block.IndexOf("includedPaths", StringComparison.Ordinal)..block.IndexOf("excludedPaths", StringComparison.Ordinal)];

        Assert.Equal(expected, IncludedPath().Matches(block).Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void The_match_index_in_bicep_is_the_adapters_index()
    {
        var text = File.ReadAllText(Path.Combine(Root, "infra", "modules", "cosmos.bicep"));
        var matches = text[text.IndexOf("name: 'matches'", StringComparison.Ordinal)..text.IndexOf("name: 'ledgers'", StringComparison.Ordinal)];
        matches = matches[matches.IndexOf("includedPaths", StringComparison.Ordinal)..matches.IndexOf("excludedPaths", StringComparison.Ordinal)];
        var included = IncludedPath().Matches(matches).Select(m => m.Groups[1].Value);

        Assert.Equal(CosmosContainers.IndexedMatchPaths, included);
    }

    [Fact]
    public void Blob_containers_in_bicep_are_the_ports_containers()
    {
        Assert.Equal(BlobContainers.All, BicepArrayParameter("modules/storage.bicep", "portalContainers"));
    }

    [Fact]
    public void Host_json_starts_the_published_executable_and_forwards_http_without_a_prefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "functions", "host.json")));
        var root = host.RootElement;
        var handler = root.GetProperty("customHandler");

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.Equal("ResponsePortal", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.Equal("[4.*, 5.0.0)", root.GetProperty("extensionBundle").GetProperty("version").GetString());
        Assert.Equal("ResponsePortal", typeof(Program).Assembly.GetName().Name); // the published executable's name
    }

    [Fact]
    public void Only_the_portal_function_is_http_and_it_has_only_an_http_output()
    {
        // enableForwardingHttpRequest forwards the raw request only when the function has no other output binding.
        var portal = Bindings().Where(b => b.Function == "Portal").ToList();
        var http = Bindings().Where(b => b.Type is "httpTrigger" or "http").Select(b => b.Function).Distinct();

        Assert.Equal(["Portal"], http);
        Assert.Equal(["httpTrigger", "http"], portal.Select(b => b.Type));
        Assert.Equal("{*path}", portal[0].Property("route"));
        Assert.Equal("anonymous", portal[0].Property("authLevel"));
    }

    [Fact]
    public void The_invocation_endpoints_cover_every_non_http_function_with_its_output_bindings()
    {
        var nonHttp = FunctionNames.Where(f => f != "Portal").Order(StringComparer.Ordinal);

        Assert.Equal(nonHttp, PipelineFunctions.Outputs.Keys.Order(StringComparer.Ordinal));
        foreach (var (function, queues) in PipelineFunctions.Outputs)
        {
            var outputs = Bindings().Where(b => b.Function == function && b.Type == "serviceBus").ToList();
            Assert.Equal(queues.Order(StringComparer.Ordinal), outputs.Select(b => b.Json.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
            Assert.All(outputs, b => Assert.Equal(b.Json.GetProperty("name").GetString(), b.Property("queueName")));
        }

        Assert.Equal(PipelineFunctions.MessageBinding, Bindings().Single(b => b.Function == PipelineFunctions.MatchListing && b.Type == "serviceBusTrigger").Json.GetProperty("name").GetString());
        Assert.Equal(ListingChangedFunction.DocumentsBinding, Bindings().Single(b => b.Type == "cosmosDBTrigger").Json.GetProperty("name").GetString());
    }

    [Fact]
    public void Keys_and_shared_key_access_are_disabled_in_bicep()
    {
        string Module(string name) => File.ReadAllText(Path.Combine(Root, "infra", "modules", name));

        Assert.Contains("disableLocalAuth: true", Module("cosmos.bicep"), StringComparison.Ordinal);
        Assert.Contains("disableLocalAuth: true", Module("servicebus.bicep"), StringComparison.Ordinal);
        Assert.Contains("allowSharedKeyAccess: false", Module("storage.bicep"), StringComparison.Ordinal);
        Assert.Contains("DisableLocalAuth: true", Module("monitoring.bicep"), StringComparison.Ordinal);
        Assert.DoesNotContain("listKeys", string.Concat(Directory.GetFiles(Path.Combine(Root, "infra"), "*.bicep", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    private sealed record Binding(string Function, string Type, string? Connection, JsonElement Json)
    {
        public IEnumerable<string> Values => Json.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()!);

        public string? Property(string name) => Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    private static List<Binding> Bindings() =>
        FunctionNames.SelectMany(function =>
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "functions", function, "function.json")));
            return json.RootElement.GetProperty("bindings").EnumerateArray()
                .Select(b => new Binding(
                    function,
                    b.GetProperty("type").GetString()!,
                    b.TryGetProperty("connection", out var c) ? c.GetString() : null,
                    b.Clone()))
                .ToList();
        }).ToList();

    private static HashSet<string> BicepAppSettings() =>
        AppSetting().Matches(File.ReadAllText(Path.Combine(Root, "infra", "modules", "functionapp.bicep"))).Select(m => m.Groups[1].Value).ToHashSet();

    private static HashSet<string> SampleSettings()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "local.settings.sample.json")));
        return json.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet();
    }

    /// <summary>The default of <c>param NAME array = [ 'a' 'b' ]</c> in a module.</summary>
    private static List<string> BicepArrayParameter(string module, string name)
    {
        var text = File.ReadAllText(Path.Combine(Root, "infra", module));
        var match = Regex.Match(text, $@"param {name} array = \[(?<items>[^\]]*)\]");
        Assert.True(match.Success, $"{module} has no array parameter {name}.");
        return QuotedValue().Matches(match.Groups["items"].Value).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>Container name to partition key path, from the container resources in cosmos.bicep.</summary>
    private static Dictionary<string, string> BicepCosmosContainers()
    {
        var text = File.ReadAllText(Path.Combine(Root, "infra", "modules", "cosmos.bicep"));
        var blocks = text.Split("resource ").Where(b => b.Contains("sqlDatabases/containers@", StringComparison.Ordinal));
        return blocks.ToDictionary(
            b => Regex.Match(b, @"name: '([^']+)'").Groups[1].Value,
            b => Regex.Match(b, @"paths: \[ '([^']+)' \]").Groups[1].Value);
    }

    [GeneratedRegex(@"\{ name: '([^']+)', value:")]
    private static partial Regex AppSetting();

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex PercentReference();

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex QuotedValue();

    [GeneratedRegex(@"\{ path: '([^']+)' \}")]
    private static partial Regex IncludedPath();
}
