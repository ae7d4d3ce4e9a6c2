namespace RiskGate.Engine.Checks;

/// <summary>Scope of a trading control (kill switch); same numbers as the wire enum.</summary>
public enum ControlScope : byte
{
    /// <summary>Every account and group.</summary>
    Global = 1,

    /// <summary>One product group, every account.</summary>
    ProductGroup = 2,

    /// <summary>One account, every group.</summary>
    Account = 3,

    /// <summary>One account in one product group.</summary>
    AccountProductGroup = 4,
}
