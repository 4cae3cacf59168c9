using System.Runtime.CompilerServices;

namespace ResponsePortal.Allocation.Index;

/// <summary>
/// Reusable result of <see cref="OfferIndex.FindCandidates(Request, CandidateBuffer)"/>: candidate slots and their
/// distances in two parallel arrays that grow as needed and are never shrunk, so a buffer per thread makes searching
/// allocation-free. Not thread-safe.
/// </summary>
public sealed class CandidateBuffer
{
    private int[] _slots = new int[256];
    private double[] _distancesKm = new double[256];
    private bool _hasDistances;

    public int Count { get; private set; }

    public ReadOnlySpan<int> Slots => _slots.AsSpan(0, Count);

    /// <summary>Distances of <see cref="Slots"/>; only filled by FindCandidates, not by FindCandidateSlots.</summary>
    public ReadOnlySpan<double> DistancesKm => _hasDistances
        ? _distancesKm.AsSpan(0, Count)
        : throw new InvalidOperationException("This search did not compute distances (FindCandidateSlots).");

    internal void Clear(bool withDistances)
    {
        Count = 0;
        _hasDistances = withDistances;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void Add(int slot, double distanceKm)
    {
        if (Count == _slots.Length)
        {
            Grow();
        }

        _slots[Count] = slot;
        _distancesKm[Count] = distanceKm;
        Count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddSlot(int slot)
    {
        if (Count == _slots.Length)
        {
            Grow();
        }

        _slots[Count++] = slot;
    }

    /// <summary>Sorts the candidates by slot (slots are unique, so the unstable sort is deterministic).</summary>
    public void SortBySlot()
    {
        if (_hasDistances)
        {
            _slots.AsSpan(0, Count).Sort(_distancesKm.AsSpan(0, Count));
        }
        else
        {
            _slots.AsSpan(0, Count).Sort();
        }
    }

    private void Grow()
    {
        Array.Resize(ref _slots, Count * 2);
        Array.Resize(ref _distancesKm, Count * 2);
    }
}
