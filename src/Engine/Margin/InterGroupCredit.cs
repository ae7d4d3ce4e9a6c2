namespace RiskGate.Engine.Margin;

/// <summary>
/// An inter-group (inter-commodity) spread credit between two correlated product groups: positions
/// whose net deltas are opposite form spreads of <see cref="DeltaRatioA"/> deltas of A against
/// <see cref="DeltaRatioB"/> deltas of B, and each leg's scan risk is reduced by
/// <see cref="CreditRate"/> times the share of its delta that went into spreads. Plain data,
/// validated by <see cref="MarginOptions"/>.
/// </summary>
public struct InterGroupCredit
{
    /// <summary>First group index.</summary>
    public int GroupA;

    /// <summary>Second group index.</summary>
    public int GroupB;

    /// <summary>Fraction of the spread legs' scan risk credited, in [0, 1].</summary>
    public double CreditRate;

    /// <summary>Deltas of A in one spread, &gt; 0.</summary>
    public double DeltaRatioA;

    /// <summary>Deltas of B in one spread, &gt; 0.</summary>
    public double DeltaRatioB;

    /// <summary>Creates a credit pair.</summary>
    public InterGroupCredit(int groupA, int groupB, double creditRate, double deltaRatioA, double deltaRatioB)
    {
        GroupA = groupA;
        GroupB = groupB;
        CreditRate = creditRate;
        DeltaRatioA = deltaRatioA;
        DeltaRatioB = deltaRatioB;
    }
}
