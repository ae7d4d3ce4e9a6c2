using RiskGate.Engine;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Host.Simulate;

/// <summary>
/// After-the-run analysis off the order path: how much collateral integrated netting saves, and how
/// far the incremental fast path is from full revaluation on the session's own products. Runs on the
/// main thread once the gate has drained (the engine is no longer written); allocates freely.
/// </summary>
internal static class SessionAnalysis
{
    /// <summary>
    /// For up to <paramref name="maxAccounts"/> accounts holding positions at the end of the session,
    /// the integrated initial margin (<see cref="MarginCalculator"/>, full revaluation at the final
    /// market) against the sum of each position's initial margin computed alone.
    /// </summary>
    public static (double Integrated, double Standalone, int Accounts) Netting(RiskEngine engine, SimulatedSession session, int maxAccounts)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(session);
        var store = engine.Store ?? throw new InvalidOperationException("simulate: the engine was never sealed.");
        var table = engine.Instruments;
        var universe = session.Universe;
        var snapshot = universe.Snapshot(table, engine.InstrumentIndex, session.FinalPrices, session.FinalVolFactors);
        var arrays = new RiskArrayTable(table, universe.Margin.MaxNodes);
        var calculator = new MarginCalculator(table, arrays, universe.Margin);
        calculator.Revalue(snapshot);
        var breakdown = calculator.CreateBreakdown();
        var whole = new Portfolio(table);
        var single = new Portfolio(table);
        double integrated = 0, standalone = 0;
        var counted = 0;
        for (var id = 1u; id <= session.Accounts && counted < maxAccounts; id++)
        {
            var account = engine.AccountIndex(id);
            if (account < 0)
            {
                continue;
            }

            whole.Clear();
            double alone = 0;
            for (var i = 0; i < table.Count; i++)
            {
                var q = store.Position(account, i);
                if (q == 0)
                {
                    continue;
                }

                whole.SetPosition(i, q, 0);
                single.Clear();
                single.SetPosition(i, q, 0);
                calculator.Compute(single, snapshot, breakdown);
                alone += breakdown.Initial;
            }

            if (whole.HeldCount == 0)
            {
                continue;
            }

            calculator.Compute(whole, snapshot, breakdown);
            integrated += breakdown.Initial;
            standalone += alone;
            counted++;
        }

        return (integrated, standalone, counted);
    }

    /// <summary>
    /// Runs the engine's <see cref="AccuracyHarness"/> over the session's instruments from the final
    /// market: random portfolios on a seeded path with jumps and vol moves, each step's incremental
    /// margin and every random order's decision compared with full revaluation.
    /// </summary>
    public static AccuracyReport Accuracy(RiskEngine engine, SimulatedSession session, int accounts, int steps)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(session);
        var universe = session.Universe;
        var snapshot = universe.Snapshot(engine.Instruments, engine.InstrumentIndex, session.FinalPrices, session.FinalVolFactors);
        var options = new AccuracyHarnessOptions
        {
            Seed = (int)(session.Seed & int.MaxValue),
            Accounts = accounts,
            Steps = steps,
        };
        var harness = new AccuracyHarness(engine.Instruments, universe.Margin, snapshot, options, engine.Options.Policy, engine.Options.MaxFuturesPerGroup);
        harness.SeedPortfolios();
        return harness.Run();
    }
}
