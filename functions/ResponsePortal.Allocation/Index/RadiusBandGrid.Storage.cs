using ResponsePortal.Allocation.Geo;

namespace ResponsePortal.Allocation.Index;

/// <summary>
/// The grid's storage: Add to the overlay, Remove (from the overlay, or a tombstone in the packed arrays), and the
/// compaction that rebuilds the packed arrays in (strip, bucket, slot) order with the per-strip bucket tables.
/// </summary>
internal sealed partial class RadiusBandGrid
{
    public void Add(in HotFields hot, in OfferFacts facts, double lat)
    {
        (_overlay[LatCell(lat)] ??= new GridCell()).Add(hot, facts);
        _overlayCount++;
        Count++;
        CompactIfWorthIt();
    }

    public bool Remove(int slot, double lat, double lon)
    {
        var latCell = LatCell(lat);
        var overlay = _overlay[latCell];
        if (overlay is not null && overlay.Remove(slot))
        {
            _overlayCount--;
        }
        else
        {
            // The bucket as compaction computed it, from the stored radians.
            var at = FindPacked(slot, latCell, LonBucket(GreatCircle.ToDegrees(GreatCircle.ToRadians(lon))));
            if (at < 0)
            {
                return false;
            }

            // A tombstone: "available from never" fails the first test of every query, and slot -1 marks it for compaction.
            _packed.AvailableDay[at] = int.MaxValue;
            _packed.SetFacts(at, _packed.Facts[at] with { Slot = -1 });
            _packedDead++;
        }

        Count--;
        CompactIfWorthIt();
        return true;
    }

    private int FindPacked(int slot, int latCell, int bucket)
    {
        var strip = _strips[latCell];
        if (strip.BucketCount == 0 || bucket < strip.FirstBucket || bucket >= strip.FirstBucket + strip.BucketCount)
        {
            return -1;
        }

        var offset = strip.BucketOffset + bucket - strip.FirstBucket;
        for (var i = _bucketStart[offset]; i < _bucketStart[offset + 1]; i++)
        {
            if (_packed.Facts[i].Slot == slot)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Folds the overlay and tombstones into the packed arrays now, after a bulk load.</summary>
    public void Pack()
    {
        if (_overlayCount + _packedDead > 0)
        {
            Compact();
        }
    }

    private void CompactIfWorthIt()
    {
        if (_overlayCount + _packedDead > Math.Max(MinimumCompactionSize, _packed.Capacity / CompactionDivisor))
        {
            Compact();
        }
    }

    /// <summary>Rebuilds the packed arrays from the live packed entries and the overlay, in (strip, bucket, slot) order.</summary>
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
                if (_packed.Facts[i].Slot >= 0)
                {
                    (hot[at], facts[at]) = (_packed[i], _packed.Facts[i]);
                    keys[at] = SortKey(latCell, facts[at]);
                    at++;
                }
            }

            if (_overlay[latCell] is { } overlay)
            {
                for (var i = 0; i < overlay.Count; i++)
                {
                    (hot[at], facts[at]) = (overlay.Entries[i], overlay.Entries.Facts[i]);
                    keys[at] = SortKey(latCell, facts[at]);
                    at++;
                }

                _overlay[latCell] = null;
            }
        }

        // Keys (strip, bucket, slot) are unique, so the order is fully determined.
        var order = new int[live];
        for (var i = 0; i < live; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);
        _packed = new EntryColumns(live);
        var bucketOf = new int[live];
        Array.Clear(_rowStart);
        for (var i = 0; i < live; i++)
        {
            _packed[i] = hot[order[i]];
            _packed.SetFacts(i, facts[order[i]]);
            bucketOf[i] = (int)((keys[i] >> 31) & 0xFFFFF);
            _rowStart[(int)(keys[i] >> 51) + 1]++;
        }

        var bucketStarts = new List<int>();
        for (var r = 0; r < _latCellCount; r++)
        {
            _rowStart[r + 1] += _rowStart[r];
            var (rowFrom, rowTo) = (_rowStart[r], _rowStart[r + 1]);
            if (rowFrom == rowTo)
            {
                _strips[r] = default;
                continue;
            }

            var first = bucketOf[rowFrom];
            var count = bucketOf[rowTo - 1] - first + 1;
            _strips[r] = new StripInfo(first, count, bucketStarts.Count);
            var i = rowFrom;
            for (var b = 0; b <= count; b++)
            {
                while (i < rowTo && bucketOf[i] < first + b)
                {
                    i++;
                }

                bucketStarts.Add(i);
            }
        }

        _bucketStart = [.. bucketStarts];
        _packedDead = 0;
        _overlayCount = 0;

        // 13 bits of strip, 20 of bucket, 31 of slot: ample for any cell size the index uses (at most 4,000 km / 50 km).
        long SortKey(int latCell, in OfferFacts offer) =>
            ((long)latCell << 51) | ((long)LonBucket(GreatCircle.ToDegrees(offer.LonRad)) << 31) | (uint)offer.Slot;
    }
}
