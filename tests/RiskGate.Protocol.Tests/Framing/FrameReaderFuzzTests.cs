using System.Buffers;
using System.Buffers.Binary;
using RiskGate.Protocol.Framing;
using RiskGate.Protocol.Messages;
using RiskGate.Protocol.Tests.Support;

namespace RiskGate.Protocol.Tests.Framing;

public class FrameReaderFuzzTests
{
    private const int Iterations = 1_000_000;

    [Fact]
    public void TryRead_MillionRandomAndMutatedFrames_OnlyKnownStatusesAndConsistentPositions()
    {
        var random = new Random(20_261_124);
        var reader = new FrameReader();
        var seeds = MessageSamples.All.Select(s => WireEdit.Frame(s.Full())).ToArray();
        var buffer = new byte[ProtocolInfo.DefaultMaxFrameLength + 256];
        var copy = new byte[buffer.Length];
        var counts = new int[256];
        ulong hash = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var length = Mutate(random, seeds, buffer);
            var input = buffer.AsSpan(0, length);
            input.CopyTo(copy);

            var status = reader.TryRead(input, out var message, out int consumed);
            counts[(int)status]++;
            AssertConsistent(status, input, message, consumed);
            if (status == FrameStatus.Ok)
            {
                // Whatever the reader accepts decodes without throwing, every field and group entry.
                hash ^= MessageSamples.ReadAll(message);
            }

            Assert.True(input.SequenceEqual(copy.AsSpan(0, length)), "the reader must not modify its input");

            if ((i & 7) == 0)
            {
                // The sequence path must agree with the span path, wherever the segments are cut.
                var sequence = WireEdit.Segments(input, random.Next(length + 1));
                var sequenceStatus = reader.TryRead(sequence, out var sequenceMessage, out SequencePosition position);
                Assert.Equal(status, sequenceStatus);
                Assert.Equal(consumed, sequence.Slice(sequence.Start, position).Length);
                Assert.Equal(message.Length, sequenceMessage.Length);
                if (status == FrameStatus.Ok)
                {
                    Assert.Equal(MessageSamples.ReadAll(message), MessageSamples.ReadAll(sequenceMessage));
                }
            }
        }

        _ = hash;
        var reachable = new[]
        {
            FrameStatus.Ok, FrameStatus.Incomplete, FrameStatus.LengthTooSmall, FrameStatus.LengthTooLarge,
            FrameStatus.WrongEncodingType, FrameStatus.UnsupportedSchema, FrameStatus.UnsupportedVersion,
            FrameStatus.UnknownTemplate, FrameStatus.BlockTooShort, FrameStatus.MessageTooShort,
            FrameStatus.GroupBlockTooShort, FrameStatus.GroupCountTooLarge,
        };
        Assert.All(reachable, s => Assert.True(counts[(int)s] > 0, $"the fuzz never produced {s}"));
        Assert.Equal(Iterations, reachable.Sum(s => counts[(int)s]));
    }

    private static void AssertConsistent(FrameStatus status, ReadOnlySpan<byte> input, ReadOnlySpan<byte> message, int consumed)
    {
        switch (status)
        {
            case FrameStatus.Ok:
                Assert.Equal((int)FramingHeader.ReadFrameLength(input), consumed);
                Assert.Equal(consumed - FramingHeader.Length, message.Length);
                Assert.Equal(FrameStatus.Ok, MessageDispatch.Validate(message, out var encodedLength));
                Assert.True(encodedLength <= message.Length);
                break;
            case FrameStatus.Incomplete:
            case FrameStatus.LengthTooSmall:
            case FrameStatus.LengthTooLarge:
            case FrameStatus.WrongEncodingType:
                Assert.Equal(0, consumed);
                Assert.True(message.IsEmpty);
                break;
            case FrameStatus.UnsupportedSchema:
            case FrameStatus.UnsupportedVersion:
            case FrameStatus.UnknownTemplate:
            case FrameStatus.BlockTooShort:
            case FrameStatus.MessageTooShort:
            case FrameStatus.GroupBlockTooShort:
            case FrameStatus.GroupCountTooLarge:
                Assert.Equal((int)FramingHeader.ReadFrameLength(input), consumed);
                Assert.True(message.IsEmpty);
                break;
            default:
                Assert.Fail($"unexpected status {status}");
                break;
        }
    }

    private static int Mutate(Random random, byte[][] seeds, byte[] buffer)
    {
        var seed = seeds[random.Next(seeds.Length)];
        switch (random.Next(8))
        {
            case 0:
                {
                    // Pure noise.
                    var length = random.Next(0, 300);
                    random.NextBytes(buffer.AsSpan(0, length));
                    return length;
                }

            case 1:
                {
                    // Noise behind a well-formed framing header.
                    var length = random.Next(FramingHeader.Length, 300);
                    random.NextBytes(buffer.AsSpan(0, length));
                    FramingHeader.Write(buffer, length);
                    return length;
                }

            case 2:
                {
                    // A valid frame with a few random bytes changed.
                    seed.CopyTo(buffer, 0);
                    var flips = random.Next(1, 5);
                    for (var f = 0; f < flips; f++)
                    {
                        buffer[random.Next(seed.Length)] = (byte)random.Next(256);
                    }

                    return seed.Length;
                }

            case 3:
                {
                    // A valid frame with one message or group header field replaced.
                    seed.CopyTo(buffer, 0);
                    int[] offsets = [0, 2, 4, 6];
                    var offset = FramingHeader.Length + offsets[random.Next(offsets.Length)];
                    var message = buffer.AsSpan(FramingHeader.Length, seed.Length - FramingHeader.Length);
                    var groupOffset = MessageHeader.Length + MessageHeader.ReadBlockLength(message);
                    if (random.Next(2) == 0 && groupOffset + GroupHeader.Length <= message.Length)
                    {
                        offset = FramingHeader.Length + groupOffset + (2 * random.Next(2));
                    }

                    var value = random.Next(3) == 0 ? random.Next(65536) : random.Next(-8, 200) + BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(offset));
                    BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(offset), (ushort)value);
                    return seed.Length;
                }

            case 4:
                {
                    // A valid frame cut short: declared length kept (incomplete) or made to match (truncated message).
                    seed.CopyTo(buffer, 0);
                    var length = random.Next(seed.Length);
                    if (random.Next(2) == 0 && length >= FramingHeader.Length)
                    {
                        FramingHeader.Write(buffer, length);
                    }

                    return length;
                }

            case 5:
                {
                    // A valid frame with random bytes appended, inside or outside the declared length.
                    seed.CopyTo(buffer, 0);
                    var extra = random.Next(1, 64);
                    random.NextBytes(buffer.AsSpan(seed.Length, extra));
                    if (random.Next(2) == 0)
                    {
                        FramingHeader.Write(buffer, seed.Length + extra);
                    }

                    return seed.Length + extra;
                }

            case 6:
                {
                    // A valid frame whose declared length is anything.
                    seed.CopyTo(buffer, 0);
                    BinaryPrimitives.WriteUInt32BigEndian(buffer, (uint)random.Next(int.MinValue, int.MaxValue));
                    return seed.Length;
                }

            default:
                {
                    // A valid frame whose encoding type is anything.
                    seed.CopyTo(buffer, 0);
                    BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(FramingHeader.EncodingTypeOffset), (ushort)random.Next(65536));
                    return seed.Length;
                }
        }
    }
}
