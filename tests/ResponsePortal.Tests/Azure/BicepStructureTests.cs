using System.Text;
using System.Text.RegularExpressions;
using ResponsePortal.Tests.Emulators;

namespace ResponsePortal.Tests.AzureDeployment;

/// <summary>
/// The bicep CLI cannot be installed here, so the hand-written templates get the checks a compiler would make first:
/// balanced brackets, modules that exist, module parameters given and known, outputs that are declared, no unused
/// parameters. Not a full type check: docs/deploy.md asks for `az bicep build` before the first real deployment.
/// </summary>
public sealed partial class BicepStructureTests
{
    private static readonly string Infra = Path.Combine(EmulatorProcess.RepositoryRoot(), "infra");

    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Infra, "*.bicep", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Infra, f)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Brackets_balance_outside_strings_and_comments(string file)
    {
        var code = Code(file);
        var stack = new Stack<char>();
        foreach (var c in code)
        {
            switch (c)
            {
                case '{' or '[' or '(':
                    stack.Push(c);
                    break;
                case '}' or ']' or ')':
                    Assert.True(stack.Count > 0, $"{file}: '{c}' closes nothing.");
                    Assert.Equal(c switch { '}' => '{', ']' => '[', _ => '(' }, stack.Pop());
                    break;
            }
        }

        Assert.Empty(stack);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_parameter_is_used(string file)
    {
        var code = Code(file);
        foreach (var name in Parameters(code).Keys)
        {
            Assert.True(Regex.Count(code, $@"\b{name}\b") > 1, $"{file}: parameter {name} is never used.");
        }
    }

    [Fact]
    public void Modules_exist_and_get_exactly_the_parameters_they_declare()
    {
        var main = Code("main.bicep");
        var modules = Module().Matches(main).ToList();
        Assert.NotEmpty(modules);
        foreach (Match module in modules)
        {
            var path = module.Groups["path"].Value;
            Assert.True(File.Exists(Path.Combine(Infra, path)), $"main.bicep: module {path} does not exist.");
            var declared = Parameters(Code(path));
            var given = GivenParameters(main, module.Index);

            Assert.All(given, p => Assert.True(declared.ContainsKey(p), $"{path}: main.bicep passes {p}, which it does not declare."));
            Assert.All(declared.Where(p => !p.Value), p => Assert.True(given.Contains(p.Key), $"{path}: main.bicep does not pass required parameter {p.Key}."));
        }
    }

    [Fact]
    public void Every_module_output_used_is_declared()
    {
        var main = Code("main.bicep");
        var paths = Module().Matches(main).ToDictionary(m => m.Groups["symbol"].Value, m => m.Groups["path"].Value);
        foreach (Match use in OutputUse().Matches(main))
        {
            var path = paths[use.Groups["symbol"].Value];
            Assert.Matches($@"(?m)^output {use.Groups["output"].Value} ", Code(path));
        }
    }

    [Fact]
    public void The_function_app_runs_on_flex_consumption_as_a_custom_handler_with_the_user_assigned_identity()
    {
        var app = Code("modules/functionapp.bicep");

        Assert.Contains("tier: 'FlexConsumption', name: 'FC1'", app, StringComparison.Ordinal);
        Assert.Contains("runtime: { name: 'custom', version: '1.0' }", app, StringComparison.Ordinal);
        Assert.Contains("type: 'UserAssignedIdentity'", app, StringComparison.Ordinal);
        Assert.Contains("name: 'authsettingsV2'", app, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_bus_queues_dead_letter_after_bounded_deliveries()
    {
        var bus = Code("modules/servicebus.bicep");

        Assert.Contains("maxDeliveryCount: 10", bus, StringComparison.Ordinal);
        Assert.Contains("deadLetteringOnMessageExpiration: true", bus, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dashboards_are_not_public()
    {
        var publicPaths = Regex.Match(File.ReadAllText(Path.Combine(Infra, "main.bicep")), @"param publicPaths array = \[(?<items>[^\]]*)\]").Groups["items"].Value;
        var paths = Regex.Matches(publicPaths, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();

        Assert.Contains("/api/offers", paths);
        foreach (var secret in new[] { "/dashboard", "/api/dashboard", "/api/matches", "/api/export" })
        {
            Assert.DoesNotContain(paths, p => p == secret || p.EndsWith("/*", StringComparison.Ordinal) && secret.StartsWith(p[..^1], StringComparison.Ordinal) || p == "/*");
        }
    }

    /// <summary>Parameter name to "has a default".</summary>
    private static Dictionary<string, bool> Parameters(string code) =>
        Parameter().Matches(code).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success);

    /// <summary>The keys of the <c>params: { … }</c> block of the module starting at <paramref name="start"/>.</summary>
    private static HashSet<string> GivenParameters(string main, int start)
    {
        var open = main.IndexOf("params: {", start, StringComparison.Ordinal) + "params: ".Length;
        var depth = 0;
        var end = open;
        for (; end < main.Length; end++)
        {
            depth += main[end] switch { '{' or '[' => 1, '}' or ']' => -1, _ => 0 };
            if (depth == 0)
            {
                break;
            }
        }

        return GivenKey().Matches(main[open..end]).Select(m => m.Groups[1].Value).ToHashSet();
    }

    /// <summary>The file with comments removed and string contents blanked (interpolations hold braces).</summary>
    private static string Code(string file)
    {
        var text = File.ReadAllText(Path.Combine(Infra, file));
        var code = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }

                code.Append('\n');
            }
            else if (text[i] == '\'')
            {
                code.Append('\'');
                for (i++; i < text.Length && text[i] != '\''; i++)
                {
                    if (text[i] == '\\')
                    {
                        i++;
                    }

                    // Keep names and paths readable for the regexes; drop the brackets of interpolations.
                    code.Append(text[i] is '{' or '}' or '[' or ']' or '(' or ')' ? ' ' : text[i]);
                }

                code.Append('\'');
            }
            else
            {
                code.Append(text[i]);
            }
        }

        return code.ToString();
    }

    [GeneratedRegex(@"(?m)^param (?<name>\w+) \w+(?<default> =)?")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"(?m)^module (?<symbol>\w+) '(?<path>[^']+)' = \{")]
    private static partial Regex Module();

    [GeneratedRegex(@"(?m)^    (\w+):")]
    private static partial Regex GivenKey();

    [GeneratedRegex(@"\b(?<symbol>\w+)\.outputs\.(?<output>\w+)")]
    private static partial Regex OutputUse();
}
