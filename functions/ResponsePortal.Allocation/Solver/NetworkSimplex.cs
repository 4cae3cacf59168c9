using System.Runtime.CompilerServices;

namespace ResponsePortal.Allocation.Solver;

/// <summary>
/// Primal network simplex for an uncapacitated min-cost flow in which supply may stay unshipped and demand unmet at no
/// cost: exactly the transportation problem "allocate as much value as possible". It follows the data layout of
/// LEMON's NetworkSimplex (parent / thread / successor-count tree, strongly feasible spanning trees, block-search pricing),
/// with two simplifications the problem allows: every arc is uncapacitated (quantities are bounded by the node balances)
/// and the artificial root is the "not allocated" node, so the initial all-artificial tree is already feasible and
/// optimal duals never involve a big-M cost.
/// </summary>
/// <remarks>
/// Integer costs and flows make the result exact: the simplex stops only when no arc has a negative reduced cost, which
/// with integral data proves optimality (LP duality), and integral supplies give an integral optimal basis.
/// </remarks>
internal sealed class NetworkSimplex
{
    private const sbyte StateTree = 0;
    private const sbyte StateLower = 1;
    private const sbyte DirUp = 1;
    private const sbyte DirDown = -1;
    private const long Infinite = long.MaxValue;

    private readonly int _nodeCount;
    private readonly int _arcCount;
    private readonly int _root;

    // Arcs: one artificial arc per node first (node -> root for supply, root -> node for demand), then the real ones.
    private readonly int[] _source;
    private readonly int[] _target;
    private readonly long[] _cost;
    private readonly long[] _flow;
    private readonly sbyte[] _state;

    // Spanning tree, rooted at the artificial root; thread is the preorder successor, succ_num the subtree size.
    private readonly int[] _parent;
    private readonly int[] _pred;
    private readonly sbyte[] _predDir;
    private readonly int[] _thread;
    private readonly int[] _revThread;
    private readonly int[] _succNum;
    private readonly int[] _lastSucc;
    private readonly long[] _pi;
    private readonly List<int> _dirtyRevs = [];

    // Position i of the real arcs (arc _nodeCount + i) holds caller's arc _arcAtPosition[i]; [0, _activeEnd) is searched.
    private readonly int[] _arcAtPosition;
    private int _activeEnd;

    private int _inArc;
    private int _join;
    private int _uIn;
    private int _vIn;
    private int _uOut;
    private long _delta;
    private int _nextArc;

    private NetworkSimplex(ReadOnlySpan<long> supply, ReadOnlySpan<int> arcSource, ReadOnlySpan<int> arcTarget, ReadOnlySpan<long> arcCost)
    {
        _nodeCount = supply.Length;
        _arcCount = arcSource.Length;
        _root = _nodeCount;
        var allArcs = _arcCount + _nodeCount;
        _source = new int[allArcs];
        _target = new int[allArcs];
        _cost = new long[allArcs];
        _flow = new long[allArcs];
        _state = new sbyte[allArcs];

        // Arc positions: the artificial arcs first (arc u belongs to node u), then the real arcs, the promising ones first.
        _arcAtPosition = OrderPromisingFirst(_nodeCount, arcSource, arcTarget, arcCost, out _activeEnd);
        _activeEnd += _nodeCount;
        for (var i = 0; i < _arcCount; i++)
        {
            var arc = _arcAtPosition[i];
            var e = _nodeCount + i;
            _source[e] = arcSource[arc];
            _target[e] = arcTarget[arc];
            _cost[e] = arcCost[arc];
            _state[e] = StateLower;
        }

        var nodes = _nodeCount + 1;
        _parent = new int[nodes];
        _pred = new int[nodes];
        _predDir = new sbyte[nodes];
        _thread = new int[nodes];
        _revThread = new int[nodes];
        _succNum = new int[nodes];
        _lastSucc = new int[nodes];
        _pi = new long[nodes];

        _parent[_root] = -1;
        _pred[_root] = -1;
        _thread[_root] = 0;
        _revThread[0] = _root;
        _succNum[_root] = nodes;
        _lastSucc[_root] = _root - 1;
        for (var u = 0; u < _nodeCount; u++)
        {
            var e = u;
            _parent[u] = _root;
            _pred[u] = e;
            _thread[u] = u + 1;
            _revThread[u + 1] = u;
            _succNum[u] = 1;
            _lastSucc[u] = u;
            _state[e] = StateTree;
            if (supply[u] >= 0)
            {
                _predDir[u] = DirUp;
                _source[e] = u;
                _target[e] = _root;
                _flow[e] = supply[u];
            }
            else
            {
                _predDir[u] = DirDown;
                _source[e] = _root;
                _target[e] = u;
                _flow[e] = -supply[u];
            }
        }
    }

