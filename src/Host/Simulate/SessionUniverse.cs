using RiskGate.Engine;
using RiskGate.Engine.Checks;
using RiskGate.Engine.Instruments;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;

namespace RiskGate.Host.Simulate;

/// <summary>
/// The built-in product set of <c>riskgate simulate</c>: two correlated product groups.
/// <list type="bullet">
/// <item>Group 0, "CRY" (crypto-like): futures at 60,000 for 7, 30, 90 and 180 days, multiplier 1, tick 0.5;
/// a Deribit-style 9-step grid with a 16 % price range; options on the last three expiries, 25 strikes
/// 2.5 % apart, calls and puts, on SVI smiles around 55 % with a mild put skew.</item>
/// <item>Group 1, "IDX" (index-like): futures at 5,000 for 30, 90 and 180 days, multiplier 50, tick 0.25;
/// SPAN 16 with a 6 % range; options on every expiry, 25 strikes 1 % apart, on SVI smiles around 18 %
/// with a steep put skew.</item>
/// </list>
/// An inter-group credit of 30 % (one CRY delta against one IDX delta) models their correlation.
/// Built on one thread; immutable afterwards.
/// </summary>
internal sealed class SessionUniverse
{
    /// <summary>Nanoseconds in a day.</summary>
    public const long Day = 86_400_000_000_000;

    /// <summary>Strikes per option expiry (per side).</summary>
    public const int StrikesPerExpiry = 25;

    /// <summary>Session start: 2026-11-24 13:00 UTC, in Unix nanoseconds (message clock and valuation time).</summary>
    public const long Start = 1_795_525_200_000_000_000;

    private readonly List<InstrumentSpec> _instruments = [];
    private readonly List<int> _futures = [];
    private readonly List<double> _initialPrices = [];
    private readonly List<SviParameters> _smiles = [];
    private readonly List<int> _optionsByFutureStart = [];
    private readonly List<int> _optionsByFutureCount = [];

    /// <summary>Builds the product set; throws when a built-in smile fails validation (a bug, not an input).</summary>
    public SessionUniverse()
    {
        var crypto = new ScanParameters(Spans.DefaultDeribit, 0.16, ScanRangeKind.Relative, 0.30, ScanRangeKind.Relative);
        var index = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        Margin = new MarginOptions(
            [new GroupRiskParameters(crypto, 0.01, 0.0), new GroupRiskParameters(index, 0.005, 0.0)],
            [new InterGroupCredit(0, 1, 0.30, 1.0, 1.0)]);
        AddGroup(0, 1000, 60_000, 1.0, 0.5, [7, 30, 90, 180], 1, 0.025, 0.55, -0.25, 10_000);
        AddGroup(1, 2000, 5_000, 50.0, 0.25, [30, 90, 180], 0, 0.01, 0.18, -0.70, 20_000);
    }

    /// <summary>Margin setup of both groups and their credit.</summary>
    public MarginOptions Margin { get; }

    /// <summary>Every instrument, futures first within each group.</summary>
    public IReadOnlyList<InstrumentSpec> Instruments => _instruments;

    /// <summary>Indices into <see cref="Instruments"/> of the futures; a future's slot is its position here.</summary>
    public IReadOnlyList<int> Futures => _futures;

    /// <summary>Number of product groups.</summary>
    public int GroupCount => Margin.Groups.Length;

    /// <summary>Starting price of the future in slot <paramref name="slot"/>.</summary>
    public double InitialPrice(int slot) => _initialPrices[slot];

    /// <summary>Starting SVI smile of the options on the future in slot <paramref name="slot"/> (meaningless when it has none).</summary>
    public SviParameters Smile(int slot) => _smiles[slot];

    /// <summary>Index into <see cref="Instruments"/> of the first option on the future in <paramref name="slot"/>.</summary>
    public int FirstOption(int slot) => _optionsByFutureStart[slot];

    /// <summary>Number of options on the future in <paramref name="slot"/> (0: no options).</summary>
    public int OptionCount(int slot) => _optionsByFutureCount[slot];

    /// <summary>Default limits per group: wide enough for normal flow, tight enough that the unruly hit them.</summary>
    public static OrderLimits DefaultLimits => new()
    {
        MaxOrderQuantity = 200,
        MaxNotional = 50_000_000,
        MaxPosition = 2_000,
        CollarFraction = 0.10,
        CollarMinimum = 2,
        MaxWorkingOrders = 64,
        MaxOrdersPerWindow = 200,
        MaxCancelsPerWindow = 200,
    };

    /// <summary>
    /// Engine options sized for <paramref name="accounts"/> accounts. Group slots and futures per group are
    /// sized to this product set (every group, its largest futures count), not padded: the account store
    /// reserves group slots × futures × 3 × 4 scenario rows per account, so padding to 4 × 8 made it
    /// about 1.07 GB at 10,000 accounts for 286 MB used (the decisions are the same).
    /// </summary>
    public RiskEngineOptions EngineOptions(int accounts) => new(
        Margin,
        DefaultLimits,
        maxAccounts: accounts + 16,
        maxInstruments: _instruments.Count + 16,
        maxWorkingOrders: Math.Max(1 << 16, accounts * 64),
        maxPositionsPerAccount: 64,
        maxGroupsPerAccount: GroupCount,
        maxFuturesPerGroup: MaxFuturesInAGroup(),
        throttleCapacity: 256,
        alertCapacity: 1 << 16,
        valuationTimeNanoseconds: Start,
        sessionEndNanoseconds: Start + Day);

