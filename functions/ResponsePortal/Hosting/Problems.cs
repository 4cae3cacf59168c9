using Microsoft.AspNetCore.Http.HttpResults;
using ResponsePortal.Listings;

namespace ResponsePortal.Hosting;

/// <summary>application/problem+json answers with messages in the caller's language.</summary>
public static class Problems
{
    public static ValidationProblem Validation(string language, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.ValidationProblem(
            errors.ToDictionary(language),
            title: language == "de" ? "Die Angaben sind nicht gültig." : "The submission is not valid.",
            detail: language == "de" ? "Korrigieren Sie die genannten Felder; es wurde nichts gespeichert." : "Correct the fields named in errors; nothing was stored.");
    }

    public static ValidationProblem Validation(string language, string field, string en, string de)
    {
        var errors = new FieldErrors();
        errors.Add(field, en, de);
        return Validation(language, errors);
    }

    public static ProblemHttpResult Status(int status, string language, string en, string de) =>
        TypedResults.Problem(statusCode: status, detail: language == "de" ? de : en);

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "No such listing. / Kein solcher Eintrag.");
}
