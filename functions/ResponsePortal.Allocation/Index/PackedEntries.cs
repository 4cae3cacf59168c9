using System.Runtime.Intrinsics;

namespace ResponsePortal.Allocation.Index;

/// <summary>
/// Receives a run of entries: <paramref name="count"/> entries of <paramref name="entries"/> from
/// <paramref name="start"/>; a struct so the hot loop is specialised.
/// </summary>
internal interface ICellVisitor
{
    void Visit(EntryColumns entries, int start, int count);
}

/// <summary>
/// What the first, cheap tests read for every visited offer: its first day, unit vector and the chord of its radius.
/// The form in which an entry moves between the column stores.
/// </summary>
/// <remarks>
/// Single precision halves the memory a query streams through; the chord bound stored is widened to cover the rounding of
/// the coordinates (see OfferIndex.OuterChordSquared), so the test can only let an offer through, never drop one.
/// </remarks>
internal readonly record struct HotFields(int AvailableDay, float X, float Y, float Z, float MaxChordSquared);

/// <summary>
/// Offers as columns: the hot fields as five arrays (struct of arrays), so the cheap test runs on eight entries at a time
/// with one vector load per field instead of one record per entry, and beside them the facts, read only for the entries
/// that pass it. Entry i is the same offer in every array.
/// </summary>
/// <remarks>
/// Every column has <see cref="Padding"/> spare entries after the last one, so a vector load that starts inside a run
/// may read up to a full vector past the run's end without leaving the array; the visitor masks off the lanes beyond the
/// run. Spare entries hold "available from never", so even an unmasked read could not accept them.
/// </remarks>
internal sealed class EntryColumns
{
    public static readonly int Padding = Vector256<float>.Count;

    public EntryColumns(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        X = new float[capacity + Padding];
        Y = new float[capacity + Padding];
        Z = new float[capacity + Padding];
        MaxChordSquared = new float[capacity + Padding];
        AvailableDay = new int[capacity + Padding];
        AvailableDay.AsSpan().Fill(int.MaxValue);
        Facts = new OfferFacts[capacity];
        Keys = new OfferKeys[capacity];
    }

    public static EntryColumns Empty { get; } = new(0);

    /// <summary>Entries the columns can hold (the padding not counted).</summary>
    public int Capacity { get; }

    public float[] X { get; }

    public float[] Y { get; }

    public float[] Z { get; }

    public float[] MaxChordSquared { get; }

    public int[] AvailableDay { get; }

    /// <summary>Written through <see cref="SetFacts"/> only, which keeps <see cref="Keys"/> in step.</summary>
    public OfferFacts[] Facts { get; }

    /// <summary>The part of <see cref="Facts"/> every entry that passes the cheap test needs.</summary>
    public OfferKeys[] Keys { get; }

    public HotFields this[int i]
    {
        get => new(AvailableDay[i], X[i], Y[i], Z[i], MaxChordSquared[i]);
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Capacity);
            (AvailableDay[i], X[i], Y[i], Z[i], MaxChordSquared[i]) = (value.AvailableDay, value.X, value.Y, value.Z, value.MaxChordSquared);
        }
    }

    public void SetFacts(int i, in OfferFacts facts)
    {
        Facts[i] = facts;
        Keys[i] = new OfferKeys(facts.Slot, facts.InteriorChordSquared, facts.CertificationBits);
    }

    /// <summary>A copy with room for <paramref name="capacity"/> entries holding the first <paramref name="count"/>.</summary>
    public EntryColumns Resized(int capacity, int count)
    {
        var copy = new EntryColumns(capacity);
        Facts.AsSpan(0, count).CopyTo(copy.Facts);
        Keys.AsSpan(0, count).CopyTo(copy.Keys);
        X.AsSpan(0, count).CopyTo(copy.X);
        Y.AsSpan(0, count).CopyTo(copy.Y);
        Z.AsSpan(0, count).CopyTo(copy.Z);
        MaxChordSquared.AsSpan(0, count).CopyTo(copy.MaxChordSquared);
        AvailableDay.AsSpan(0, count).CopyTo(copy.AvailableDay);
        return copy;
    }
}

/// <summary>
/// What the remaining tests read, only for offers that passed the cheap ones: slot, coordinates for the exact haversine,
/// the chord below which the offer's radius certainly holds, radius, certification and skill bits and the personnel
/// period as day numbers (open ends as the extreme days).
/// </summary>
internal readonly record struct OfferFacts(
    int Slot,
    float InteriorChordSquared,
    double LatRad,
    double LonRad,
    double CosLat,
    double RadiusKm,
    ulong CertificationBits,
    ulong SkillBits,
    int PeriodFromDay,
    int PeriodUntilDay);

/// <summary>
/// What the slot search reads for an entry that passed the cheap test, 16 bytes: the slot, the chord inside which the
/// radius certainly holds, the certification bits. The rest of <see cref="OfferFacts"/> (skills, period, coordinates
/// for the haversine) only when the request has skills or a period, or the chord is near the radius.
/// </summary>
/// <remarks>
/// Measured at 100,000 per side: the search is bound by cache misses, and reading the 64-byte facts of each of ~500
/// passing entries (two cache lines when a record straddles) cost about as much as the cheap test on ~2,000 entries.
/// </remarks>
internal readonly record struct OfferKeys(int Slot, float InteriorChordSquared, ulong CertificationBits);

/// <summary>
/// Offers of one strip added since the grid's last compaction. Order carries no meaning (callers sort candidates), so
/// removal swaps the last entry into the hole.
/// </summary>
internal sealed class GridCell
{
    public int Count { get; private set; }

    public EntryColumns Entries { get; private set; } = new(4);

    public void Add(in HotFields hot, in OfferFacts facts)
    {
        if (Count == Entries.Capacity)
        {
            Entries = Entries.Resized(Count * 2, Count);
        }

        Entries[Count] = hot;
        Entries.SetFacts(Count, facts);
        Count++;
    }

    public bool Remove(int slot)
    {
        for (var i = 0; i < Count; i++)
        {
            if (Entries.Facts[i].Slot == slot)
            {
                var last = Count - 1;
                Entries[i] = Entries[last];
                Entries.SetFacts(i, Entries.Facts[last]);
                Entries[last] = new HotFields(int.MaxValue, 0f, 0f, 0f, 0f);
                Entries.SetFacts(last, default);
                Count = last;
                return true;
            }
        }

        return false;
    }
}
