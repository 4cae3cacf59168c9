using ResponsePortal.Allocation.Geo;

namespace ResponsePortal.Allocation.Index;

/// <summary>
/// A lat/lon grid holding the offers of one category whose delivery radius falls in one band (up to 50, 100, 200 ... km).
/// The cell edge is a fixed fraction of the band's largest useful radius, so an offer that can reach a point lies in one of
/// the few cells around that point: a query visits a handful of cells per band instead of every offer.
/// </summary>
internal sealed class RadiusBandGrid
{
    private const double RelativeMargin = 1e-9;
    private const double AbsoluteMarginDegrees = 1e-9;

    /// <summary>The overlay is merged into the packed arrays once it (plus the dead packed entries) exceeds this share.</summary>
    private const int CompactionDivisor = 4;

    private const int MinimumCompactionSize = 256;

    private readonly double _latCellDegrees;
    private readonly int _latCellCount;
    private readonly double _lonCellDegrees;
    private readonly int _lonCellCount;

    // Packed part: entries sorted by (lat cell, lon cell, slot); lat row r is [_rowStart[r], _rowStart[r + 1]), so the
    // cells a query needs in one row are one contiguous range, found by binary search on _packedLonCell.
    private readonly int[] _rowStart;
    private int[] _packedLonCell = [];
    private HotFields[] _packedHot = [];
    private OfferFacts[] _packedFacts = [];
    private int _packedDead;

    // Overlay: offers added since the last compaction, per cell, so Add costs no shifting of the packed arrays.
    private readonly Dictionary<long, GridCell> _overlay = [];
    private int _overlayCount;

