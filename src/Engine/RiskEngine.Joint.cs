using RiskGate.Engine.Joint;
using RiskGate.Engine.Margin;
using RiskGate.Engine.State;

namespace RiskGate.Engine;

/// <summary>
/// The joint (Expected Shortfall) methodology's hooks (issue 8): groups configured
/// <see cref="MarginMethodology.ExpectedShortfall"/> in <see cref="RiskEngineOptions.Joint"/> are left
/// out of the scan and margined by <see cref="JointIncrementalMargin"/>; the account requirement is the
/// scan part plus the ES part.
/// </summary>
public sealed partial class RiskEngine
{
    private JointIncrementalMargin? _joint;

    /// <summary>The ES margin step (null without <see cref="RiskEngineOptions.Joint"/> or before the seal).</summary>
    public JointIncrementalMargin? JointMargin => _joint;

    /// <summary>
    /// The account's current requirement and equity as the order path sees them: the scan part plus,
    /// with ES groups configured, the ES part (each the worse side of its own working orders). Returns
    /// <see cref="StateStatus.UnknownAccount"/> for a bad index; call after the seal. Allocates nothing.
    /// </summary>
    public MarginCheck AccountMargin(int account)
    {
        if (_margin is null)
        {
            ThrowHelper.InvalidOperation("the engine is not sealed.");
        }

        return AccountRequirement(account);
    }

    /// <summary>
    /// Recalibration: installs <paramref name="set"/> (built off the order path) as the joint scenario
    /// set, re-anchors every anchored ES group at the current market and rebuilds its joint rows; a new
    /// epoch starts and each account's joint vectors are rebuilt lazily on its next event. Throws when no
    /// ES group is configured, the engine is not sealed, or the set does not fit (group count, more
    /// scenarios than <see cref="JointEngineOptions.MaxScenarios"/>). Allocates nothing.
    /// </summary>
    public void ReplaceJointScenarios(JointScenarioSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var joint = _joint;
        if (joint is null)
        {
            ThrowHelper.InvalidOperation("no Expected Shortfall group configured, or the engine is not sealed.");
        }

        // Validate before re-anchoring, so a set that does not fit changes nothing.
        if (set.GroupCount != _groupCount)
        {
            ThrowHelper.Argument(nameof(set), "joint scenario set must shock exactly the configured product groups.");
        }

        if (set.Count > joint.Arrays.ScenarioStride)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(set), set.Count, "joint scenario set has more scenarios than JointEngineOptions.MaxScenarios allows.");
        }

        var market = _market!;
        for (var g = 0; g < _groupCount; g++)
        {
            if (joint.IsExpectedShortfall(g) && market.IsAnchored(g))
            {
                market.Reanchor(g);
            }
        }

        joint.Replace(set);
    }

    private void SealJoint()
    {
        var options = _options.Joint;
        if (options is null)
        {
            return;
        }

        _joint = new JointIncrementalMargin(_store!, options, _options.MaxAccounts, _options.MaxPositionsPerAccount);
        for (var g = 0; g < _groupCount; g++)
        {
            if (_joint.IsExpectedShortfall(g))
            {
                _margin!.ExcludeGroup(g);
            }
        }

        _joint.SyncAnchors();
    }

    private void SyncJointAnchors() => _joint?.SyncAnchors();

    // End of an event that may have emptied the account's ES-group holdings (a working order left the
    // book, a fill, a rejected new order): its joint slot goes back to the pool when the account no
    // longer holds or works any ES-group instrument. O(ES groups) when it still does. Not after an
    // accepted IOC/FOK: its fill, never refused, needs the slot to be margined.
    private void ReleaseIdleJoint(int account)
    {
        if (_joint is not null && account >= 0)
        {
            _joint.ReleaseIfIdle(account);
        }
    }

    // The margin step of Check: the scan path, plus the ES part when the account or the order touches an ES group.
    private MarginCheck CheckMargin(int account, int instrument, long signedQuantity, double price)
    {
        var margin = _margin!.CheckOrder(account, instrument, signedQuantity, price);
        if (_joint is not null && margin.Status == StateStatus.Ok)
        {
            _joint.Combine(account, instrument, signedQuantity, _margin.OptimisticMaintenanceBefore, _margin.SafetyBuffer, ref margin);
        }

        return margin;
    }

    // The account's requirement and equity (cancel, fill, collateral, sweep): scan plus ES part.
    private MarginCheck AccountRequirement(int account)
    {
        var margin = _margin!.Requirement(account);
        if (_joint is not null && margin.Status == StateStatus.Ok)
        {
            // Joint storage exhausted for an account without a slot that now holds an ES-group
            // instrument (a trade with no order of its own while every slot is in use): report the
            // scan part rather than nothing, marked CapacityExhausted so that a withdrawal fails
            // closed; its orders in ES groups are rejected CapacityExhausted until a slot is free.
            var combined = margin;
            _joint.Combine(account, -1, 0, _margin.OptimisticMaintenanceBefore, _margin.SafetyBuffer, ref combined);
            if (combined.Status == StateStatus.Ok)
            {
                margin = combined;
            }
            else
            {
                margin.Status = combined.Status;
            }
        }

        return margin;
    }
}
