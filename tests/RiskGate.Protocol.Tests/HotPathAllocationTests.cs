using System.Buffers;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests;

/// <summary>Decode, encode and frame reading allocate nothing once warm (GC.GetAllocatedBytesForCurrentThread is exact per thread).</summary>
public class HotPathAllocationTests
{
    private const int Calls = 10_000;

    [Fact]
    public void Decode_EveryMessage_AllocatesNothing()
    {
        var messages = MessageSamples.All.Select(s => s.Full()).ToArray();
        ulong hash = 0;
        for (var warm = 0; warm < 3; warm++)
        {
            hash += DecodeAll(messages);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        hash += DecodeAll(messages);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
        Assert.NotEqual(0UL, hash);
    }

    [Fact]
    public void Encode_EveryMessage_AllocatesNothing()
    {
        var encoders = MessageSamples.All.Select(s => s.EncodeFull).ToArray();
        var buffer = new byte[ProtocolInfo.DefaultMaxFrameLength];
        long total = 0;
        for (var warm = 0; warm < 3; warm++)
        {
            total += EncodeAll(encoders, buffer);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        total += EncodeAll(encoders, buffer);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
        Assert.True(total > 0);
    }

    [Fact]
    public void FrameRead_SpanAndSequences_AllocatesNothing()
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var sample in MessageSamples.All)
        {
            FrameWriter.Write(output, sample.Full());
        }

        var stream = output.WrittenSpan.ToArray();
        var single = new ReadOnlySequence<byte>(stream);
        var multi = WireEdit.Segments(stream, 3, 50, 51, 300, 700);
        var reader = new FrameReader();
        var frames = MessageSamples.All.Count;
        for (var warm = 0; warm < 3; warm++)
        {
            _ = ReadAll(reader, stream, single, multi, frames);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = ReadAll(reader, stream, single, multi, frames);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
        Assert.Equal((long)Calls * 3 * stream.Length, total);
    }

    [Fact]
    public void FrameWrite_IntoReusedBufferWriter_AllocatesNothing()
    {
        var messages = MessageSamples.All.Select(s => s.Full()).ToArray();
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        for (var warm = 0; warm < 3; warm++)
        {
            WriteAll(output, messages);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        WriteAll(output, messages);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(before, after);
        Assert.True(output.WrittenCount > 0);
    }

    private static ulong DecodeAll(byte[][] messages)
    {
        ulong hash = 0;
        for (var i = 0; i < Calls; i++)
        {
            foreach (var message in messages)
            {
                hash += MessageSamples.ReadAll(message);
            }
        }

        return hash;
    }

    private static long EncodeAll(SampleEncoder[] encoders, byte[] buffer)
    {
        long total = 0;
        for (var i = 0; i < Calls; i++)
        {
            foreach (var encode in encoders)
            {
                total += encode(buffer);
            }
        }

        return total;
    }

    private static long ReadAll(FrameReader reader, byte[] stream, ReadOnlySequence<byte> single, ReadOnlySequence<byte> multi, int frames)
    {
        long total = 0;
        for (var i = 0; i < Calls; i++)
        {
            ReadOnlySpan<byte> span = stream;
            var a = single;
            var b = multi;
            for (var f = 0; f < frames; f++)
            {
                if (reader.TryRead(span, out var message, out int consumed) != FrameStatus.Ok)
                {
                    return -1;
                }

                total += consumed;
                span = span[consumed..];

                if (reader.TryRead(a, out message, out SequencePosition position) != FrameStatus.Ok)
                {
                    return -1;
                }

                total += a.Slice(a.Start, position).Length;
                a = a.Slice(position);

                if (reader.TryRead(b, out message, out position) != FrameStatus.Ok)
                {
                    return -1;
                }

                total += b.Slice(b.Start, position).Length;
                b = b.Slice(position);
            }
        }

        return total;
    }

    private static void WriteAll(ArrayBufferWriter<byte> output, byte[][] messages)
    {
        for (var i = 0; i < Calls; i++)
        {
            output.ResetWrittenCount();
            foreach (var message in messages)
            {
                FrameWriter.Write(output, message);
            }
        }
    }
}
