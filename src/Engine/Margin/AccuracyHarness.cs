using RiskGate.Engine.Instruments;
using RiskGate.Engine.Market;
using RiskGate.Engine.Pricing;
using RiskGate.Engine.Scenarios;
using RiskGate.Engine.State;

namespace RiskGate.Engine.Margin;

/// <summary>
/// Validates the incremental path against full revaluation: runs a seeded market path (lognormal
/// random walk with jumps and parallel vol moves) through a <see cref="MarketState"/> (re-anchoring as
/// its policy says), holds random portfolios in an <see cref="AccountStore"/> mirrored by
/// <see cref="Portfolio"/> objects, and at every step compares each account's incremental maintenance
/// with <see cref="MarginCalculator"/> at the same market and time, and every random order's
/// incremental decision with the reference decision. Used by the engine's tests and by
/// <c>riskgate simulate</c>.
/// </summary>
/// <remarks>
/// Single thread. It allocates at construction and for each vol move (a new smile object) and at the
/// end of a run (sorting the error samples); it is a validation tool, not an order path.
/// </remarks>
public sealed class AccuracyHarness
{
    private readonly InstrumentTable _instruments;
    private readonly MarginOptions _marginOptions;
    private readonly AccuracyHarnessOptions _options;
    private readonly RiskArrayTable _oracleArrays;
    private readonly MarginCalculator _oracle;
    private readonly Portfolio[] _portfolios;
    private readonly MarginBreakdown _breakdown;
    private readonly int[] _futures;
    private readonly VolSmile?[] _baseSmiles;
    private readonly double[] _volShift;
    private readonly Random _random;

    /// <summary>Creates the harness and its system under test over a registered instrument table and a starting market (which it takes over).</summary>
    /// <param name="instruments">Registered instruments.</param>
    /// <param name="marginOptions">Margin options of every group.</param>
    /// <param name="market">Starting prices and smiles; the harness's market state becomes its only writer.</param>
    /// <param name="options">Run settings.</param>
    /// <param name="policy">Re-anchor policy (default when null).</param>
    /// <param name="maxFuturesPerGroup">Largest number of futures in a group.</param>
    public AccuracyHarness(InstrumentTable instruments, MarginOptions marginOptions, MarketSnapshot market, AccuracyHarnessOptions options, ReanchorPolicy? policy = null, int maxFuturesPerGroup = 8)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(marginOptions);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _instruments = instruments;
        _marginOptions = marginOptions;
        _options = options;
        Market = new MarketState(instruments, marginOptions, market, policy ?? ReanchorPolicy.Default, 0, maxFuturesPerGroup);
        Market.ReanchorAll();
        Store = new AccountStore(Market, new AccountStoreOptions(options.Accounts, Math.Max(64, options.MaxLegs * 4), Math.Min(64, instruments.GroupCount)));
        Margin = new IncrementalMargin(Store, options.SafetyBuffer);
        _oracleArrays = new RiskArrayTable(instruments, marginOptions.MaxNodes);
        _oracle = new MarginCalculator(instruments, _oracleArrays, marginOptions);
        _breakdown = _oracle.CreateBreakdown();
        _portfolios = new Portfolio[options.Accounts];
        for (var a = 0; a < _portfolios.Length; a++)
        {
            _portfolios[a] = new Portfolio(instruments);
        }

        var count = 0;
        for (var i = 0; i < instruments.Count; i++)
        {
            if (instruments[i].Kind == InstrumentKind.Future)
            {
                count++;
            }
        }

        _futures = new int[count];
        _baseSmiles = new VolSmile?[count];
        _volShift = new double[count];
        count = 0;
        for (var i = 0; i < instruments.Count; i++)
        {
            if (instruments[i].Kind == InstrumentKind.Future)
            {
                _futures[count++] = i;
            }
        }

        for (var i = 0; i < instruments.Count; i++)
        {
            if (instruments[i].IsOption)
            {
                var k = Array.IndexOf(_futures, instruments[i].Underlying);
                _baseSmiles[k] ??= market.Smile(i);
            }
        }

