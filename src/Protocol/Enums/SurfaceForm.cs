namespace RiskGate.Protocol.Enums;

/// <summary>Form of a volatility smile. Wire type <c>uint8</c>; the numbers never change.
/// Decoders return unknown values as they are; test them with <see cref="WireEnums.IsValid(SurfaceForm)"/>.</summary>
public enum SurfaceForm : byte
{
    /// <summary>Null: not given (invalid).</summary>
    None = 0,

    /// <summary>Raw SVI parameters a, b, rho, m, sigma in the fixed block.</summary>
    Svi = 1,

    /// <summary>Strike grid of (log-moneyness, implied vol) points in the group.</summary>
    Grid = 2,
}