    /// <summary>
    /// Solves min sum(cost x flow) with outflow - inflow &lt;= supply at supply nodes and inflow - outflow &lt;= demand at
    /// demand nodes (supply given negative), all arcs uncapacitated. Returns the flow of each given arc.
    /// </summary>
    public static long[] Solve(ReadOnlySpan<long> supply, ReadOnlySpan<int> arcSource, ReadOnlySpan<int> arcTarget, ReadOnlySpan<long> arcCost)
    {
        if (arcSource.Length != arcTarget.Length || arcSource.Length != arcCost.Length)
        {
            throw new ArgumentException("Arc arrays differ in length.", nameof(arcSource));
        }

        var simplex = new NetworkSimplex(supply, arcSource, arcTarget, arcCost);
        simplex.Run();
        var flows = new long[simplex._arcCount];
        for (var i = 0; i < simplex._arcCount; i++)
        {
            flows[simplex._arcAtPosition[i]] = simplex._flow[simplex._nodeCount + i];
        }

        return flows;
    }

    /// <summary>
    /// Pivots on the active arcs until none prices out, then prices every inactive arc against the current potentials and
    /// activates the violating ones. When a full pass finds no arc with negative reduced cost the basis is optimal for the
    /// whole network, so restricting the search changes the speed, never the result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Run()
    {
        do
        {
            PivotOnActiveArcs();
        }
        while (ActivateViolatingArcs());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ActivateViolatingArcs()
    {
        var activated = false;
        var allArcs = _arcCount + _nodeCount;
        for (var e = _activeEnd; e < allArcs; e++)
        {
            if (_cost[e] + _pi[_source[e]] - _pi[_target[e]] < 0)
            {
                // Both positions hold inactive (hence non-tree, zero-flow) arcs, so no tree reference moves.
                SwapPositions(e, _activeEnd++);
                activated = true;
            }
        }

        return activated;
    }

    private void SwapPositions(int a, int b)
    {
        (_source[a], _source[b]) = (_source[b], _source[a]);
        (_target[a], _target[b]) = (_target[b], _target[a]);
        (_cost[a], _cost[b]) = (_cost[b], _cost[a]);
        (_arcAtPosition[a - _nodeCount], _arcAtPosition[b - _nodeCount]) = (_arcAtPosition[b - _nodeCount], _arcAtPosition[a - _nodeCount]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PivotOnActiveArcs()
    {
        var blockSize = Math.Max(10, (int)Math.Sqrt(_activeEnd));
        _nextArc = 0;
        while (FindEnteringArc(blockSize))
        {
            FindJoinNode();
            var change = FindLeavingArc();
            if (_delta == Infinite)
            {
                // Cannot happen on a bipartite network (no directed cycle), but never loop on a corrupted input.
                throw new InvalidOperationException("Unbounded flow problem.");
            }

            ChangeFlow(change);
            if (change)
            {
                UpdateTreeStructure();
                UpdatePotential();
            }
        }
    }

    /// <summary>Block search: scan arcs in blocks from where the last search stopped; take the most negative of a block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool FindEnteringArc(int blockSize)
    {
        var source = _source;
        var target = _target;
        var cost = _cost;
        var state = _state;
        var pi = _pi;
        var searchArcs = _activeEnd;
        long min = 0;
        var count = blockSize;
        int e;
        for (e = _nextArc; e < searchArcs; e++)
        {
            var c = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
            if (c < min)
            {
                min = c;
                _inArc = e;
            }

            if (--count == 0)
            {
                if (min < 0)
                {
                    _nextArc = e;
                    return true;
                }

                count = blockSize;
            }
        }

        for (e = 0; e < _nextArc; e++)
        {
            var c = state[e] * (cost[e] + pi[source[e]] - pi[target[e]]);
            if (c < min)
            {
                min = c;
                _inArc = e;
            }

            if (--count == 0)
            {
                if (min < 0)
                {
                    _nextArc = e;
                    return true;
                }

                count = blockSize;
            }
        }

        if (min >= 0)
        {
            return false;
        }

        _nextArc = e;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FindJoinNode()
    {
        var u = _source[_inArc];
        var v = _target[_inArc];
        while (u != v)
        {
            if (_succNum[u] < _succNum[v])
            {
                u = _parent[u];
            }
            else
            {
                v = _parent[v];
            }
        }

        _join = u;
    }

    /// <summary>The entering arc is always at its lower bound (no arc has a finite capacity), so the cycle runs along it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool FindLeavingArc()
    {
        var first = _source[_inArc];
        var second = _target[_inArc];
        _delta = Infinite;
        var result = 0;
        for (var u = first; u != _join; u = _parent[u])
        {
            // Going down to 'first' the cycle runs against an upward tree arc, which can only lose its flow.
            var d = _predDir[u] == DirUp ? _flow[_pred[u]] : Infinite;
            if (d < _delta)
            {
                _delta = d;
                _uOut = u;
                result = 1;
            }
        }

        for (var u = second; u != _join; u = _parent[u])
        {
            var d = _predDir[u] == DirDown ? _flow[_pred[u]] : Infinite;
            if (d <= _delta)
            {
                _delta = d;
                _uOut = u;
                result = 2;
            }
        }

        if (result == 1)
        {
            _uIn = first;
            _vIn = second;
        }
        else
        {
            _uIn = second;
            _vIn = first;
        }

        return result != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ChangeFlow(bool change)
    {
        if (_delta > 0)
        {
            var val = _delta;
            _flow[_inArc] += val;
            for (var u = _source[_inArc]; u != _join; u = _parent[u])
            {
                _flow[_pred[u]] -= _predDir[u] * val;
            }

            for (var u = _target[_inArc]; u != _join; u = _parent[u])
            {
                _flow[_pred[u]] += _predDir[u] * val;
            }
        }

        if (change)
        {
            _state[_inArc] = StateTree;
            _state[_pred[_uOut]] = StateLower;
        }
    }

    /// <summary>Re-hangs the subtree cut off by the leaving arc below the entering arc (LEMON's thread update).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdateTreeStructure()
    {
        var oldRevThread = _revThread[_uOut];
        var oldSuccNum = _succNum[_uOut];
        var oldLastSucc = _lastSucc[_uOut];
        var vOut = _parent[_uOut];

        if (_uIn == _uOut)
        {
            _parent[_uIn] = _vIn;
            _pred[_uIn] = _inArc;
            _predDir[_uIn] = _uIn == _source[_inArc] ? DirUp : DirDown;
            if (_thread[_vIn] != _uOut)
            {
                var after = _thread[oldLastSucc];
                _thread[oldRevThread] = after;
                _revThread[after] = oldRevThread;
                after = _thread[_vIn];
                _thread[_vIn] = _uOut;
                _revThread[_uOut] = _vIn;
                _thread[oldLastSucc] = after;
                _revThread[after] = oldLastSucc;
            }
        }
        else
        {
            // When old_rev_thread is v_in, join and v_out coincide.
            var threadContinue = oldRevThread == _vIn ? _thread[oldLastSucc] : _thread[_vIn];

            // Reverse the stem (the path u_in .. u_out) and splice the subtrees into the thread list.
            var stem = _uIn;
            var parStem = _vIn;
            var last = _lastSucc[_uIn];
            var after = _thread[last];
            _thread[_vIn] = _uIn;
            _dirtyRevs.Clear();
            _dirtyRevs.Add(_vIn);
            while (stem != _uOut)
            {
                var nextStem = _parent[stem];
                _thread[last] = nextStem;
                _dirtyRevs.Add(last);

                var before = _revThread[stem];
                _thread[before] = after;
                _revThread[after] = before;

                _parent[stem] = parStem;
                parStem = stem;
                stem = nextStem;

                last = _lastSucc[stem] == _lastSucc[parStem] ? _revThread[parStem] : _lastSucc[stem];
                after = _thread[last];
            }

            _parent[_uOut] = parStem;
            _thread[last] = threadContinue;
            _revThread[threadContinue] = last;
            _lastSucc[_uOut] = last;

            if (oldRevThread != _vIn)
            {
                _thread[oldRevThread] = after;
                _revThread[after] = oldRevThread;
            }

            foreach (var u in _dirtyRevs)
            {
                _revThread[_thread[u]] = u;
            }

            // Stem nodes from u_out back to u_in take over their former parent's arc, reversed.
            int successorCount = 0, lastSuccessor = _lastSucc[_uOut];
            for (int u = _uOut, p = _parent[u]; u != _uIn; u = p, p = _parent[u])
            {
                _pred[u] = _pred[p];
                _predDir[u] = (sbyte)-_predDir[p];
                successorCount += _succNum[u] - _succNum[p];
                _succNum[u] = successorCount;
                _lastSucc[p] = lastSuccessor;
            }

            _pred[_uIn] = _inArc;
            _predDir[_uIn] = _uIn == _source[_inArc] ? DirUp : DirDown;
            _succNum[_uIn] = oldSuccNum;
        }

        var upLimitOut = _lastSucc[_join] == _vIn ? _join : -1;
        var lastSuccOut = _lastSucc[_uOut];
        for (var u = _vIn; u != -1 && _lastSucc[u] == _vIn; u = _parent[u])
        {
            _lastSucc[u] = lastSuccOut;
        }

        if (_join != oldRevThread && _vIn != oldRevThread)
        {
            for (var u = vOut; u != upLimitOut && _lastSucc[u] == oldLastSucc; u = _parent[u])
            {
                _lastSucc[u] = oldRevThread;
            }
        }
        else if (lastSuccOut != oldLastSucc)
        {
            for (var u = vOut; u != upLimitOut && _lastSucc[u] == oldLastSucc; u = _parent[u])
            {
                _lastSucc[u] = lastSuccOut;
            }
        }

        for (var u = _vIn; u != _join; u = _parent[u])
        {
            _succNum[u] += oldSuccNum;
        }

        for (var u = vOut; u != _join; u = _parent[u])
        {
            _succNum[u] -= oldSuccNum;
        }
    }

    /// <summary>Shifts the potentials of the moved subtree so the entering arc gets reduced cost zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdatePotential()
    {
        var sigma = _pi[_vIn] - _pi[_uIn] - (_predDir[_uIn] * _cost[_inArc]);
        var end = _thread[_lastSucc[_uIn]];
        for (var u = _uIn; u != end; u = _thread[u])
        {
            _pi[u] += sigma;
        }
    }
    /// <summary>How many of each node's cheapest arcs start active: enough to carry most optimal flow, few enough to price fast.</summary>
    private const int PromisingArcsPerNode = 4;

    /// <summary>
    /// Returns the caller's arc indices with the <see cref="PromisingArcsPerNode"/> cheapest arcs of every node first (in
    /// input order), then the others (in input order); <paramref name="promisingCount"/> is the length of the first part.
    /// </summary>
    private static int[] OrderPromisingFirst(int nodeCount, ReadOnlySpan<int> arcSource, ReadOnlySpan<int> arcTarget, ReadOnlySpan<long> arcCost, out int promisingCount)
    {
        const int K = PromisingArcsPerNode;
        var best = new int[nodeCount * K];
        var bestCount = new int[nodeCount];
        for (var arc = 0; arc < arcSource.Length; arc++)
        {
            KeepIfCheaper(best, bestCount, arcSource[arc], arc, arcCost);
            KeepIfCheaper(best, bestCount, arcTarget[arc], arc, arcCost);
        }

        var promising = new bool[arcSource.Length];
        for (var node = 0; node < nodeCount; node++)
        {
            for (var k = 0; k < bestCount[node]; k++)
            {
                promising[best[(node * K) + k]] = true;
            }
        }

        var order = new int[arcSource.Length];
        var at = 0;
        for (var arc = 0; arc < promising.Length; arc++)
        {
            if (promising[arc])
            {
                order[at++] = arc;
            }
        }

        promisingCount = at;
        for (var arc = 0; arc < promising.Length; arc++)
        {
            if (!promising[arc])
            {
                order[at++] = arc;
            }
        }

        return order;

        // Keeps the K cheapest arcs of a node, ties to the earlier arc, by insertion into a tiny sorted list.
        static void KeepIfCheaper(int[] best, int[] bestCount, int node, int arc, ReadOnlySpan<long> cost)
        {
            var list = best.AsSpan(node * K, K);
            var count = bestCount[node];
            if (count == K && cost[list[K - 1]] <= cost[arc])
            {
                return;
            }

            var i = count == K ? K - 1 : count++;
            while (i > 0 && cost[list[i - 1]] > cost[arc])
            {
                list[i] = list[i - 1];
                i--;
            }

            list[i] = arc;
            bestCount[node] = count;
        }
    }
}
