using System.Text.Json;

namespace ResponsePortal.Allocation.Io;

/// <summary>
/// Writes an allocation in the shared output format, <c>{"allocations":[{"offerId","requestId","quantity"}]}</c>, plus the
/// fields the format allows as extras: an <c>explanation</c> object per allocation and the top-level <c>objective</c>.
/// </summary>
public static class AllocationWriter
{
    public static void Write(AllocationResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
        json.WriteStartObject();
        json.WriteNumber("objective"u8, result.Objective);
        json.WriteStartArray("allocations"u8);
        foreach (var allocation in result.Allocations)
        {
            json.WriteStartObject();
            json.WriteString("offerId"u8, allocation.OfferId);
            json.WriteString("requestId"u8, allocation.RequestId);
            json.WriteNumber("quantity"u8, allocation.Quantity);
            WriteExplanation(json, allocation.Explanation);
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteExplanation(Utf8JsonWriter json, MatchExplanation explanation)
    {
        json.WriteStartObject("explanation"u8);
        // Rounded for people reading the file; the objective is computed from the unrounded values.
        json.WriteNumber("distanceKm"u8, Math.Round(explanation.DistanceKm, 3));
        json.WriteString("urgency"u8, explanation.Urgency switch
        {
            Urgency.Critical => "critical",
            Urgency.High => "high",
            _ => "normal",
        });
        json.WriteStartArray("certificationsSatisfied"u8);
        foreach (var certification in explanation.CertificationsSatisfied)
        {
            json.WriteStringValue(certification);
        }

        json.WriteEndArray();
        json.WriteBoolean("substituteUsed"u8, explanation.SubstituteUsed);
        json.WriteString("offerCategory"u8, explanation.OfferCategory);
        json.WriteNumber("shareOfRequest"u8, Math.Round(explanation.ShareOfRequest, 6));
        json.WriteNumber("valuePerUnit"u8, Math.Round(explanation.ValuePerUnit, 6));
        if (explanation.SkillsMatched.Count > 0)
        {
            json.WriteStartArray("skillsMatched"u8);
            foreach (var skill in explanation.SkillsMatched)
            {
                json.WriteStringValue(skill);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
