namespace RiskGate.Engine.Joint;

/// <summary>How a product group is margined. Values are stable: they travel in configuration.</summary>
public enum MarginMethodology : byte
{
    /// <summary>SPAN-style scan per group with inter-group credits (<see cref="Margin.MarginCalculator"/>).</summary>
    Scan = 1,

    /// <summary>Expected Shortfall over joint scenarios shared by every group so configured (<see cref="JointMarginCalculator"/>).</summary>
    ExpectedShortfall = 2,
}