        _random = new Random(options.Seed);
        RevalueOracle();
    }

    /// <summary>The market state under test.</summary>
    public MarketState Market { get; }

    /// <summary>The account store under test.</summary>
    public AccountStore Store { get; }

    /// <summary>The incremental checker under test.</summary>
    public IncrementalMargin Margin { get; }

    /// <summary>The reference calculator (its arrays are revalued at every step).</summary>
    public MarginCalculator Reference => _oracle;

    /// <summary>The reference portfolio mirroring an account.</summary>
    public Portfolio ReferencePortfolio(int account) => _portfolios[account];

    /// <summary>Gives every account a random portfolio (at market prices) and cash near its initial requirement.</summary>
    public void SeedPortfolios()
    {
        for (var a = 0; a < _portfolios.Length; a++)
        {
            var legs = _random.Next(1, _options.MaxLegs + 1);
            for (var l = 0; l < legs; l++)
            {
                var i = _random.Next(_instruments.Count);
                var q = (long)_random.Next(1, _options.MaxQuantity + 1) * (_random.Next(2) == 0 ? -1 : 1);
                var next = _portfolios[a].Quantity(i) + q;
                var price = FairPrice(i);
                if (Store.SetPosition(a, i, next, price) == StateStatus.Ok)
                {
                    _portfolios[a].SetPosition(i, next, price);
                }
            }

            _oracle.Compute(_portfolios[a], Market.Current, _breakdown);
            var factor = _options.CashFactorLow + (_options.CashFactorHigh - _options.CashFactorLow) * _random.NextDouble();
            var cash = _breakdown.Initial * factor - (_breakdown.FuturesPnl + _breakdown.OptionValue);
            _portfolios[a].Cash = cash;
            Store.SetCash(a, cash);
        }
    }

    /// <summary>Runs the configured number of steps and returns what was measured.</summary>
    public AccuracyReport Run()
    {
        var report = default(AccuracyReport);
        var errors = new double[(long)_options.Steps * _options.Accounts];
        var samples = 0;
        var reanchorsBefore = Market.ReanchorCount;
        var rebuildsBefore = Store.RebuildCount;
        var now = Market.Now;
        for (var step = 0; step < _options.Steps; step++)
        {
            now += _options.StepNanoseconds;
            MoveMarket(now);
            RevalueOracle();
            for (var a = 0; a < _portfolios.Length; a++)
            {
                _oracle.Compute(_portfolios[a], Market.Current, _breakdown);
                var full = _breakdown.Maintenance;
                var fast = Margin.Requirement(a).MaintenanceBefore;
                if (Margin.CreditUncertain)
                {
                    // The reference credit jumps where a net delta changes sign; inside the band the
                    // fast path withholds the credit on purpose, so these samples are counted apart.
                    report.CreditUncertainSamples++;
                    continue;
                }

                var abs = Math.Abs(fast - full);
                var rel = abs / Math.Max(Math.Abs(full), _options.ErrorFloor);
                errors[samples++] = rel;
                report.Samples++;
                report.MaxAbsoluteError = Math.Max(report.MaxAbsoluteError, abs);
            }

            for (var k = 0; k < _options.OrdersPerStep; k++)
            {
                CheckRandomOrder(ref report);
            }
        }

        Array.Sort(errors, 0, samples);
        report.MaxRelativeError = report.Samples == 0 ? 0 : errors[report.Samples - 1];
        report.P99RelativeError = report.Samples == 0 ? 0 : errors[(int)Math.Min(report.Samples - 1, (long)Math.Ceiling(report.Samples * 0.99) - 1)];
        report.Reanchors = Market.ReanchorCount - reanchorsBefore;
        report.Rebuilds = Store.RebuildCount - rebuildsBefore;
        return report;
    }

    private void CheckRandomOrder(ref AccuracyReport report)
    {
        var a = _random.Next(_portfolios.Length);
        var i = _random.Next(_instruments.Count);
        var q = (long)_random.Next(1, _options.MaxQuantity + 1) * (_random.Next(2) == 0 ? -1 : 1);
        var price = FairPrice(i) * (1 + 0.002 * (_random.NextDouble() - 0.5));
        var fast = Margin.CheckOrder(a, i, q, price);
        if (fast.Status != StateStatus.Ok)
        {
            return;
        }

        var portfolio = _portfolios[a];
        _oracle.Compute(portfolio, Market.Current, _breakdown);
        var full = _oracle.EvaluateOrder(portfolio, Market.Current, _breakdown, i, q, price);
        report.Orders++;
        if (!full.Accepted)
        {
            report.ReferenceRejects++;
        }

        if (fast.Accepted && !full.Accepted)
        {
            report.FalseAccepts++;
        }
        else if (!fast.Accepted && full.Accepted)
        {
            report.FalseRejects++;
        }

        if (fast.Accepted && full.Accepted && _random.NextDouble() < _options.FillProbability && Store.ApplyFill(a, i, q, price) == StateStatus.Ok)
        {
            portfolio.Trade(i, q, price);
            report.Fills++;
        }
    }

    private void MoveMarket(long now)
    {
        var current = Market.Current;
        for (var k = 0; k < _futures.Length; k++)
        {
            var f = _futures[k];
            var z = Gaussian();
            var move = Math.Exp(_options.StepVolatility * z);
            if (_random.NextDouble() < _options.JumpProbability)
            {
                move *= 1 + (_random.Next(2) == 0 ? -1 : 1) * _options.JumpSize;
            }

            Market.SetFuturePrice(f, current.Price(f) * move, now);
            var smile = _baseSmiles[k];
            if (smile is not null && _random.NextDouble() < _options.VolMoveProbability)
            {
                _volShift[k] = Math.Clamp(_volShift[k] + _options.VolMoveSize * Gaussian(), -0.5, 0.5);
                Market.SetSmile(f, new ShiftedSmile(smile, _volShift[k]), now);
            }
        }
    }

    private void RevalueOracle()
    {
        var elapsed = Math.Max(Market.ElapsedYears, 0);
        for (var i = 0; i < _instruments.Count; i++)
        {
            _oracleArrays.BuildAt(i, _marginOptions.Groups[_instruments[i].Group].Scan, Market.Current, elapsed);
        }
    }

    private double FairPrice(int instrument)
    {
        ref readonly var inst = ref _instruments[instrument];
        return inst.IsOption ? _oracleArrays.Value(instrument) / inst.Multiplier : Market.Current.Price(instrument);
    }

    private double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
