using System.Runtime.Intrinsics;

namespace ResponsePortal.Allocation.Index;

/// <summary>
/// Receives a run of entries: <paramref name="count"/> entries of <paramref name="hot"/> from <paramref name="start"/>,
/// and their facts; a struct so the hot loop is specialised.
/// </summary>
internal interface ICellVisitor
{
    void Visit(HotColumns hot, int start, int count, ReadOnlySpan<OfferFacts> facts);
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
/// The hot fields as five columns (struct of arrays), so the cheap test runs on eight entries at a time with one vector
/// load per field instead of one record per entry.
/// </summary>
/// <remarks>
/// Every column has <see cref="Padding"/> spare entries after the last one, so a vector load that starts inside a run
/// may read up to a full vector past the run's end without leaving the array; the visitor masks off the lanes beyond the
/// run. Spare entries hold "available from never", so even an unmasked read could not accept them.
/// </remarks>
internal sealed class HotColumns
{
    public static readonly int Padding = Vector256<float>.Count;

    public HotColumns(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        X = new float[capacity + Padding];
        Y = new float[capacity + Padding];
        Z = new float[capacity + Padding];
        MaxChordSquared = new float[capacity + Padding];
        AvailableDay = new int[capacity + Padding];
        AvailableDay.AsSpan().Fill(int.MaxValue);
    }

    public static HotColumns Empty { get; } = new(0);

    /// <summary>Entries the columns can hold (the padding not counted).</summary>
    public int Capacity { get; }

    public float[] X { get; }

    public float[] Y { get; }

    public float[] Z { get; }

    public float[] MaxChordSquared { get; }

    public int[] AvailableDay { get; }

    public HotFields this[int i]
    {
        get => new(AvailableDay[i], X[i], Y[i], Z[i], MaxChordSquared[i]);
        set
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(i, Capacity);
            (AvailableDay[i], X[i], Y[i], Z[i], MaxChordSquared[i]) = (value.AvailableDay, value.X, value.Y, value.Z, value.MaxChordSquared);
        }
    }

    /// <summary>A copy with room for <paramref name="capacity"/> entries holding the first <paramref name="count"/>.</summary>
    public HotColumns Resized(int capacity, int count)
    {
        var copy = new HotColumns(capacity);
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
/// Offers of one strip added since the grid's last compaction. Order carries no meaning (callers sort candidates), so
/// removal swaps the last entry into the hole.
/// </summary>
internal sealed class GridCell
{
    private HotColumns _hot = new(4);
    private OfferFacts[] _facts = new OfferFacts[4];

    public int Count { get; private set; }

    public HotColumns Hot => _hot;

    public ReadOnlySpan<OfferFacts> Facts => _facts.AsSpan(0, Count);

    public void Add(in HotFields hot, in OfferFacts facts)
    {
        if (Count == _facts.Length)
        {
            _hot = _hot.Resized(Count * 2, Count);
            Array.Resize(ref _facts, Count * 2);
        }

        _hot[Count] = hot;
        _facts[Count] = facts;
        Count++;
    }

    public bool Remove(int slot)
    {
        for (var i = 0; i < Count; i++)
        {
            if (_facts[i].Slot == slot)
            {
                var last = Count - 1;
                _hot[i] = _hot[last];
                _facts[i] = _facts[last];
                _hot[last] = new HotFields(int.MaxValue, 0f, 0f, 0f, 0f);
                _facts[last] = default;
                Count = last;
                return true;
            }
        }

        return false;
    }
}
