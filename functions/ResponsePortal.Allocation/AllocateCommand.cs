using ResponsePortal.Allocation.Io;

namespace ResponsePortal.Allocation;

/// <summary>
/// The "what if" command behind <c>ResponsePortal allocate &lt;scenario.json&gt;</c>: reads a scenario, allocates it
/// optimally, writes the allocation. A broken scenario is reported to the person in one line, with exit code 2.
/// </summary>
public static class AllocateCommand
{
    public const int Success = 0;
    public const int InvalidScenario = 2;

    public static int Run(Stream scenarioJson, Stream output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(scenarioJson);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        byte[] content;
        using (var buffer = new MemoryStream(scenarioJson.CanSeek ? (int)Math.Min(int.MaxValue, scenarioJson.Length) : 0))
        {
            scenarioJson.CopyTo(buffer);
            content = buffer.GetBuffer().AsSpan(0, (int)buffer.Length).ToArray();
        }

        return Run(content, output, error);
    }

    /// <summary>Runs on the file at <paramref name="path"/>; a missing or unreadable file is reported like an invalid scenario.</summary>
    public static int RunFile(string? path, Stream output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (string.IsNullOrWhiteSpace(path))
        {
            error.WriteLine("usage: allocate <scenario.json>");
            return InvalidScenario;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error.WriteLine($"allocate: cannot read '{path}': {e.Message}");
            return InvalidScenario;
        }

        return Run(content, output, error);
    }

    private static int Run(byte[] content, Stream output, TextWriter error)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioReader.Read(content);
        }
        catch (ScenarioFormatException e)
        {
            error.WriteLine($"allocate: invalid scenario: {e.Message}");
            return InvalidScenario;
        }

        var result = AllocationEngine.Allocate(scenario);
        AllocationWriter.Write(result, output);
        output.Flush();
        return Success;
    }
}
