using System.Text.RegularExpressions;

namespace ResponsePortal.Listings;

/// <summary>Field-level checks shared by every rule: text, catalogue codes, "required" and "not on this side" messages.</summary>
public static partial class ListingValidator
{
    private static string? Text(FieldErrors errors, string field, string? value, bool required, int min, int max, bool multiline)
    {
        if (value is null || value.Trim().Length == 0)
        {
            if (required)
            {
                Required(errors, field);
            }

            return null;
        }

        var text = value.Trim();
        if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
        {
            errors.Add(field, multiline ? "Remove the control characters." : "Remove line breaks and control characters.", multiline ? "Entfernen Sie die Steuerzeichen." : "Entfernen Sie Zeilenumbrüche und Steuerzeichen.");
            return null;
        }

        if (text.Length < min || text.Length > max)
        {
            errors.Add(field, $"Enter {min} to {max} characters (now {text.Length}).", $"Geben Sie {min} bis {max} Zeichen ein (jetzt {text.Length}).");
            return null;
        }

        return text;
    }

    private static string[] Codes(FieldErrors errors, string field, IReadOnlyList<string>? codes, Func<string, bool> isKnown, string en, string de, string catalogUrl)
    {
        if (codes is null)
        {
            return [];
        }

        if (codes.Count > MaxListItems)
        {
            errors.Add(field, $"Give at most {MaxListItems} entries.", $"Geben Sie höchstens {MaxListItems} Einträge an.");
            return [];
        }

        var unknown = codes.FirstOrDefault(c => !isKnown(c));
        if (unknown is not null)
        {
            var shown = unknown.Length > 40 ? unknown[..40] + "…" : unknown;
            errors.Add(field, $"Unknown {en} \"{Sanitize(shown)}\": choose from {catalogUrl}.", $"Unbekannte {de} „{Sanitize(shown)}“: wählen Sie aus {catalogUrl}.");
            return [];
        }

        return [.. codes.Distinct(StringComparer.Ordinal)];
    }

    private static string Sanitize(string text) => new([.. text.Select(c => char.IsControl(c) ? '?' : c)]);

    private static void Required(FieldErrors errors, string field) =>
        errors.Add(field, "This field is required.", "Dieses Feld ist erforderlich.");

    private static void OnlyOnOffers(FieldErrors errors, string field, object? value)
    {
        if (value is not null)
        {
            errors.Add(field, "This field is only for offers.", "Dieses Feld gibt es nur bei Angeboten.");
        }
    }

    private static void OnlyOnRequests(FieldErrors errors, string field, object? value)
    {
        if (value is not null)
        {
            errors.Add(field, "This field is only for requests (shortages).", "Dieses Feld gibt es nur bei Bedarfen.");
        }
    }

    private static void OnlyForType(FieldErrors errors, string field, object? value, string type, string typeDe)
    {
        if (value is not null)
        {
            errors.Add(field, $"This field is only for listings of type {type}.", $"Dieses Feld gibt es nur bei Einträgen vom Typ {typeDe}.");
        }
    }

    [GeneratedRegex(@"^[^@\s\p{C}]{1,64}@[^@\s\p{C}]+\.[^@\s\p{C}]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()/\-]{4,28}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}\-]{0,79}$")]
    private static partial Regex ClusterPattern();
}
