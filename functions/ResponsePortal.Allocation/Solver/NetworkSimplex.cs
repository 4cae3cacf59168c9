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
internal sealed partial class NetworkSimplex
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
