using RiskGate.Engine;
using RiskGate.Engine.Instruments;
using RiskGate.Host.Simulate;

namespace RiskGate.Host.Tests.Simulate;

public sealed class SessionUniverseTests
{
    [Fact]
    public void Smiles_EveryExpiry_PassSviValidation()
    {
        var u = new SessionUniverse();

        for (var slot = 0; slot < u.Futures.Count; slot++)
        {
            var v = u.Smile(slot).Validate();
            Assert.True(v.IsValid, "slot " + slot + ": " + v.Error + " " + v.Parameter);
        }
    }

    [Fact]
    public void Instruments_TwoGroups_CurvesAndChains()
    {
        var u = new SessionUniverse();

        Assert.Equal(2, u.GroupCount);
        for (var g = 0; g < u.GroupCount; g++)
        {
            var futures = 0;
            var chains = 0;
            for (var slot = 0; slot < u.Futures.Count; slot++)
            {
                if (u.Instruments[u.Futures[slot]].Group != g)
                {
                    continue;
                }

                futures++;
                if (u.OptionCount(slot) > 0)
                {
                    chains++;
                    Assert.Equal(SessionUniverse.StrikesPerExpiry * 2, u.OptionCount(slot));
                    var first = u.Instruments[u.FirstOption(slot)];
                    var second = u.Instruments[u.FirstOption(slot) + 1];
                    Assert.Equal(InstrumentKind.Option, first.Kind);
                    Assert.True(first.IsCall);
                    Assert.False(second.IsCall);
                    Assert.Equal(first.Strike, second.Strike);
                }
            }

            Assert.True(futures >= 3, "group " + g + " futures " + futures);
            Assert.True(chains >= 3, "group " + g + " option expiries " + chains);
        }
    }

    [Fact]
    public void Configure_Engine_AcceptsEveryDefinitionAndSeals()
    {
        var u = new SessionUniverse();
        var engine = new RiskEngine(u.EngineOptions(100));

        u.Configure(engine);

        Assert.True(engine.IsSealed);
        foreach (var s in u.Instruments)
        {
            Assert.True(engine.InstrumentIndex(s.Id) >= 0, "instrument " + s.Id);
        }
    }
}
