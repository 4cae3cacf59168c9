// Reference solver for the allocation benchmark: reads the feasible pairs written by
// `ResponsePortal.Bench pairs` and solves the max-value transportation problem with
// LEMON's NetworkSimplex (block search pivoting, its default).
// A dummy node absorbs unshipped supply and feeds unmet demand at cost 0, so not
// everything has to be allocated. Prints the read time, the solve time (only run())
// and the objective sum(flow x value) computed in doubles.
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <chrono>
#include <ctime>
#include <cstdint>
#include <cstdio>
#include <vector>

using namespace lemon;
using Clock = std::chrono::steady_clock;

template <typename T> static bool readValue(std::FILE* f, T& value) {
    return std::fread(&value, sizeof(T), 1, f) == 1;
}

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: lemon_transport <pairs.bin>\n");
        return 2;
    }
    auto readStart = Clock::now();
    std::FILE* f = std::fopen(argv[1], "rb");
    if (!f) { std::perror(argv[1]); return 2; }
    std::setvbuf(f, nullptr, _IOFBF, 1 << 22);
    int32_t offers = 0, requests = 0;
    int64_t pairCount = 0;
    if (!readValue(f, offers) || !readValue(f, requests) || !readValue(f, pairCount)) return 2;

    SmartDigraph graph;
    graph.reserveNode(offers + requests + 1);
    graph.reserveArc(pairCount + offers + requests);
    std::vector<SmartDigraph::Node> nodes;
    for (int i = 0; i < offers + requests; ++i) nodes.push_back(graph.addNode());
    SmartDigraph::Node dummy = graph.addNode();
    SmartDigraph::NodeMap<long long> supply(graph, 0);
    long long totalSupply = 0, totalDemand = 0;
    for (int i = 0; i < offers + requests; ++i) {
        int64_t quantity;
        if (!readValue(f, quantity)) return 2;
        if (i < offers) { supply[nodes[i]] = quantity; totalSupply += quantity; }
        else { supply[nodes[i]] = -quantity; totalDemand += quantity; }
    }
    supply[dummy] = totalDemand - totalSupply;

    SmartDigraph::ArcMap<long long> cost(graph);
    std::vector<double> value(pairCount);
    for (int64_t p = 0; p < pairCount; ++p) {
        int32_t o, r;
        int64_t scaled;
        double v;
        if (!readValue(f, o) || !readValue(f, r) || !readValue(f, scaled) || !readValue(f, v)) return 2;
        SmartDigraph::Arc arc = graph.addArc(nodes[o], nodes[offers + r]);
        cost[arc] = -scaled;  // maximise value = minimise its negation
        value[p] = v;
    }
    std::fclose(f);
    for (int i = 0; i < offers; ++i) cost[graph.addArc(nodes[i], dummy)] = 0;
    for (int i = 0; i < requests; ++i) cost[graph.addArc(dummy, nodes[offers + i])] = 0;
    double readSeconds = std::chrono::duration<double>(Clock::now() - readStart).count();

    auto solveStart = Clock::now();
    std::clock_t cpuStart = std::clock();
    NetworkSimplex<SmartDigraph, long long, long long> simplex(graph);
    simplex.costMap(cost).supplyMap(supply);
    auto status = simplex.run();
    double solveSeconds = std::chrono::duration<double>(Clock::now() - solveStart).count();
    double solveCpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    if (status != NetworkSimplex<SmartDigraph, long long, long long>::OPTIMAL) {
        std::fprintf(stderr, "not optimal: %d\n", (int)status);
        return 1;
    }

    double objective = 0;
    long long allocated = 0;
    for (int64_t p = 0; p < pairCount; ++p) {
        long long flow = simplex.flow(graph.arcFromId((int)p));
        if (flow > 0) { objective += flow * value[p]; allocated += flow; }
    }
    std::printf("pairs=%lld read_seconds=%.6f solve_seconds=%.6f solve_cpu_seconds=%.6f objective=%.9f allocated=%lld\n",
                (long long)pairCount, readSeconds, solveSeconds, solveCpuSeconds, objective, allocated);
    return 0;
}