    public RadiusBandGrid(double cellKm)
    {
        _latCellDegrees = cellKm / GreatCircle.KmPerDegree;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellKm);
        _latCellCount = Math.Max(1, (int)Math.Ceiling(180.0 / _latCellDegrees));
        // Longitude cells divide 360 exactly so that wrapping across the antimeridian is plain modular arithmetic.
        _lonCellCount = Math.Max(1, (int)Math.Floor(360.0 / _latCellDegrees));
        _lonCellDegrees = 360.0 / _lonCellCount;
        _rowStart = new int[_latCellCount + 1];
    }

    public int Count { get; private set; }

    public void Add(in HotFields hot, in OfferFacts facts, double lat, double lon)
    {
        var key = CellKey(LatCell(lat), LonCell(lon));
        if (!_overlay.TryGetValue(key, out var cell))
        {
            cell = new GridCell();
            _overlay.Add(key, cell);
        }

        cell.Add(hot, facts);
        _overlayCount++;
        Count++;
        CompactIfWorthIt();
    }

    public bool Remove(int slot, double lat, double lon)
    {
        var latCell = LatCell(lat);
        var lonCell = LonCell(lon);
        var key = CellKey(latCell, lonCell);
        if (_overlay.TryGetValue(key, out var cell) && cell.Remove(slot))
        {
            if (cell.Count == 0)
            {
                _overlay.Remove(key);
            }

            _overlayCount--;
        }
        else
        {
            var from = LowerBound(_packedLonCell, _rowStart[latCell], _rowStart[latCell + 1], lonCell);
            var at = -1;
            for (var i = from; i < _rowStart[latCell + 1] && _packedLonCell[i] == lonCell; i++)
            {
                if (_packedFacts[i].Slot == slot)
                {
                    at = i;
                    break;
                }
            }

            if (at < 0)
            {
                return false;
            }

            // A tombstone: "available from never" fails the first test of every query, and slot -1 marks it for compaction.
            _packedHot[at] = _packedHot[at] with { AvailableDay = int.MaxValue };
            _packedFacts[at] = _packedFacts[at] with { Slot = -1 };
            _packedDead++;
        }

        Count--;
        CompactIfWorthIt();
        return true;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every run of entries that may hold a point within <paramref name="reachKm"/> of
    /// the query. The box is conservative: latitude differs by at most the angular distance, and longitude by at most
    /// asin(sin(delta) / cos(lat)) while the circle does not reach a pole.
    /// </summary>
    public void VisitCellsNear<TVisitor>(double lat, double lon, double reachKm, ref TVisitor visit)
        where TVisitor : struct, ICellVisitor
    {
        if (Count == 0)
        {
            return;
        }

        var reachDegrees = (reachKm / GreatCircle.KmPerDegree * (1 + RelativeMargin)) + AbsoluteMarginDegrees;
        var latFrom = LatCell(Math.Max(-90.0, lat - reachDegrees));
        var latTo = LatCell(Math.Min(90.0, lat + reachDegrees));

        var fullLongitude = Math.Abs(lat) + reachDegrees >= 90.0;
        var lonHalfWidth = 0.0;
        if (!fullLongitude)
        {
            var ratio = Math.Sin(GreatCircle.ToRadians(reachDegrees)) / Math.Cos(GreatCircle.ToRadians(lat));
            fullLongitude = ratio >= 1.0;
            lonHalfWidth = fullLongitude ? 180.0 : (Math.Asin(ratio) * 180.0 / Math.PI * (1 + RelativeMargin)) + AbsoluteMarginDegrees;
        }

        int lonFrom, lonTo;
        if (fullLongitude)
        {
            lonFrom = 0;
            lonTo = _lonCellCount - 1;
        }
        else if (lon - lonHalfWidth >= -180.0 && lon + lonHalfWidth <= 180.0)
        {
            lonFrom = LonCell(lon - lonHalfWidth);
            lonTo = LonCell(lon + lonHalfWidth);
        }
        else
        {
            // Across the antimeridian: one extra cell each side absorbs the rounding of the shifted coordinates.
            lonFrom = (int)Math.Floor((lon - lonHalfWidth + 180.0) / _lonCellDegrees) - 1;
            lonTo = (int)Math.Floor((lon + lonHalfWidth + 180.0) / _lonCellDegrees) + 1;
            if (lonTo - lonFrom + 1 >= _lonCellCount)
            {
                lonFrom = 0;
                lonTo = _lonCellCount - 1;
            }
        }

        // In cell numbers 0 .. count-1: one range, or two when the box wraps around the antimeridian.
        var firstFrom = Wrap(lonFrom);
        var firstTo = Wrap(lonTo);
        var wraps = firstFrom > firstTo;
        for (var latCell = latFrom; latCell <= latTo; latCell++)
        {
            if (wraps)
            {
                VisitPacked(latCell, firstFrom, _lonCellCount - 1, ref visit);
                VisitPacked(latCell, 0, firstTo, ref visit);
            }
            else
            {
                VisitPacked(latCell, firstFrom, firstTo, ref visit);
            }
        }

        if (_overlayCount == 0)
        {
            return;
        }

        for (var latCell = latFrom; latCell <= latTo; latCell++)
        {
            for (var i = lonFrom; i <= lonTo; i++)
            {
                if (_overlay.TryGetValue(CellKey(latCell, Wrap(i)), out var cell))
                {
                    visit.Visit(cell.Hot, cell.Facts);
                }
            }
        }
    }

    private void VisitPacked<TVisitor>(int latCell, int lonFrom, int lonTo, ref TVisitor visit)
        where TVisitor : struct, ICellVisitor
    {
        var rowFrom = _rowStart[latCell];
        var rowTo = _rowStart[latCell + 1];
        if (rowFrom == rowTo)
        {
            return;
        }

        var from = LowerBound(_packedLonCell, rowFrom, rowTo, lonFrom);
        var to = LowerBound(_packedLonCell, from, rowTo, lonTo + 1);
        if (from < to)
        {
            visit.Visit(_packedHot.AsSpan(from, to - from), _packedFacts.AsSpan(from, to - from));
        }
    }

    /// <summary>First position in [from, to) whose lon cell is at least <paramref name="lonCell"/>.</summary>
    private static int LowerBound(int[] lonCells, int from, int to, int lonCell)
    {
        while (from < to)
        {
            var middle = (int)((uint)(from + to) >> 1);
            if (lonCells[middle] < lonCell)
            {
                from = middle + 1;
            }
            else
            {
                to = middle;
            }
        }

        return from;
    }

    /// <summary>
    /// Merges the overlay into the packed arrays and drops tombstones once they are a quarter of the packed size: queries
    /// then read contiguous rows again, and a series of Adds costs O(log n) amortised per offer.
    /// </summary>
    private void CompactIfWorthIt()
    {
        if (_overlayCount + _packedDead > Math.Max(MinimumCompactionSize, _packedHot.Length / CompactionDivisor))
        {
            Compact();
        }
    }

    private void Compact()
    {
        var live = Count;
        var keys = new long[live];
        var hot = new HotFields[live];
        var facts = new OfferFacts[live];
        var at = 0;
        for (var latCell = 0; latCell < _latCellCount; latCell++)
        {
            for (var i = _rowStart[latCell]; i < _rowStart[latCell + 1]; i++)
            {
                if (_packedFacts[i].Slot >= 0)
                {
                    keys[at] = CellKey(latCell, _packedLonCell[i]);
                    hot[at] = _packedHot[i];
                    facts[at] = _packedFacts[i];
                    at++;
                }
            }
        }

        foreach (var (key, cell) in _overlay)
        {
            for (var i = 0; i < cell.Count; i++)
            {
                keys[at] = key;
                hot[at] = cell.Hot[i];
                facts[at] = cell.Facts[i];
                at++;
            }
        }

        // Sort by cell, then by slot inside a cell, through a permutation (keys are not unique, slots are).
        var order = new int[live];
        for (var i = 0; i < live; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byCell = keys[a].CompareTo(keys[b]);
            return byCell != 0 ? byCell : facts[a].Slot.CompareTo(facts[b].Slot);
        });

        _packedLonCell = new int[live];
        _packedHot = new HotFields[live];
        _packedFacts = new OfferFacts[live];
        Array.Clear(_rowStart);
        for (var i = 0; i < live; i++)
        {
            var source = order[i];
            _packedLonCell[i] = (int)(uint)keys[source];
            _packedHot[i] = hot[source];
            _packedFacts[i] = facts[source];
            _rowStart[(int)(keys[source] >> 32) + 1]++;
        }

        for (var r = 0; r < _latCellCount; r++)
        {
            _rowStart[r + 1] += _rowStart[r];
        }

        _packedDead = 0;
        _overlay.Clear();
        _overlayCount = 0;
    }

    private int Wrap(int lonCell) => ((lonCell % _lonCellCount) + _lonCellCount) % _lonCellCount;

    private static long CellKey(int latCell, int lonCell) => ((long)latCell << 32) | (uint)lonCell;

    private int LatCell(double lat) => Math.Clamp((int)Math.Floor((lat + 90.0) / _latCellDegrees), 0, _latCellCount - 1);

    private int LonCell(double lon) => Math.Clamp((int)Math.Floor((lon + 180.0) / _lonCellDegrees), 0, _lonCellCount - 1);
}

