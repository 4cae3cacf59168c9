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
/// Memory is what limits the problem size (tens of millions of arcs), so the caller writes the arcs straight into the
/// solver's arrays (<see cref="SetArc"/>), costs are 32-bit (values are at most 4 x 1e6), the promising arcs are moved to
/// the front in place, and results are read back per arc position (<see cref="ArcSource"/>, <see cref="ArcTarget"/>,
/// <see cref="ArcFlow"/>): 21 bytes per arc, no copies.
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
    private readonly int[] _cost;
    private readonly long[] _flow;
    private readonly sbyte[] _state;
    private readonly long[] _supply;

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

    // Arcs [0, _activeEnd) are searched by the pivot rule; the others wait until a full pricing pass activates them.
    private int _activeEnd;

    private int _inArc;
    private int _join;
    private int _uIn;
    private int _vIn;
    private int _uOut;
    private long _delta;
    private int _nextArc;

    /// <summary>Allocates the arrays for <paramref name="nodeCount"/> nodes and <paramref name="arcCount"/> arcs.</summary>
    public NetworkSimplex(int nodeCount, int arcCount)
    {
        _nodeCount = nodeCount;
        _arcCount = arcCount;
        _root = _nodeCount;
        var allArcs = _arcCount + _nodeCount;
        _source = new int[allArcs];
        _target = new int[allArcs];
        _cost = new int[allArcs];
        _flow = new long[allArcs];
        _state = new sbyte[allArcs];
        _supply = new long[nodeCount];

        var nodes = _nodeCount + 1;
        _parent = new int[nodes];
        _pred = new int[nodes];
        _predDir = new sbyte[nodes];
        _thread = new int[nodes];
        _revThread = new int[nodes];
        _succNum = new int[nodes];
        _lastSucc = new int[nodes];
        _pi = new long[nodes];
    }

    public int ArcCount => _arcCount;

    /// <summary>Supply of a node (positive) or its demand (negative); unshipped supply and unmet demand cost nothing.</summary>
    public void SetSupply(int node, long supply) => _supply[node] = supply;

    /// <summary>Arc <paramref name="arc"/> (0-based) from a supply node to a demand node, uncapacitated.</summary>
    public void SetArc(int arc, int source, int target, int cost)
    {
        var e = _nodeCount + arc;
        _source[e] = source;
        _target[e] = target;
        _cost[e] = cost;
    }

    /// <summary>Source of the arc now at <paramref name="position"/>: Run reorders the arcs, so results are read by position.</summary>
    public int ArcSource(int position) => _source[_nodeCount + position];

    public int ArcTarget(int position) => _target[_nodeCount + position];

    public long ArcFlow(int position) => _flow[_nodeCount + position];

    /// <summary>
    /// Solves min sum(cost x flow) with outflow - inflow &lt;= supply at supply nodes and inflow - outflow &lt;= demand at
    /// demand nodes (supply given negative), all arcs uncapacitated. Read the flows with <see cref="ArcFlow"/> afterwards.
    /// </summary>
    public void Run()
    {
        _activeEnd = _nodeCount + MovePromisingToFront();
        InitialiseTree();
        do
        {
            PivotOnActiveArcs();
        }
        while (ActivateViolatingArcs());
    }

    /// <summary>The "nothing allocated" tree: every node hangs from the root by its artificial arc (arc u of node u).</summary>
    private void InitialiseTree()
    {
        for (var e = _nodeCount; e < _nodeCount + _arcCount; e++)
        {
            _state[e] = StateLower;
        }

        _parent[_root] = -1;
        _pred[_root] = -1;
        _thread[_root] = 0;
        _revThread[0] = _root;
        _succNum[_root] = _nodeCount + 1;
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
            if (_supply[u] >= 0)
            {
                _predDir[u] = DirUp;
                _source[e] = u;
                _target[e] = _root;
                _flow[e] = _supply[u];
            }
            else
            {
                _predDir[u] = DirDown;
                _source[e] = _root;
                _target[e] = u;
                _flow[e] = -_supply[u];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ActivateViolatingArcs()
    {
        var activated = false;
        var allArcs = _arcCount + _nodeCount;
        for (var e = _activeEnd; e < allArcs; e++)
        {
            if ((long)_cost[e] + _pi[_source[e]] - _pi[_target[e]] < 0)
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
            var c = state[e] * ((long)cost[e] + pi[source[e]] - pi[target[e]]);
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
            var c = state[e] * ((long)cost[e] + pi[source[e]] - pi[target[e]]);
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
        var sigma = _pi[_vIn] - _pi[_uIn] - (_predDir[_uIn] * (long)_cost[_inArc]);
        var end = _thread[_lastSucc[_uIn]];
        for (var u = _uIn; u != end; u = _thread[u])
        {
            _pi[u] += sigma;
        }
    }
    /// <summary>How many of each node's cheapest arcs start active: enough to carry most optimal flow, few enough to price fast.</summary>
    private const int PromisingArcsPerNode = 4;

    /// <summary>
    /// Moves the <see cref="PromisingArcsPerNode"/> cheapest arcs of every node to the front of the real arcs and returns
    /// their number. In place (a two-ended partition, marks kept in the state array), so it needs no per-arc memory beyond
    /// the arcs themselves; the order it leaves is a function of the input order, hence deterministic.
    /// </summary>
    private int MovePromisingToFront()
    {
        const int K = PromisingArcsPerNode;
        var first = _nodeCount;
        var end = _nodeCount + _arcCount;
        var best = new int[_nodeCount * K];
        var bestCount = new int[_nodeCount];
        for (var e = first; e < end; e++)
        {
            KeepIfCheaper(best, bestCount, _source[e], e, _cost);
            KeepIfCheaper(best, bestCount, _target[e], e, _cost);
        }

        const sbyte Promising = 1;
        for (var node = 0; node < _nodeCount; node++)
        {
            for (var k = 0; k < bestCount[node]; k++)
            {
                _state[best[(node * K) + k]] = Promising;
            }
        }

        var front = first;
        var back = end - 1;
        while (true)
        {
            while (front <= back && _state[front] == Promising)
            {
                front++;
            }

            while (front <= back && _state[back] != Promising)
            {
                back--;
            }

            if (front >= back)
            {
                break;
            }

            SwapPositions(front, back);
            (_state[front], _state[back]) = (_state[back], _state[front]);
        }

        return front - first;

        // Keeps the K cheapest arcs of a node, ties to the earlier arc, by insertion into a tiny sorted list.
        static void KeepIfCheaper(int[] best, int[] bestCount, int node, int arc, int[] cost)
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
