using System.Runtime.CompilerServices;

namespace ResponsePortal.Allocation.Solver;

/// <summary>
/// One pivot of the network simplex once the entering arc is chosen: find the cycle's apex (join node) and the leaving
/// arc, push flow around the cycle, and re-hang the spanning tree (parent / thread / successor counts, as in LEMON) with
/// the potentials of the moved subtree. Pricing, the tree's start and the public surface are in NetworkSimplex.cs.
/// </summary>
internal sealed partial class NetworkSimplex
{
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
}
