using System.Buffers;
using BenchmarkDotNet.Attributes;
using RiskGate.Engine;
using RiskGate.Engine.Checks;
using RiskGate.Engine.Margin;
using RiskGate.Engine.Scenarios;
using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Benchmarks.Gate;

/// <summary>
/// Submit cost per message for a gateway holding one network read of 64 SOFH frames: frame by frame
/// (<see cref="FrameReader"/> then <see cref="GatePipeline{THandler}.TrySubmit"/>: one claim and one publish
/// per message, the baseline) against <see cref="GatePipeline{THandler}.TrySubmitFrames(ReadOnlySpan{byte}, long, long, out FrameBatch)"/> (one claim and
/// one publish per batch). The pipeline runs (risk and egress threads deciding Heartbeats), so a full ring
/// is back-pressure on both the same way; each operation throws if a frame is not published.
/// <see cref="Unsupported"/> = true sends frames of an unknown template (decided <c>UnsupportedMessage</c>
/// without an engine call), so the stages are cheaper and more of the producer's own cost shows.
/// </summary>
[MemoryDiagnoser]
public class FrameIngressBenchmarks
{
    private const int Frames = 64;
    private readonly FrameReader _reader = new();
    private GatePipeline<DiscardHandler> _gate = null!;
    private byte[] _read = [];

    /// <summary>True: frames of an unknown template (cheap decisions); false: Heartbeats.</summary>
    [Params(false, true)]
    public bool Unsupported { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scan = new ScanParameters(Spans.Default16, 0.06, ScanRangeKind.Relative, 0.25, ScanRangeKind.Relative);
        var limits = new OrderLimits
        {
            MaxOrderQuantity = 100,
            MaxNotional = 1e12,
            MaxPosition = 1000,
            CollarFraction = 0.05,
            CollarMinimum = 5,
            MaxWorkingOrders = 100,
            MaxOrdersPerWindow = 64,
            MaxCancelsPerWindow = 64,
        };
        var engine = new RiskEngineOptions(new MarginOptions([new GroupRiskParameters(scan, 0, 0)], []), limits, maxAccounts: 4, maxInstruments: 4, maxWorkingOrders: 16);
        _gate = new GatePipeline<DiscardHandler>(new GateOptions { Engine = engine, RingSize = 1 << 14, ProducerType = GateProducerType.Single }, default);
        var writer = new ArrayBufferWriter<byte>();
        var heartbeat = new byte[HeartbeatEncoder.Length];
        for (var i = 0; i < Frames; i++)
        {
            HeartbeatEncoder.Wrap(heartbeat).SendingTime(1).Sequence((ulong)i);
            if (Unsupported)
            {
                heartbeat[2] = 0x7F; // template id unknown to the schema
            }

            FrameWriter.Write(writer, heartbeat);
        }

        _read = writer.WrittenSpan.ToArray();
        _gate.Start();
        FrameByFrame();
        Batch();
    }

    [GlobalCleanup]
    public void Cleanup() => _gate.Stop(TimeSpan.FromSeconds(30));

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public void FrameByFrame()
    {
        ReadOnlySpan<byte> rest = _read;
        while (!rest.IsEmpty)
        {
            var status = _reader.TryRead(rest, out var message, out var consumed);
            if (status != FrameStatus.Ok && !(Unsupported && status == FrameStatus.UnknownTemplate))
            {
                throw new InvalidOperationException("bad frame in the benchmark input");
            }

            // A message failure still gets its decision: submit the frame's bytes like TrySubmitFrames does.
            message = rest.Slice(FramingHeader.Length, consumed - FramingHeader.Length);

            GateSubmitResult r;
            while ((r = _gate.TrySubmit(message, 0)) == GateSubmitResult.Busy)
            {
                Thread.SpinWait(4);
            }

            if (r != GateSubmitResult.Published)
            {
                throw new InvalidOperationException("submit failed: " + r);
            }

            rest = rest[consumed..];
        }
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public void Batch()
    {
        var offset = 0;
        while (offset < _read.Length)
        {
            var r = _gate.TrySubmitFrames(_read.AsSpan(offset), 0, 0, out var batch);
            if (r is not (GateSubmitResult.Published or GateSubmitResult.Busy) || batch.Malformed != (Unsupported ? batch.Published : 0))
            {
                throw new InvalidOperationException("batch submit failed: " + r);
            }

            offset += batch.Consumed;
            if (r == GateSubmitResult.Busy)
            {
                Thread.SpinWait(4);
            }
        }
    }

    private readonly struct DiscardHandler : IDecisionHandler
    {
        public void OnDecision(in GateDecision decision, ReadOnlySpan<byte> encodedOrderDecision)
        {
        }

        public void OnAlert(in GateAlert alert, ReadOnlySpan<byte> encodedAccountAlert)
        {
        }

        public void OnEndOfBatch()
        {
        }
    }
}
