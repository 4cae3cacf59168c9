using ResponsePortal.Allocation.Index;

namespace ResponsePortal.Allocation.Engine;

/// <summary>
/// Connected components of the offer-request graph of feasible pairs, found without storing the pairs: the requests are
/// searched in parallel chunks (slots only), each worker joins a request with its candidates in its own union-find, and
/// the workers' union-finds are merged. Components share no listing, so each is an independent transportation problem:
/// they can be solved in parallel, and a change to one listing only needs its own component solved again.
/// </summary>
internal sealed class Components
{
    private readonly int[] _requestOrder;
    private readonly int[] _starts;

    private Components(int[] requestOrder, int[] starts, long[] pairCount, int[] offerCount)
    {
        _requestOrder = requestOrder;
        _starts = starts;
        PairCount = pairCount;
        OfferCount = offerCount;
    }

    public int Count => _starts.Length - 1;

    /// <summary>Number of feasible pairs per component.</summary>
    public long[] PairCount { get; }

    /// <summary>Number of offers per component (offers without any feasible pair belong to none).</summary>
    public int[] OfferCount { get; }

    public long TotalPairs => PairCount.Sum();

    /// <summary>The component's requests (positions in canonical order), ascending.</summary>
    public ReadOnlySpan<int> RequestsOf(int component) => _requestOrder.AsSpan(_starts[component], _starts[component + 1] - _starts[component]);

    /// <summary>
    /// Components numbered in the order of their first request, each holding its requests in canonical order; requests
    /// without any candidate belong to none.
    /// </summary>
    public static Components Find(Market market)
    {
        var offerCount = market.Offers.Length;
        var requestCount = market.Requests.Length;
        var candidates = new int[requestCount];
        UnionFind? merged = null;
        var mergeLock = new object();
        const int ChunkSize = 1024;
        var chunkCount = (requestCount + ChunkSize - 1) / ChunkSize;
        Parallel.For(
            0,
            chunkCount,
            () => (Buffer: new CandidateBuffer(), Sets: new UnionFind(offerCount + requestCount)),
            (chunk, _, local) =>
            {
                var end = Math.Min(requestCount, (chunk + 1) * ChunkSize);
                for (var r = chunk * ChunkSize; r < end; r++)
                {
                    candidates[r] = market.Index.FindCandidateSlots(market.Requests[r], local.Buffer);
                    foreach (var slot in local.Buffer.Slots)
                    {
                        local.Sets.Union(offerCount + r, slot);
                    }
                }

                return local;
            },
            local =>
            {
                // The partition is the same whichever worker joined what; only the roots differ, and numbering below
                // uses the order of requests, not the roots.
                lock (mergeLock)
                {
                    if (merged is null)
                    {
                        merged = local.Sets;
                    }
                    else
                    {
                        merged.Absorb(local.Sets);
                    }
                }
            });

        var sets = merged ?? new UnionFind(offerCount + requestCount);
        var componentOfRoot = new int[offerCount + requestCount];
        Array.Fill(componentOfRoot, -1);
        var componentOfRequest = new int[requestCount];
        var pairCounts = new List<long>();
        for (var r = 0; r < requestCount; r++)
        {
            if (candidates[r] == 0)
            {
                componentOfRequest[r] = -1;
                continue;
            }

            ref var component = ref componentOfRoot[sets.Find(offerCount + r)];
            if (component < 0)
            {
                component = pairCounts.Count;
                pairCounts.Add(0);
            }

            componentOfRequest[r] = component;
            pairCounts[component] += candidates[r];
        }

        var offerCounts = new int[pairCounts.Count];
        for (var o = 0; o < offerCount; o++)
        {
            var component = componentOfRoot[sets.Find(o)];
            if (component >= 0)
            {
                offerCounts[component]++;
            }
        }

        // Counting sort of the requests by component, stable, so each component keeps canonical order.
        var starts = new int[pairCounts.Count + 1];
        foreach (var component in componentOfRequest)
        {
            if (component >= 0)
            {
                starts[component + 1]++;
            }
        }

        for (var c = 0; c < pairCounts.Count; c++)
        {
            starts[c + 1] += starts[c];
        }

        var next = starts[..^1];
        var requestOrder = new int[starts[^1]];
        for (var r = 0; r < requestCount; r++)
        {
            if (componentOfRequest[r] >= 0)
            {
                requestOrder[next[componentOfRequest[r]]++] = r;
            }
        }

        return new Components(requestOrder, starts, [.. pairCounts], offerCounts);
    }

    /// <summary>Disjoint sets over node numbers with path halving; the smaller root wins, independent of any size heuristic.</summary>
    private sealed class UnionFind
    {
        private readonly int[] _parent;

        public UnionFind(int count)
        {
            _parent = new int[count];
            for (var i = 0; i < count; i++)
            {
                _parent[i] = i;
            }
        }

        public int Find(int node)
        {
            while (_parent[node] != node)
            {
                _parent[node] = _parent[_parent[node]];
                node = _parent[node];
            }

            return node;
        }

        public void Union(int a, int b)
        {
            a = Find(a);
            b = Find(b);
            if (a < b)
            {
                _parent[b] = a;
            }
            else if (b < a)
            {
                _parent[a] = b;
            }
        }

        /// <summary>Adds every join the other union-find has made.</summary>
        public void Absorb(UnionFind other)
        {
            for (var node = 0; node < _parent.Length; node++)
            {
                if (other._parent[node] != node)
                {
                    Union(node, other._parent[node]);
                }
            }
        }
    }
}
