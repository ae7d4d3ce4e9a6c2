using RiskGate.Engine.Checks;
using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Market;

namespace RiskGate.Engine;

/// <summary>
/// Everything <see cref="RiskEngine"/> pre-allocates and its defaults. Immutable; any thread may read
/// it. The constructor throws naming the setting and its allowed range when a value is out of range.
/// </summary>
public sealed class RiskEngineOptions
{
    /// <summary>Creates the options.</summary>
    /// <param name="margin">Scan setup per product group (group index = position in the list) and inter-group credits.</param>
    /// <param name="defaultLimits">Limits every group starts with, and the account-wide defaults (working orders, throttles); must be complete.</param>
    /// <param name="maxAccounts">Accounts, in [1, 1048576].</param>
    /// <param name="maxInstruments">Instruments, in [1, 1048576].</param>
    /// <param name="maxWorkingOrders">Working orders in total, in [1, 16777216].</param>
    /// <param name="maxPositionsPerAccount">Instruments an account may hold or work at once, in [1, 4096].</param>
    /// <param name="maxGroupsPerAccount">Groups an account may hold or work at once, in [1, 64].</param>
    /// <param name="maxFuturesPerGroup">Futures per group, in [1, 64].</param>
    /// <param name="throttleCapacity">Timestamps kept per account and kind (the largest per-window limit), in [1, 4096].</param>
    /// <param name="throttleWindowNanoseconds">Throttle window, in [1, 1 hour].</param>
    /// <param name="alertCapacity">Alerts one call can report, in [1, 1048576].</param>
    /// <param name="valuationTimeNanoseconds">Message time at which the engine starts (expiries are measured from here), ≥ 0.</param>
    /// <param name="sessionEndNanoseconds">Message time at which Day orders expire, &gt; valuation time.</param>
    /// <param name="liquidationFraction">A liquidation warning fires when equity &lt; this × maintenance, in [0, 1].</param>
    /// <param name="safetyBuffer">Incremental margin safety buffer, in [0, 1].</param>
    /// <param name="maxExpiryScanPerCall">Pool slots examined for expiry per call, in [1, 1048576].</param>
    /// <param name="policy">Re-anchor limits (default <see cref="ReanchorPolicy.Default"/>).</param>
    /// <param name="joint">Groups margined by Expected Shortfall over a joint scenario set, and its storage; null = every group by scan.</param>
    public RiskEngineOptions(
        MarginOptions margin,
        OrderLimits defaultLimits,
        int maxAccounts,
        int maxInstruments,
        int maxWorkingOrders,
        int maxPositionsPerAccount = 64,
        int maxGroupsPerAccount = 8,
        int maxFuturesPerGroup = 8,
        int throttleCapacity = 64,
        long throttleWindowNanoseconds = 1_000_000_000,
        int alertCapacity = 1024,
        long valuationTimeNanoseconds = 0,
        long sessionEndNanoseconds = long.MaxValue,
        double liquidationFraction = 0.5,
        double safetyBuffer = 0.0,
        int maxExpiryScanPerCall = 64,
        ReanchorPolicy? policy = null,
        JointEngineOptions? joint = null)
    {
        ArgumentNullException.ThrowIfNull(margin);
        Range(nameof(maxAccounts), maxAccounts, 1, 1 << 20);
        Range(nameof(maxInstruments), maxInstruments, 1, 1 << 20);
        Range(nameof(maxWorkingOrders), maxWorkingOrders, 1, 1 << 24);
        Range(nameof(maxPositionsPerAccount), maxPositionsPerAccount, 1, 4096);
        Range(nameof(maxGroupsPerAccount), maxGroupsPerAccount, 1, 64);
        Range(nameof(maxFuturesPerGroup), maxFuturesPerGroup, 1, 64);
        Range(nameof(throttleCapacity), throttleCapacity, 1, 4096);
        Range(nameof(alertCapacity), alertCapacity, 1, 1 << 20);
        Range(nameof(maxExpiryScanPerCall), maxExpiryScanPerCall, 1, 1 << 20);
        if (throttleWindowNanoseconds is < 1 or > 3_600_000_000_000)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(throttleWindowNanoseconds), throttleWindowNanoseconds, "throttle window must be in [1 ns, 1 hour].");
        }

        if (valuationTimeNanoseconds < 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(valuationTimeNanoseconds), valuationTimeNanoseconds, "valuation time must be >= 0.");
        }

        if (sessionEndNanoseconds <= valuationTimeNanoseconds)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(sessionEndNanoseconds), sessionEndNanoseconds, "session end must be after the valuation time.");
        }

        if (!(liquidationFraction is >= 0 and <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(liquidationFraction), liquidationFraction, "liquidation fraction must be in [0, 1].");
        }

        if (!(safetyBuffer is >= 0 and <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(safetyBuffer), safetyBuffer, "safety buffer must be in [0, 1].");
        }

        if (!defaultLimits.IsCompleteDefault(throttleCapacity))
        {
            ThrowHelper.Argument(nameof(defaultLimits), "default limits must all be set: quantities in [0, 1e15], money and fractions finite and >= 0, per-window limits in [0, throttle capacity].");
        }

        Margin = margin;
        DefaultLimits = defaultLimits;
        MaxAccounts = maxAccounts;
        MaxInstruments = maxInstruments;
        MaxWorkingOrders = maxWorkingOrders;
        MaxPositionsPerAccount = maxPositionsPerAccount;
        MaxGroupsPerAccount = maxGroupsPerAccount;
        MaxFuturesPerGroup = maxFuturesPerGroup;
        ThrottleCapacity = throttleCapacity;
        ThrottleWindowNanoseconds = throttleWindowNanoseconds;
        AlertCapacity = alertCapacity;
        ValuationTimeNanoseconds = valuationTimeNanoseconds;
        SessionEndNanoseconds = sessionEndNanoseconds;
        LiquidationFraction = liquidationFraction;
        SafetyBuffer = safetyBuffer;
        MaxExpiryScanPerCall = maxExpiryScanPerCall;
        Policy = policy ?? ReanchorPolicy.Default;
        if (joint is not null && joint.Methodology.Length != margin.Groups.Length)
        {
            ThrowHelper.Argument(nameof(joint), "joint options need exactly one methodology per product group of the margin options.");
        }

        Joint = joint;
    }

    /// <summary>Expected Shortfall groups and their joint scenario set; null when every group is margined by scan.</summary>
    public JointEngineOptions? Joint { get; }

    /// <summary>Scan setup per group and credits.</summary>
    public MarginOptions Margin { get; }

    /// <summary>Default limits.</summary>
    public OrderLimits DefaultLimits { get; }

    /// <summary>Product groups (one per margin parameter set).</summary>
    public int GroupCount => Margin.Groups.Length;

    /// <summary>Accounts.</summary>
    public int MaxAccounts { get; }

    /// <summary>Instruments.</summary>
    public int MaxInstruments { get; }

    /// <summary>Working orders in total.</summary>
    public int MaxWorkingOrders { get; }

    /// <summary>Instruments an account may hold or work at once.</summary>
    public int MaxPositionsPerAccount { get; }

    /// <summary>Groups an account may hold or work at once.</summary>
    public int MaxGroupsPerAccount { get; }

    /// <summary>Futures per group.</summary>
    public int MaxFuturesPerGroup { get; }

    /// <summary>Timestamps kept per account and kind.</summary>
    public int ThrottleCapacity { get; }

    /// <summary>Throttle window.</summary>
    public long ThrottleWindowNanoseconds { get; }

    /// <summary>Alerts one call can report.</summary>
    public int AlertCapacity { get; }

    /// <summary>Engine start time.</summary>
    public long ValuationTimeNanoseconds { get; }

    /// <summary>Day orders expire here.</summary>
    public long SessionEndNanoseconds { get; }

    /// <summary>Liquidation warning threshold as a fraction of maintenance.</summary>
    public double LiquidationFraction { get; }

    /// <summary>Incremental margin safety buffer.</summary>
    public double SafetyBuffer { get; }

    /// <summary>Pool slots examined for expiry per call.</summary>
    public int MaxExpiryScanPerCall { get; }

    /// <summary>Re-anchor limits.</summary>
    public ReanchorPolicy Policy { get; }

    // --- Reference-data capacities (issue 7: run-time RiskParameters, scoped limits). Additive settings. ---

    /// <summary>
    /// Scan nodes per group the engine's arrays are sized for, in [0, 256]; 0 (the default) means each
    /// group's own configured scan, rounded up to whole SIMD lanes (a SPAN-16 group holds 16). A
    /// RiskParameters message with more scan points than its group holds is rejected
    /// (<see cref="Checks.ReferenceDataError.ScanPointCapacity"/>), never truncated. A larger value lets
    /// scans grow at run time, and every group's cached account vectors take that much room. Set at
    /// construction (init).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 256].</exception>
    public int MaxScanNodes
    {
        get => _maxScanNodes;
        init
        {
            Range(nameof(MaxScanNodes), value, 0, Scenarios.ScanParameters.MaxPoints);
            _maxScanNodes = value;
        }
    }

    /// <summary>
    /// Group- and instrument-scoped account limit overrides the engine holds, in [0, 1048576] (default
    /// 4096); a new scope past it is rejected with <see cref="RejectCode.CapacityExhausted"/>. Set at construction (init).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside [0, 1048576].</exception>
    public int MaxScopedLimits
    {
        get => _maxScopedLimits;
        init
        {
            Range(nameof(MaxScopedLimits), value, 0, 1 << 20);
            _maxScopedLimits = value;
        }
    }

    /// <summary>
    /// How long, in message-time nanoseconds, an accepted IOC or FOK order stays booked as a working
    /// order, ≥ 0; 0 (the default) books nothing: the order is checked for itself only, which suits a
    /// matching engine that reports the order's fills right after the decision. A gateway in front of a
    /// venue that reports fills later sets it to the longest time the venue takes to fill or cancel an
    /// immediate order, so a burst of IOCs cannot pass the position limit and margin together. While
    /// held, the order counts toward the working-order count, the position limit (with the same-side
    /// working orders) and the worse-side margin reservation, and its client order id is working
    /// (a duplicate is rejected with <see cref="RejectCode.DuplicateClientOrderId"/>). It leaves the book
    /// when fills bring its leaves to 0, when a CancelOrder names it (map the venue's cancel of the
    /// remainder to one), or when engine time reaches acceptance engine time + this hold (expired on
    /// touch and by the heartbeat expiry scan, with an <see cref="EngineAlertKind.OrderExpired"/> alert,
    /// like a GTD order). Set at construction (init).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public long ImmediateOrderHoldNanoseconds
    {
        get => _immediateOrderHoldNanoseconds;
        init
        {
            if (value < 0)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(ImmediateOrderHoldNanoseconds), value, "immediate order hold must be >= 0 ns (0 = IOC/FOK orders are not held).");
            }

            _immediateOrderHoldNanoseconds = value;
        }
    }

    private readonly int _maxScanNodes;
    private readonly long _immediateOrderHoldNanoseconds;
    private readonly int _maxScopedLimits = 4096;

    private static void Range(string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            ThrowHelper.ArgumentOutOfRange(name, value, name + " must be in [" + min.ToString(System.Globalization.CultureInfo.InvariantCulture) + ", " + max.ToString(System.Globalization.CultureInfo.InvariantCulture) + "].");
        }
    }
}
