using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RiskGate.Engine;
using RiskGate.Engine.State;
using RiskGate.Gate.Pipeline;
using RiskGate.Host.Simulate;

namespace RiskGate.Perf.Gate;

/// <summary>
/// How much account state the timed messages make an exact margin check read, and what merely reading
/// that much costs on this machine: the memory floor under any implementation of DESIGN §5.2's cached
/// vectors (per account, group and future: Σq·RA, Σq·D, Σq·G, Σq·V over the group's scan nodes, float64,
/// for positions, working buys and working sells).
/// </summary>
/// <remarks>
/// The footprint of an account is counted from its positions and working orders after the replay: per
/// future it trades in a group, 4 rows × the group's node stride × 8 bytes for each set that is not
/// empty there (positions, working buys, working sells) — the least an exact check can read when its
/// cached expansion is stale (after a tick or a change of the account), whatever the implementation. The floor replays the timed messages' account sequence over an arena with exactly
/// those footprints, laid out like the store (each account's bytes contiguous, accounts side by side),
/// and sums each message's account with SIMD loads: no arithmetic beyond the loads, no branches on data.
/// The engine reads at least this (a check whose expansion cache missed) and does the work on top.
/// </remarks>
internal static class StateFootprint
{
    private const int Rows = 4;

    /// <summary>The footprint and the read floor over <paramref name="messages"/> timed messages.</summary>
    /// <param name="engine">An engine that has replayed the session up to <paramref name="first"/>.</param>
    /// <param name="session">The session.</param>
    /// <param name="first">Index of the first timed message.</param>
    /// <param name="messages">Timed messages.</param>
    public static Result Measure(RiskEngine engine, SimulatedSession session, int first, int messages)
    {
        var store = engine.Store ?? throw new InvalidOperationException("the engine is not sealed");
        var market = engine.Market!;
        var instruments = engine.Instruments;
        var accounts = engine.AccountCount;
        var offsets = new long[accounts + 1];
        var futures = market.MaxFuturesPerGroup;
        var sets = new byte[instruments.GroupCount * futures];
        for (var a = 0; a < accounts; a++)
        {
            // Per (group, future) the sets an exact check must read: positions, working buys, working sells.
            sets.AsSpan().Clear();
            for (var k = 0; k < store.SlotCount(a); k++)
            {
                var i = store.SlotInstrument(a, k);
                ref var used = ref sets[(instruments[i].Group * futures) + market.FutureOrdinal(i)];
                used |= (byte)((store.Position(a, i) != 0 ? 1 : 0) | (store.Working(a, i, OrderSide.Buy) != 0 ? 2 : 0) | (store.Working(a, i, OrderSide.Sell) != 0 ? 4 : 0));
            }

            var doubles = 0L;
            for (var gf = 0; gf < sets.Length; gf++)
            {
                doubles += (long)Rows * BitOperations.PopCount(sets[gf]) * market.GroupStride(gf / futures);
            }

            offsets[a + 1] = offsets[a] + doubles;
        }

        // The account index of every timed message (−1 for market data and other account-less messages).
        var sequence = new int[messages];
        var bytes = 0L;
        var counted = 0;
        for (var m = 0; m < messages; m++)
        {
            MessageRouter.ReadIdentity(session.Message(first + m), out _, out _, out var accountId, out _);
            var a = accountId == 0 ? -1 : engine.AccountIndex(accountId);
            sequence[m] = a;
            if (a >= 0)
            {
                bytes += (offsets[a + 1] - offsets[a]) * sizeof(double);
                counted++;
            }
        }

        var arena = new double[Math.Max(1, offsets[accounts])];
        new Random(7).NextBytes(MemoryMarshal.AsBytes(arena.AsSpan()));
        var floor = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            floor = Math.Min(floor, ReadAll(arena, offsets, sequence) / Math.Max(1, counted));
        }

        return new Result(counted == 0 ? 0 : (double)bytes / counted, floor, offsets[accounts] * sizeof(double), accounts);
    }

    // Total ns to read every message's account once, in message order (fully optimised from the first call).
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    private static double ReadAll(double[] arena, long[] offsets, int[] sequence)
    {
        var sink = 0.0;
        var start = Stopwatch.GetTimestamp();
        foreach (var a in sequence)
        {
            if (a >= 0)
            {
                sink += Sum(arena.AsSpan((int)offsets[a], (int)(offsets[a + 1] - offsets[a])));
            }
        }

        var ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
        GC.KeepAlive(sink);
        return ns;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.AggressiveInlining)]
    private static double Sum(ReadOnlySpan<double> values)
    {
        var acc = Vector<double>.Zero;
        var vectors = MemoryMarshal.Cast<double, Vector<double>>(values);
        foreach (ref readonly var v in vectors)
        {
            acc += v;
        }

        var total = Vector.Sum(acc);
        for (var k = vectors.Length * Vector<double>.Count; k < values.Length; k++)
        {
            total += values[k];
        }

        return total;
    }

    /// <summary>Footprint figures.</summary>
    /// <param name="MeanBytesPerMessage">Mean cached-vector bytes of the account of a timed message that has one.</param>
    /// <param name="ReadFloorNs">Best of three: ns per such message to read those bytes and nothing else.</param>
    /// <param name="TotalBytes">Cached-vector bytes of all accounts.</param>
    /// <param name="Accounts">Accounts registered.</param>
    internal sealed record Result(double MeanBytesPerMessage, double ReadFloorNs, long TotalBytes, int Accounts);
}
