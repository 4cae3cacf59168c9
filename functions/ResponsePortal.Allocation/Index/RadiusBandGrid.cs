using System.Runtime.InteropServices;
using ResponsePortal.Allocation.Geo;

namespace ResponsePortal.Allocation.Index;

/// <summary>
/// A lat/lon grid holding the offers of one category whose delivery radius falls in one band (up to 50, 100, 200 ... km).
/// The cell edge equals the band's largest useful radius, so an offer that can reach a point lies in one of the few cells
/// around that point: a query visits about 3 x 4 cells per band instead of every offer.
/// </summary>
internal sealed class RadiusBandGrid
{
    private const double RelativeMargin = 1e-9;
    private const double AbsoluteMarginDegrees = 1e-9;

    private readonly Dictionary<long, List<CellEntry>> _cells = [];
    private readonly double _latCellDegrees;
    private readonly int _latCellCount;
    private readonly double _lonCellDegrees;
    private readonly int _lonCellCount;

    public RadiusBandGrid(double cellKm)
    {
        _latCellDegrees = cellKm / GreatCircle.KmPerDegree;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellKm);
        _latCellCount = Math.Max(1, (int)Math.Ceiling(180.0 / _latCellDegrees));
        // Longitude cells divide 360 exactly so that wrapping across the antimeridian is plain modular arithmetic.
        _lonCellCount = Math.Max(1, (int)Math.Floor(360.0 / _latCellDegrees));
        _lonCellDegrees = 360.0 / _lonCellCount;
    }

    public int Count { get; private set; }

    public void Add(in CellEntry entry, double lat, double lon)
    {
        var key = CellKey(LatCell(lat), LonCell(lon));
        if (!_cells.TryGetValue(key, out var cell))
        {
            cell = [];
            _cells.Add(key, cell);
        }

        cell.Add(entry);
        Count++;
    }

    public bool Remove(int slot, double lat, double lon)
    {
        var key = CellKey(LatCell(lat), LonCell(lon));
        if (!_cells.TryGetValue(key, out var cell))
        {
            return false;
        }

        var at = cell.FindIndex(entry => entry.Slot == slot);
        if (at < 0)
        {
            return false;
        }

        // Order inside a cell carries no meaning (callers sort candidates), so swap-remove keeps removal O(1) after the search.
        cell[at] = cell[^1];
        cell.RemoveAt(cell.Count - 1);
        if (cell.Count == 0)
        {
            _cells.Remove(key);
        }

        Count--;
        return true;
    }

    /// <summary>
    /// Calls <paramref name="visit"/> for every cell that may hold a point within <paramref name="reachKm"/> of the query.
    /// The box is conservative: latitude differs by at most the angular distance, and longitude by at most
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

        for (var latCell = latFrom; latCell <= latTo; latCell++)
        {
            for (var i = lonFrom; i <= lonTo; i++)
            {
                var lonCell = ((i % _lonCellCount) + _lonCellCount) % _lonCellCount;
                if (_cells.TryGetValue(CellKey(latCell, lonCell), out var cell))
                {
                    visit.Visit(CollectionsMarshal.AsSpan(cell));
                }
            }
        }
    }

    private static long CellKey(int latCell, int lonCell) => ((long)latCell << 32) | (uint)lonCell;

    private int LatCell(double lat) => Math.Clamp((int)Math.Floor((lat + 90.0) / _latCellDegrees), 0, _latCellCount - 1);

    private int LonCell(double lon) => Math.Clamp((int)Math.Floor((lon + 180.0) / _lonCellDegrees), 0, _lonCellCount - 1);
}

/// <summary>Receives the entries of one grid cell; a struct so the hot loop is specialised, not a delegate call.</summary>
internal interface ICellVisitor
{
    void Visit(ReadOnlySpan<CellEntry> entries);
}

/// <summary>
/// What the first, cheap tests need, stored inline in the cell so a query reads cells sequentially instead of chasing
/// slots across the whole offer table: the offer's slot, its unit vector, the chord of its radius, its first day.
/// </summary>
internal readonly record struct CellEntry(int Slot, double X, double Y, double Z, double MaxChordSquared, int AvailableDay);
