using System.Collections.Frozen;

namespace ResponsePortal.Allocation;

/// <summary>
/// Which offer categories may serve a request category: the category itself plus its listed substitutes.
/// Substitution is directed (an FFP3 offer may serve an FFP2 request, not the reverse), so it is keyed by the request side.
/// </summary>
public sealed class SubstituteCatalogue
{
    private readonly FrozenDictionary<string, string[]> _servingCategories;

    public SubstituteCatalogue(IReadOnlyDictionary<string, IReadOnlyList<string>> substitutes)
    {
        ArgumentNullException.ThrowIfNull(substitutes);
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (requestCategory, offerCategories) in substitutes)
        {
            // The category itself first, then its substitutes without duplicates, in the order given.
            var serving = new List<string> { requestCategory };
            foreach (var offerCategory in offerCategories)
            {
                if (!serving.Contains(offerCategory, StringComparer.Ordinal))
                {
                    serving.Add(offerCategory);
                }
            }

            map[requestCategory] = [.. serving];
        }

        _servingCategories = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static SubstituteCatalogue Empty { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>Offer categories that may serve a request of <paramref name="requestCategory"/>, the category itself first.</summary>
    public IReadOnlyList<string> OfferCategoriesServing(string requestCategory) =>
        _servingCategories.TryGetValue(requestCategory, out var serving) ? serving : [requestCategory];

    public bool CanServe(string offerCategory, string requestCategory)
    {
        if (string.Equals(offerCategory, requestCategory, StringComparison.Ordinal))
        {
            return true;
        }

        return _servingCategories.TryGetValue(requestCategory, out var serving)
            && Array.IndexOf(serving, offerCategory) >= 0;
    }
}
