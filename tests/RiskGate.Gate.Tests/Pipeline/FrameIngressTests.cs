using System.Buffers;
using RiskGate.Gate.Api;
using RiskGate.Gate.Pipeline;
using RiskGate.Protocol.Enums;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;

namespace RiskGate.Gate.Tests.Pipeline;

/// <summary>Batch ingress: whole SOFH frames from a network read, one copy each, one publish per batch.</summary>
public class FrameIngressTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(1)]     // every byte its own read: every frame split everywhere
    [InlineData(7)]     // headers split
    [InlineData(113)]   // a few frames per read, large ones split
    [InlineData(5000)]  // many frames per read: full 64-frame batches
    public void TrySubmitFrames_ReadsOfAnySize_SameDecisionsAsDirectMode(int readSize)
    {
        var (messages, stream) = Stream(count: 3000, seed: 21);
        var recorder = new Recorder(messages.Count);
        var options = LargeMessageTests.WithPool(GateSession.Options(ringSize: 256, producer: GateProducerType.Single), buffers: 4);
        var gate = new GatePipeline<RecordingHandler>(options, new RecordingHandler(recorder));
        var direct = new DirectGate(options);
        gate.Start();

        var pending = new byte[stream.Length];
        var held = 0;
        var published = 0;
        for (var offset = 0; offset < stream.Length; offset += readSize)
        {
            var read = Math.Min(readSize, stream.Length - offset);
            stream.AsSpan(offset, read).CopyTo(pending.AsSpan(held));
            held += read;
            while (true)
            {
                var result = gate.TrySubmitFrames(pending.AsSpan(0, held), 7, 3, out var batch);
                published += batch.Published;
                pending.AsSpan(batch.Consumed, held - batch.Consumed).CopyTo(pending);
                held -= batch.Consumed;
                if (result != GateSubmitResult.Busy)
                {
                    Assert.Equal(GateSubmitResult.Published, result);
                    Assert.Equal(held == 0 ? FrameStatus.Ok : FrameStatus.Incomplete, batch.Status);
                    break;
                }

                Thread.Yield();
            }
        }

        Assert.Equal(0, held);
        Assert.True(gate.Stop(Timeout));
        Assert.Equal(messages.Count, published);
        var expected = new List<GateDecision>();
        foreach (var m in messages)
        {
            expected.Add(direct.Submit(m, 7, 3));
        }

        Assert.Equal(expected, recorder.Decisions);
        Assert.Equal(0, gate.LargeMessages!.InUse);
    }

    [Theory]
    [InlineData(3)]    // segments smaller than a frame header
    [InlineData(50)]   // most frames span two segments
    [InlineData(997)]  // several frames per segment, large ones spanning
    public void TrySubmitFrames_MultiSegmentSequence_SameDecisionsAsDirectMode(int segmentSize)
    {
        var (messages, stream) = Stream(count: 2000, seed: 33);
        var recorder = new Recorder(messages.Count);
        var options = LargeMessageTests.WithPool(GateSession.Options(ringSize: 256, producer: GateProducerType.Single), buffers: 4);
        var gate = new GatePipeline<RecordingHandler>(options, new RecordingHandler(recorder));
        var direct = new DirectGate(options);
        gate.Start();

        // One pipe read of several segments, then whatever is left over plus the next read, as a gateway would.
        var taken = 0;
        var published = 0;
        var calls = 0;
        while (taken < stream.Length)
        {
            Assert.True(++calls < 200_000, "no progress at " + taken + " of " + stream.Length);
            var end = Math.Min(stream.Length, taken + (segmentSize * 40));
            var sequence = Segments(stream.AsMemory(taken, end - taken), segmentSize);
            var result = gate.TrySubmitFrames(in sequence, 7, 3, out var batch);
            Assert.NotEqual(GateSubmitResult.Stopped, result);
            Assert.True(batch.Status is FrameStatus.Ok or FrameStatus.Incomplete, batch.Status.ToString());
            published += batch.Published;
            taken += batch.Consumed;
            if (batch.Consumed == 0 && result == GateSubmitResult.Published)
            {
                Assert.True(end == stream.Length || end - taken < 4200, "a whole frame was present but not taken");
                if (end == stream.Length)
                {
                    break;
                }

                segmentSize *= 2; // the next "read" brings more bytes
            }

            if (result == GateSubmitResult.Busy)
            {
                Thread.Yield();
            }
        }

        Assert.Equal(stream.Length, taken);
        Assert.True(gate.Stop(Timeout));
        Assert.Equal(messages.Count, published);
        var expected = new List<GateDecision>();
        foreach (var m in messages)
        {
            expected.Add(direct.Submit(m, 7, 3));
        }

        Assert.Equal(expected, recorder.Decisions);
    }

    [Fact]
    public void TrySubmitFrames_MalformedFrameInTheMiddle_DecidedAloneFollowersUntouched()
    {
        var heartbeat = new byte[HeartbeatEncoder.Length];
        HeartbeatEncoder.Wrap(heartbeat).SendingTime(5);
        var badSchema = (byte[])heartbeat.Clone();
        badSchema[4] ^= 0xFF;
        var unknown = (byte[])heartbeat.Clone();
        unknown[2] = 0x7F;
        var writer = new ArrayBufferWriter<byte>();
        FrameWriter.Write(writer, heartbeat);
        FrameWriter.Write(writer, badSchema);
        FrameWriter.Write(writer, unknown);
        FrameWriter.Write(writer, heartbeat);
        var recorder = new Recorder(8);
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(), new RecordingHandler(recorder));
        gate.Start();

        var result = gate.TrySubmitFrames(writer.WrittenSpan, 0, 0, out var batch);

        Assert.Equal(GateSubmitResult.Published, result);
        Assert.Equal(FrameStatus.Ok, batch.Status);
        Assert.Equal(writer.WrittenCount, batch.Consumed);
        Assert.Equal(4, batch.Published);
        Assert.Equal(2, batch.Malformed);
        Assert.True(gate.Stop(Timeout));
        Assert.Equal(
            [RejectReason.None, RejectReason.MalformedMessage, RejectReason.UnsupportedMessage, RejectReason.None],
            recorder.Decisions.Select(d => d.Reason));
    }

    [Fact]
    public void TrySubmitFrames_BrokenFraming_StopsBeforeItAndReportsTheStatus()
    {
        var heartbeat = new byte[HeartbeatEncoder.Length];
        HeartbeatEncoder.Wrap(heartbeat).SendingTime(5);
        var writer = new ArrayBufferWriter<byte>();
        FrameWriter.Write(writer, heartbeat);
        FrameWriter.Write(writer, heartbeat);
        var good = writer.WrittenCount;
        FrameWriter.Write(writer, heartbeat);
        var bytes = writer.WrittenSpan.ToArray();
        bytes[good + FramingHeader.EncodingTypeOffset] = 0x12; // wrong encoding type
        var recorder = new Recorder(8);
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(), new RecordingHandler(recorder));
        gate.Start();

        var result = gate.TrySubmitFrames(bytes, 0, 0, out var batch);
        var tooLong = new byte[] { 0, 1, 0, 0, 0xEB, 0x50 }; // declares 65,536 bytes: more than any message the gate carries
        var resultTooLong = gate.TrySubmitFrames(tooLong, 0, 0, out var batchTooLong);

        Assert.Equal(GateSubmitResult.Published, result);
        Assert.Equal(FrameStatus.WrongEncodingType, batch.Status);
        Assert.Equal(good, batch.Consumed);
        Assert.Equal(2, batch.Published);
        Assert.Equal(GateSubmitResult.Published, resultTooLong);
        Assert.Equal(FrameStatus.LengthTooLarge, batchTooLong.Status);
        Assert.Equal(0, batchTooLong.Consumed);
        Assert.True(gate.Stop(Timeout));
        Assert.Equal(2, recorder.Decisions.Count);
    }

    [Fact]
    public void TrySubmitFrames_RingFullMidBuffer_BusyWithWhatWasTakenThenTheRestInOrder()
    {
        var release = new ManualResetEventSlim(false);
        var recorder = new Recorder(64) { Gate = release };
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(ringSize: 16), new RecordingHandler(recorder));
        gate.Start();
        var writer = new ArrayBufferWriter<byte>();
        var heartbeat = new byte[HeartbeatEncoder.Length];
        for (var i = 0; i < 40; i++)
        {
            HeartbeatEncoder.Wrap(heartbeat).SendingTime((ulong)(i + 1)).Sequence((ulong)i);
            FrameWriter.Write(writer, heartbeat);
        }

        var bytes = writer.WrittenSpan.ToArray();
        var frame = bytes.Length / 40;

        var first = gate.TrySubmitFrames(bytes, 0, 0, out var batch);

        Assert.Equal(GateSubmitResult.Busy, first);
        Assert.Equal(16, batch.Published); // the ring's capacity while the egress stage is held
        Assert.Equal(16 * frame, batch.Consumed);
        Assert.Equal(FrameStatus.Incomplete, batch.Status);
        release.Set();
        var offset = batch.Consumed;
        while (offset < bytes.Length)
        {
            gate.TrySubmitFrames(bytes.AsSpan(offset), 0, 0, out batch);
            offset += batch.Consumed;
            Thread.Yield();
        }

        Assert.True(gate.Stop(Timeout));
        Assert.Equal(40, recorder.Decisions.Count);
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(i, recorder.Decisions[i].InputSequence);
            Assert.Equal(RejectReason.None, recorder.Decisions[i].Reason);
        }
    }

    [Fact]
    public void TrySubmitFrames_NotStarted_StoppedNothingTaken()
    {
        var gate = new GatePipeline<RecordingHandler>(GateSession.Options(), new RecordingHandler(new Recorder(1)));
        var heartbeat = new byte[HeartbeatEncoder.Length];
        HeartbeatEncoder.Wrap(heartbeat).SendingTime(5);
        var writer = new ArrayBufferWriter<byte>();
        FrameWriter.Write(writer, heartbeat);

        Assert.Equal(GateSubmitResult.Stopped, gate.TrySubmitFrames(writer.WrittenSpan, 0, 0, out var batch));
        Assert.Equal(0, batch.Consumed);
    }

    private static ReadOnlySequence<byte> Segments(ReadOnlyMemory<byte> bytes, int size)
    {
        var first = new Segment(bytes[..Math.Min(size, bytes.Length)], 0);
        var last = first;
        for (var offset = size; offset < bytes.Length; offset += size)
        {
            last = last.Append(bytes.Slice(offset, Math.Min(size, bytes.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    // Setup, then the session's stream with RiskParameters and grid surfaces (larger than a slot) mixed in.
    internal static (List<byte[]> Messages, byte[] Stream) Stream(int count, int seed)
    {
        var session = new GateSession(seed);
        var messages = new List<byte[]>();
        foreach (var (bytes, _) in session.Setup())
        {
            messages.Add(bytes);
        }

        var buffer = new byte[4096];
        for (var i = 0; i < count; i++)
        {
            var length = i % 101 == 50 ? LargeMessageEncoding.RiskParameters(buffer, (uint)(i & 1), 50 + (i % 50), time: (ulong)(1_000_000_000 + i))
                : i % 103 == 51 ? LargeMessageEncoding.GridSurface(buffer, (uint)(i & 1), 0.19 + (0.001 * (i % 7)), time: 1)
                : session.Next(buffer, out _);
            if (length >= MessageHeader.Length)
            {
                // Truncations shorter than a header cannot be framed at all (a frame carries at least a header).
                messages.Add(buffer.AsSpan(0, length).ToArray());
            }
        }

        var writer = new ArrayBufferWriter<byte>();
        foreach (var m in messages)
        {
            FrameWriter.Write(writer, m);
        }

        return (messages, writer.WrittenSpan.ToArray());
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
