using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using ResponsePortal.Blobs;

namespace ResponsePortal.Hosting;

/// <summary>
/// Data Protection's key ring in a blob container, through the blob port: in Azure every instance (many, short-lived)
/// reads and writes the same keys, so a cookie, antiforgery token or link protected by one instance is unprotected by
/// any other. One blob per key (<c>key-{guid}.xml</c>), as the file system repository keeps one file per key.
/// </summary>
public sealed partial class BlobXmlRepository(IBlobStore blobs, string container) : IXmlRepository
{
    /// <remarks>
    /// IXmlRepository is synchronous. The key manager calls it when the key ring is first needed and then about once a
    /// day (or when it creates a key), never per request, so blocking a thread-pool thread here is rare and short.
    /// </remarks>
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(LoadAsync).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = (friendlyName is { Length: > 0 } && SafeName().IsMatch(friendlyName) ? friendlyName : Guid.NewGuid().ToString("N")) + ".xml";
        var content = Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting));
        Task.Run(() => blobs.PutAsync(container, name, content, "application/xml", CancellationToken.None)).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> LoadAsync()
    {
        var elements = new List<XElement>();
        foreach (var entry in await blobs.ListAsync(container, "", CancellationToken.None).ConfigureAwait(false))
        {
            if (!entry.Name.EndsWith(".xml", StringComparison.Ordinal)
                || await blobs.GetAsync(container, entry.Name, CancellationToken.None).ConfigureAwait(false) is not { } blob)
            {
                continue; // deleted between list and get: a revoked or cleaned-up key, nothing to load
            }

            elements.Add(XElement.Parse(Encoding.UTF8.GetString(blob.Data.Span)));
        }

        return elements;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,200}$")]
    private static partial Regex SafeName();
}