/// <summary>Receives a run of entries (hot fields and facts side by side); a struct so the hot loop is specialised.</summary>
internal interface ICellVisitor
{
    void Visit(ReadOnlySpan<HotFields> hot, ReadOnlySpan<OfferFacts> facts);
}

/// <summary>
/// What the first, cheap tests read for every visited offer: its first day, unit vector and the chord of its radius.
/// 40 bytes, stored apart from the wider facts so a query streams through little memory.
/// </summary>
internal readonly record struct HotFields(int AvailableDay, double X, double Y, double Z, double MaxChordSquared);

/// <summary>
/// What the remaining tests read, only for offers that passed the cheap ones: slot, coordinates for the exact haversine,
/// radius, certification and skill bits and the personnel period as day numbers (open ends as the extreme days).
/// </summary>
internal readonly record struct OfferFacts(
    int Slot,
    double LatRad,
    double LonRad,
    double CosLat,
    double RadiusKm,
    ulong CertificationBits,
    ulong SkillBits,
    int PeriodFromDay,
    int PeriodUntilDay);

/// <summary>
/// Offers of one cell added since the grid's last compaction. Order carries no meaning (callers sort candidates), so
/// removal swaps the last entry into the hole.
/// </summary>
internal sealed class GridCell
{
    private HotFields[] _hot = new HotFields[4];
    private OfferFacts[] _facts = new OfferFacts[4];

    public int Count { get; private set; }

    public ReadOnlySpan<HotFields> Hot => _hot.AsSpan(0, Count);

    public ReadOnlySpan<OfferFacts> Facts => _facts.AsSpan(0, Count);

    public void Add(in HotFields hot, in OfferFacts facts)
    {
        if (Count == _hot.Length)
        {
            Array.Resize(ref _hot, Count * 2);
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
                _facts[last] = default;
                Count = last;
                return true;
            }
        }

        return false;
    }
}
