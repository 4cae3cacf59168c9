using System.Text.RegularExpressions;

namespace ResponsePortal.Blobs;

/// <summary>
/// One rule for names in both adapters, so a name that works embedded also works on Azure and cannot escape the
/// folder: '/'-separated segments, none empty, "." or "..", no backslash or control characters, at most 1024 chars.
/// Containers follow Blob Storage's rule (3-63 lowercase letters, digits, single hyphens).
/// </summary>
public static partial class BlobNames
{
    public static void Validate(string container, string name)
    {
        ValidateContainer(container);
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > 1024)
        {
            throw new ArgumentException("A blob name has 1 to 1024 characters.", nameof(name));
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or ".." || segment.Any(c => c == '\\' || char.IsControl(c)))
            {
                throw new ArgumentException($"'{name}' is not a valid blob name: empty, '.' or '..' segment, backslash or control character.", nameof(name));
            }
        }
    }

    public static void ValidatePrefix(string container, string prefix)
    {
        ValidateContainer(container);
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Any(c => c == '\\' || char.IsControl(c)) || prefix.Split('/').Any(s => s is "." or ".."))
        {
            throw new ArgumentException($"'{prefix}' is not a valid blob name prefix.", nameof(prefix));
        }
    }

    public static void ValidateContainer(string container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (!ContainerName().IsMatch(container))
        {
            throw new ArgumentException($"'{container}' is not a valid container name.", nameof(container));
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    private static partial Regex ContainerName();
}
