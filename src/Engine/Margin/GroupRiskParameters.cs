using RiskGate.Engine.Scenarios;

namespace RiskGate.Engine.Margin;

/// <summary>
/// Margin parameters of one product group: its scan setup, the calendar spread charge rate and the
/// short option minimum rate. Immutable; any thread may read it.
/// </summary>
public sealed class GroupRiskParameters
{
    /// <summary>Creates and validates the parameters; throws naming the setting when out of range.</summary>
    /// <param name="scan">Scan points and ranges of the group.</param>
    /// <param name="spreadRate">Charge per matched futures-equivalent delta across expiries, money, &gt;= 0.</param>
    /// <param name="shortOptionMinimum">Minimum charge per short option contract, money, &gt;= 0.</param>
    public GroupRiskParameters(ScanParameters scan, double spreadRate, double shortOptionMinimum)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (!(spreadRate >= 0) || !double.IsFinite(spreadRate))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(spreadRate), spreadRate, "spread rate must be finite and >= 0.");
        }

        if (!(shortOptionMinimum >= 0) || !double.IsFinite(shortOptionMinimum))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(shortOptionMinimum), shortOptionMinimum, "short option minimum must be finite and >= 0.");
        }

        Scan = scan;
        SpreadRate = spreadRate;
        ShortOptionMinimum = shortOptionMinimum;
    }

    /// <summary>Scan points and ranges.</summary>
    public ScanParameters Scan { get; }

    /// <summary>Calendar spread charge per matched futures-equivalent delta.</summary>
    public double SpreadRate { get; }

    /// <summary>Short option minimum per short option contract.</summary>
    public double ShortOptionMinimum { get; }
}
