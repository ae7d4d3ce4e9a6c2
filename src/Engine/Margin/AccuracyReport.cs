namespace RiskGate.Engine.Margin;

/// <summary>
/// What an <see cref="AccuracyHarness"/> run measured: the incremental requirement against full
/// revaluation, and the incremental order decisions against the reference decisions. Plain data;
/// the keys match the <c>approximation</c> object of <c>riskgate simulate --json</c>.
/// </summary>
public struct AccuracyReport
{
    /// <summary>Requirement comparisons in the error statistics (accounts × steps, less the credit-uncertain ones).</summary>
    public long Samples;

    /// <summary>
    /// Comparisons left out of the error statistics because a group's net delta was inside the
    /// credit band (<see cref="IncrementalMargin.CreditDeltaBand"/>), where the fast path withholds
    /// the inter-group credit on purpose (it over-margins there, never under-margins).
    /// </summary>
    public long CreditUncertainSamples;

    /// <summary>Largest |incremental − full| / max(full, floor) over the samples.</summary>
    public double MaxRelativeError;

    /// <summary>99th percentile of the same relative error.</summary>
    public double P99RelativeError;

    /// <summary>Largest absolute error, money.</summary>
    public double MaxAbsoluteError;

    /// <summary>Orders checked by both paths.</summary>
    public long Orders;

    /// <summary>Orders the full revaluation rejects.</summary>
    public long ReferenceRejects;

    /// <summary>Orders the incremental path accepted and full revaluation rejected (must be 0).</summary>
    public long FalseAccepts;

    /// <summary>Orders the incremental path rejected and full revaluation accepted (the cost of the safety buffer).</summary>
    public long FalseRejects;

    /// <summary>Fills applied to the accounts during the run.</summary>
    public long Fills;

    /// <summary>Group re-anchors during the run.</summary>
    public long Reanchors;

    /// <summary>Lazy account rebuilds during the run.</summary>
    public long Rebuilds;

    /// <summary>FalseRejects / Orders.</summary>
    public readonly double FalseRejectRate => Orders == 0 ? 0 : (double)FalseRejects / Orders;
}
