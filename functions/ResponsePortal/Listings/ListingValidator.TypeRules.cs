namespace ResponsePortal.Listings;

/// <summary>The rules only capacity and personnel listings have: lead time and minimum order; skills, period and staff loans.</summary>
public static partial class ListingValidator
{
    private sealed record CapacityFields(int? LeadTimeDays, long? MinimumOrder);

    private static CapacityFields ValidateCapacity(FieldErrors errors, ListingDraft draft, ListingType? type, long? quantity)
    {
        if (type is not ListingType.Capacity)
        {
            if (type is not null)
            {
                OnlyForType(errors, FieldNames.LeadTimeDays, draft.LeadTimeDays, "capacity", "Kapazität");
                OnlyForType(errors, FieldNames.MinimumOrder, draft.MinimumOrder, "capacity", "Kapazität");
            }

            return new CapacityFields(null, null);
        }

        if (draft.LeadTimeDays is < 0 or > 365)
        {
            errors.Add(FieldNames.LeadTimeDays, "Enter a lead time from 0 to 365 days.", "Geben Sie eine Vorlaufzeit von 0 bis 365 Tagen ein.");
        }

        if (draft.MinimumOrder is { } minimum && (minimum < 1 || (quantity is { } q && minimum > q)))
        {
            errors.Add(FieldNames.MinimumOrder, "The minimum order must be at least 1 and at most the weekly capacity.", "Die Mindestmenge muss mindestens 1 und höchstens die Wochenkapazität sein.");
        }

        return new CapacityFields((int?)draft.LeadTimeDays, draft.MinimumOrder);
    }

    private sealed record PersonnelFields(IReadOnlyList<string> Skills, Period? Period, StaffLoanModel? StaffLoanModel, bool? EmployeesAgreed);

    private static PersonnelFields ValidatePersonnel(FieldErrors errors, ListingDraft draft, ListingType? type, bool offer, DateOnly today)
    {
        if (type is not ListingType.Personnel)
        {
            if (type is not null)
            {
                OnlyForType(errors, FieldNames.Skills, draft.Skills, "personnel", "Personal");
                OnlyForType(errors, FieldNames.PeriodFrom, draft.PeriodFrom, "personnel", "Personal");
                OnlyForType(errors, FieldNames.PeriodUntil, draft.PeriodUntil, "personnel", "Personal");
                OnlyForType(errors, FieldNames.StaffLoanModel, draft.StaffLoanModel, "personnel", "Personal");
                OnlyForType(errors, FieldNames.EmployeesAgreed, draft.EmployeesAgreed, "personnel", "Personal");
            }

            return new PersonnelFields([], null, null, null);
        }

        var skills = new List<string>();
        if (draft.Skills is null || draft.Skills.Count == 0)
        {
            errors.Add(FieldNames.Skills, "Name at least one skill.", "Nennen Sie mindestens eine Fähigkeit.");
        }
        else if (draft.Skills.Count > MaxListItems)
        {
            errors.Add(FieldNames.Skills, $"Name at most {MaxListItems} skills.", $"Nennen Sie höchstens {MaxListItems} Fähigkeiten.");
        }
        else
        {
            foreach (var skill in draft.Skills)
            {
                var text = Text(errors, FieldNames.Skills, skill, required: true, min: 2, max: 80, multiline: false);
                if (text is not null && !skills.Contains(text, StringComparer.OrdinalIgnoreCase))
                {
                    skills.Add(text);
                }
            }
        }

        Period? period = null;
        if (draft.PeriodFrom is null)
        {
            Required(errors, FieldNames.PeriodFrom);
        }

        if (draft.PeriodUntil is null)
        {
            Required(errors, FieldNames.PeriodUntil);
        }

        if (draft is { PeriodFrom: { } from, PeriodUntil: { } until })
        {
            if (until < from)
            {
                errors.Add(FieldNames.PeriodUntil, "The period must end on or after its start.", "Der Zeitraum muss am oder nach dem Beginn enden.");
            }
            else if (until < today)
            {
                errors.Add(FieldNames.PeriodUntil, "The period is already over.", "Der Zeitraum ist schon vorbei.");
            }
            else if (until > from.AddYears(2))
            {
                errors.Add(FieldNames.PeriodUntil, "A staff loan can last at most two years here.", "Eine Personalüberlassung kann hier höchstens zwei Jahre dauern.");
            }
            else
            {
                period = new Period(from, until);
            }
        }

        StaffLoanModel? model = null;
        if (offer)
        {
            if (draft.StaffLoanModel is null)
            {
                Required(errors, FieldNames.StaffLoanModel);
            }
            else if ((model = ListingCodes.ParseStaffLoanModel(draft.StaffLoanModel)) is null)
            {
                errors.Add(FieldNames.StaffLoanModel, "Choose side-job, suspended-contract or agency-exception.", "Wählen Sie side-job (Nebentätigkeit), suspended-contract (ruhender Vertrag) oder agency-exception (Ausnahme vom AÜG).");
            }

            if (draft.EmployeesAgreed is not true)
            {
                errors.Add(FieldNames.EmployeesAgreed, "Staff can only be lent when the employees agreed. Confirm that they did.", "Personal darf nur mit Zustimmung der Beschäftigten verliehen werden. Bestätigen Sie die Zustimmung.");
            }
        }

        return new PersonnelFields(skills, period, model, offer ? true : null);
    }
}
