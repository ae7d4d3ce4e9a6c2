using RiskGate.Gate.Pipeline;

namespace RiskGate.Gate.Tests.Pipeline;

public class GateOptionsTests
{
    public static TheoryData<string, Func<GateOptions, GateOptions>> Invalid => new()
    {
        { "RingSize", o => With(o, ringSize: 1000) }, // not a power of two
        { "RingSize", o => With(o, ringSize: 8) }, // below 16
        { "RingSize", o => With(o, ringSize: 1 << 25) }, // above 2^24
        { "AlertQueueSize", o => With(o, alertQueue: 3) }, // not a power of two
        { "OutboundRingSize", o => With(o, outbound: 0) }, // empty
        { "MaxBatchSize", o => With(o, maxBatch: 0) }, // a stage must make progress
        { "SweepInterval", o => With(o, sweepInterval: 0) }, // division by the interval
        { "SweepAccounts", o => With(o, sweepAccounts: -1) }, // negative count
        { "ProducerType", o => With(o, producer: (GateProducerType)9) }, // undefined enum value
        { "RiskWait", o => With(o, riskWait: (GateWaitStrategy)9) }, // undefined enum value
        { "EgressWait", o => With(o, egressWait: (GateWaitStrategy)9) }, // undefined enum value
        { "Engine", _ => new GateOptions() }, // no engine options
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_BadSetting_ThrowsNamingTheSetting(string setting, Func<GateOptions, GateOptions> make)
    {
        var options = make(GateSession.Options());
        var ex = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Equal(setting, ex.ParamName);
        Assert.Contains("GateOptions." + setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructors_BadSetting_Throw()
    {
        var bad = With(GateSession.Options(), ringSize: 1000);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GatePipeline<RecordingHandler>(bad, new RecordingHandler(new Recorder(1))));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RiskGate.Gate.Api.DirectGate(bad));
    }

    [Fact]
    public void Validate_Defaults_Pass() => GateSession.Options().Validate();

    private static GateOptions With(
        GateOptions o, int? ringSize = null, int? alertQueue = null, int? outbound = null, int? maxBatch = null, int? sweepInterval = null,
        int? sweepAccounts = null, GateProducerType? producer = null, GateWaitStrategy? riskWait = null, GateWaitStrategy? egressWait = null) => new()
        {
            Engine = o.Engine,
            RingSize = ringSize ?? o.RingSize,
            AlertQueueSize = alertQueue ?? o.AlertQueueSize,
            OutboundRingSize = outbound ?? o.OutboundRingSize,
            MaxBatchSize = maxBatch ?? o.MaxBatchSize,
            SweepInterval = sweepInterval ?? o.SweepInterval,
            SweepAccounts = sweepAccounts ?? o.SweepAccounts,
            ProducerType = producer ?? o.ProducerType,
            RiskWait = riskWait ?? o.RiskWait,
            EgressWait = egressWait ?? o.EgressWait,
        };
}
