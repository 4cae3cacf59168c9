namespace ResponsePortal.Listings;

/// <summary>A problem with one field, in both portal languages, so the API and the forms can answer in the user's.</summary>
/// <param name="Field">The wire name of the field (see <see cref="FieldNames"/>), or "$" for the request as a whole.</param>
public sealed record FieldError(string Field, string En, string De)
{
    public string Message(string language) => language == "de" ? De : En;
}

/// <summary>Collects field errors; keeps only the first error per field, which is the one worth fixing first.</summary>
public sealed class FieldErrors
{
    private readonly List<FieldError> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<FieldError> All => _errors;

    public bool Has(string field) => _errors.Exists(e => e.Field == field);

    public void Add(string field, string en, string de)
    {
        if (!Has(field))
        {
            _errors.Add(new FieldError(field, en, de));
        }
    }

    public void AddRange(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            Add(error.Field, error.En, error.De);
        }
    }

    /// <summary>The shape of problem+json "errors": field name to messages.</summary>
    public Dictionary<string, string[]> ToDictionary(string language) =>
        _errors.ToDictionary(e => e.Field, e => new[] { e.Message(language) }, StringComparer.Ordinal);
}
