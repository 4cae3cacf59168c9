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

    // Scratch of the vectorised search (see OfferIndex.CandidateCollector): the runs read, where each run's passing
    // entries end in PassedEntries, and the positions of the entries that passed the cheap test.
    private EntryColumns[] _runs = new EntryColumns[64];
    private int[] _runPassEnds = new int[64];
    private int[] _passedEntries = new int[1024];

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
        RunCount = 0;
        PassedCount = 0;
    }

    internal int RunCount { get; private set; }

    internal int PassedCount { get; set; }

    internal ReadOnlySpan<EntryColumns> Runs => _runs.AsSpan(0, RunCount);

    internal ReadOnlySpan<int> RunPassEnds => _runPassEnds.AsSpan(0, RunCount);

    /// <summary>
    /// Room for <paramref name="room"/> more passed positions; the array itself, which the cheap test writes without a
    /// bounds check per lane.
    /// </summary>
    internal int[] PassedEntries(int room)
    {
        if (PassedCount + room > _passedEntries.Length)
        {
            Array.Resize(ref _passedEntries, Math.Max(_passedEntries.Length * 2, PassedCount + room));
        }

        return _passedEntries;
    }

    /// <summary>Closes a run: its passed entries are those added since the previous run closed.</summary>
    internal void EndRun(EntryColumns entries)
    {
        if (RunCount == _runs.Length)
        {
            Array.Resize(ref _runs, RunCount * 2);
            Array.Resize(ref _runPassEnds, RunCount * 2);
        }

        _runs[RunCount] = entries;
        _runPassEnds[RunCount] = PassedCount;
        RunCount++;
    }

    /// <summary>Drops the references to the runs' columns, so a buffer kept per thread does not hold replaced arrays.</summary>
    internal void ReleaseRuns()
    {
        Array.Clear(_runs, 0, RunCount);
        RunCount = 0;
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
