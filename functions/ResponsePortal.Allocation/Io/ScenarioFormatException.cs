namespace ResponsePortal.Allocation.Io;

/// <summary>The scenario file does not follow the shared format; the message says where and why, for a person to fix it.</summary>
public sealed class ScenarioFormatException : Exception
{
    public ScenarioFormatException()
    {
    }

    public ScenarioFormatException(string message)
        : base(message)
    {
    }

    public ScenarioFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
