using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Host.Simulate;

namespace RiskGate.Host.Tests.Simulate;

public sealed class SessionThroughDirectGateTests
{
    private static DirectGate NewDirectGate(SimulatedSession session)
    {
        var gate = new DirectGate(new GateOptions { Engine = session.Universe.EngineOptions(session.Accounts), AlertQueueSize = 1 << 16 });
        session.Universe.Configure(gate.Engine);
        return gate;
    }

    [Fact]
    public void Pipeline_SameSession_SameDecisionsAsDirectMode()
    {
        var options = new SimulateOptions { Seed = 21, Accounts = 200, Messages = 20_000, Quiet = true };
        var piped = SimulateCommand.Simulate(options, TextWriter.Null, false, out var failure);
        Assert.True(piped is not null, failure);

        var session = SessionGenerator.Generate(options.Seed, options.Accounts, options.Messages);
        var gate = NewDirectGate(session);
        var recorder = new DecisionRecorder();
        for (var i = 0; i < session.Count; i++)
        {
            var d = gate.Submit(session.Message(i), 0);
            recorder.OnDecision(d);
            foreach (ref readonly var a in gate.Alerts)
            {
                recorder.OnAlert(a);
            }
        }

        Assert.Equal(piped.DecisionHash, recorder.Hash);
        Assert.Equal(piped.Accepted, recorder.Accepted);
        Assert.Equal(piped.MarginCalls, recorder.MarginCalls);
    }

    [Fact]
    public void DirectGate_GeneratedSessionAfterWarmUp_AllocatesNothing()
    {
        var session = SessionGenerator.Generate(8, 500, 120_000);
        var gate = NewDirectGate(session);
        var warm = session.SetupCount + 20_000;
        for (var i = 0; i < warm; i++)
        {
            _ = gate.Submit(session.Message(i), 0);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = warm; i < session.Count; i++)
        {
            _ = gate.Submit(session.Message(i), 0);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
