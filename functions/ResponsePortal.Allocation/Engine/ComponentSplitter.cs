namespace ResponsePortal.Allocation.Engine;

/// <summary>
/// Splits the feasible pairs into connected components of the offer-request graph (union-find). Components share no
/// listing, so each is an independent transportation problem: they can be solved in parallel, and a change to one
/// listing only needs its own component solved again.
/// </summary>
internal static class ComponentSplitter
{
    /// <summary>
    /// Returns the pair indices grouped by component (<c>PairOrder[Starts[c] .. Starts[c + 1]]</c>), components numbered
    /// in the order their first pair appears, pairs kept in their original order inside a component.
    /// </summary>
    public static (int[] PairOrder, int[] Starts) Split(FeasiblePairs pairs)
    {
        var offerCount = pairs.Offers.Length;
        var parent = new int[offerCount + pairs.Requests.Length];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        for (var p = 0; p < pairs.Count; p++)
        {
            var a = Find(parent, pairs.OfferOf[p]);
            var b = Find(parent, offerCount + pairs.RequestOf[p]);
            if (a != b)
            {
                // Smaller root wins: the result is independent of any size heuristic and still near-flat with path halving.
                if (a < b)
                {
                    parent[b] = a;
                }
                else
                {
                    parent[a] = b;
                }
            }
        }

        var componentOfRoot = new int[parent.Length];
        Array.Fill(componentOfRoot, -1);
        var componentOfPair = new int[pairs.Count];
        var componentCount = 0;
        for (var p = 0; p < pairs.Count; p++)
        {
            var root = Find(parent, pairs.OfferOf[p]);
            if (componentOfRoot[root] < 0)
            {
                componentOfRoot[root] = componentCount++;
            }

            componentOfPair[p] = componentOfRoot[root];
        }

        // Counting sort by component keeps the pairs' relative order (stable).
        var starts = new int[componentCount + 1];
        foreach (var component in componentOfPair)
        {
            starts[component + 1]++;
        }

        for (var c = 0; c < componentCount; c++)
        {
            starts[c + 1] += starts[c];
        }

        var next = starts[..^1];
        var pairOrder = new int[pairs.Count];
        for (var p = 0; p < pairs.Count; p++)
        {
            pairOrder[next[componentOfPair[p]]++] = p;
        }

        return (pairOrder, starts);
    }

    private static int Find(int[] parent, int node)
    {
        while (parent[node] != node)
        {
            parent[node] = parent[parent[node]];
            node = parent[node];
        }

        return node;
    }
}