    /// <summary>
    /// Defines every instrument, prices every future and sets every smile on <paramref name="engine"/>,
    /// then seals it. Called once, on the thread that owns the engine, before it is handed to a gate.
    /// </summary>
    public void Configure(RiskEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        long sequence = 0;
        foreach (var s in _instruments)
        {
            Expect(engine.OnInstrumentDefinition(++sequence, s.Id, s.Kind, s.Group, s.UnderlyingId, s.ExpiryNanoseconds, Price9(s.Strike), s.IsCall, s.Multiplier, Price9(s.Tick), true), "instrument definition");
        }

        for (var slot = 0; slot < _futures.Count; slot++)
        {
            var future = _instruments[_futures[slot]];
            Expect(engine.OnMarketPrice(++sequence, Start, future.Id, Price9(_initialPrices[slot])), "market price");
            if (_optionsByFutureCount[slot] > 0)
            {
                Expect(engine.OnVolSmile(++sequence, Start, future.Id, _smiles[slot].ToSmile()), "vol smile");
            }
        }

        engine.Seal();
    }

    /// <summary>A snapshot at the given prices and smiles, indexed like <paramref name="table"/> (the engine's table).</summary>
    public MarketSnapshot Snapshot(InstrumentTable table, Func<uint, int> indexOf, ReadOnlySpan<double> prices, ReadOnlySpan<double> volFactors)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(indexOf);
        var snapshot = new MarketSnapshot(table.Capacity);
        for (var slot = 0; slot < _futures.Count; slot++)
        {
            var future = _instruments[_futures[slot]];
            snapshot.SetPrice(indexOf(future.Id), prices[slot]);
            if (_optionsByFutureCount[slot] > 0)
            {
                var smile = _smiles[slot].Scaled(volFactors[slot]).ToSmile();
                for (var o = 0; o < _optionsByFutureCount[slot]; o++)
                {
                    snapshot.SetSmile(indexOf(_instruments[_optionsByFutureStart[slot] + o].Id), smile);
                }
            }
        }

        return snapshot;
    }

    /// <summary>Price in PRICE9 mantissa.</summary>
    public static long Price9(double price) => (long)Math.Round(price * 1e9);

    private static void Expect(EngineDecision decision, string what)
    {
        if (!decision.Accepted)
        {
            throw new InvalidOperationException("simulate: the engine refused the built-in " + what + " (" + decision.Reason + ").");
        }
    }

    private void AddGroup(int group, uint firstId, double price, double multiplier, double tick, int[] expiryDays, int firstOptionExpiry, double strikeStep, double atmVol, double rho, uint firstOptionId)
    {
        var optionId = firstOptionId;
        for (var e = 0; e < expiryDays.Length; e++)
        {
            var years = expiryDays[e] / 365.0;
            var forward = RoundToTick(price * (1.0 + (0.01 * years)), tick);
            var futureId = firstId + (uint)e;
            var slot = _futures.Count;
            _futures.Add(_instruments.Count);
            _initialPrices.Add(forward);
            _instruments.Add(new InstrumentSpec(futureId, InstrumentKind.Future, group, 0, Start + (expiryDays[e] * Day), 0, false, multiplier, tick, slot));
            var w = atmVol * atmVol * years;

            // a ≈ 70 % and b·σ ≈ 30 % of the ATM total variance: a smooth smile with a skew of rho.
            const double Sigma = 0.15;
            var b = 0.3 * w / Sigma;
            var svi = new SviParameters(years, 0.7 * w, b, rho, 0.0, Sigma);
            svi.Validate().ThrowIfInvalid();
            _smiles.Add(svi);
            _optionsByFutureStart.Add(_instruments.Count);
            if (e < firstOptionExpiry)
            {
                _optionsByFutureCount.Add(0);
                continue;
            }

            var optionTick = tick / 10;
            for (var k = 0; k < StrikesPerExpiry; k++)
            {
                var strike = RoundToTick(forward * (1.0 + (strikeStep * (k - (StrikesPerExpiry / 2)))), tick * 10);
                _instruments.Add(new InstrumentSpec(optionId++, InstrumentKind.Option, group, futureId, Start + (expiryDays[e] * Day), strike, true, multiplier, optionTick, slot));
                _instruments.Add(new InstrumentSpec(optionId++, InstrumentKind.Option, group, futureId, Start + (expiryDays[e] * Day), strike, false, multiplier, optionTick, slot));
            }

            _optionsByFutureCount.Add(StrikesPerExpiry * 2);
        }
    }

    private int MaxFuturesInAGroup()
    {
        var max = 1;
        for (var g = 0; g < GroupCount; g++)
        {
            var count = 0;
            foreach (var f in _futures)
            {
                if (_instruments[f].Group == g)
                {
                    count++;
                }
            }

            max = Math.Max(max, count);
        }

        return max;
    }

    private static double RoundToTick(double price, double tick) => Math.Round(price / tick) * tick;
}
