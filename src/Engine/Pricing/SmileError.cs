namespace RiskGate.Engine.Pricing;

/// <summary>
/// Why a smile or a surface was rejected (see <see cref="SmileValidation"/>). Stable numbering: the
/// gate maps these onto the reject reason of a refused <c>VolSurface</c> message.
/// </summary>
public enum SmileError : byte
{
    /// <summary>Valid.</summary>
    None = 0,

    /// <summary>A parameter is NaN, infinite or outside its documented range.</summary>
    OutOfRange = 1,

    /// <summary>The grid's shape is wrong: empty, lengths differ, or points not strictly increasing.</summary>
    BadShape = 2,

    /// <summary>Total variance is not positive somewhere (SVI: a + b·s·√(1 − ρ²) ≤ 0).</summary>
    NonPositiveVariance = 3,

    /// <summary>
    /// A wing is too steep: SVI b·(1 + |ρ|) &gt; 2 (Lee's moment bound on the asymptotic slope of total
    /// variance), or a grid segment with |Δw/Δk| &gt; 4 (Rogers–Tehranchi bound on the slope).
    /// </summary>
    WingSlope = 4,

    /// <summary>Butterfly arbitrage: negative density (SVI g(k) &lt; 0, or grid call prices not convex in strike).</summary>
    Butterfly = 5,

    /// <summary>Call-spread arbitrage: call prices rising in strike, or falling faster than the discount factor.</summary>
    CallSpread = 6,

    /// <summary>Calendar arbitrage: total variance decreasing in expiry at a fixed log-moneyness.</summary>
    Calendar = 7,

    /// <summary>A surface's expiries are not strictly increasing, or their smiles' times are not.</summary>
    ExpiryOrder = 8,
}
