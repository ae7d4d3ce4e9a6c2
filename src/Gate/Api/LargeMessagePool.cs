using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace RiskGate.Gate.Api;

/// <summary>
/// Pre-allocated buffers for messages larger than a ring slot (RiskParameters with scan points, VolSurface
/// with grid points) submitted after start. A producer claims a buffer, copies the message into it, and
/// publishes a ring slot holding a 16-byte <b>reference</b> to it instead of the message; the risk stage
/// resolves the reference, decides the message in ring order and releases the buffer.
/// </summary>
/// <remarks>
/// <para><b>Reference layout</b> (inline in the slot, 16 bytes, little-endian):
/// <code>
///   0 | blockLength u16 = 8 | templateId u16 (the message's) | schemaId u16 = 0xFFFF | version u16 = 0xFFFF |
///   8 | buffer index i32    | message length i32 |
/// </code>
/// The marker schema and version are not the protocol's, so a reference can never be decoded as a wire
/// message; the template id is the referenced message's, so a stage that only reads the kind of the
/// message in a slot (the egress stage) sees the right kind. A buffer is bound to the ring sequence of the slot that references it; the risk stage
/// honours a reference only when the buffer is claimed and bound to the slot's own sequence, so bytes a
/// producer writes into a claimed slot cannot forge one (they get a <c>MalformedMessage</c> decision).</para>
/// <para><b>Threads</b>: <see cref="TryClaim"/>, <see cref="Bind"/> and <see cref="Release"/> before the
/// slot is published are called by producers, any number concurrently (lock-free: a compare-and-swap per
/// probed buffer, starting at a rotating hint; never blocks). <see cref="TryResolve"/> and the release after
/// deciding are called by the risk stage only. Ordering: the producer's writes to the buffer and its
/// binding happen before the ring publish (release); the risk stage reads them after acquiring the
/// sequence; its release store of the buffer's state happens after its last read, and a producer's claim
/// (compare-and-swap) acquires it.</para>
/// <para><b>Allocation</b>: everything at construction; nothing afterwards.</para>
/// </remarks>
public sealed class LargeMessagePool
{
    /// <summary>Bytes of the inline reference written into a slot.</summary>
    public const int ReferenceLength = 16;

    private const ushort Marker = 0xFFFF;
    private const int Free = 0;
    private const int Claimed = 1;

    private readonly byte[] _bytes;
    private readonly int[] _state;
    private readonly long[] _boundSequence;
    private readonly int _capacity;
    private int _hint;

    /// <summary>Creates <paramref name="count"/> buffers of <paramref name="capacity"/> bytes each.</summary>
    /// <param name="count">Buffers, ≥ 1.</param>
    /// <param name="capacity">Bytes per buffer, ≥ 1.</param>
    public LargeMessagePool(int count, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _bytes = new byte[checked(count * capacity)];
        _state = new int[count];
        _boundSequence = new long[count];
        _boundSequence.AsSpan().Fill(-1);
        _capacity = capacity;
        Count = count;
    }

    /// <summary>Number of buffers.</summary>
    public int Count { get; }

    /// <summary>Bytes one buffer holds (the largest message this path accepts).</summary>
    public int Capacity => _capacity;

    /// <summary>Buffers claimed right now (a racy snapshot; exact when producers and the risk stage are idle).</summary>
    public int InUse
    {
        get
        {
            var n = 0;
            for (var i = 0; i < _state.Length; i++)
            {
                n += Volatile.Read(ref _state[i]);
            }

            return n;
        }
    }

    /// <summary>True when <paramref name="message"/> is shaped like a pool reference (marker header). Any thread.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsReference(ReadOnlySpan<byte> message)
        => message.Length == ReferenceLength
            && BinaryPrimitives.ReadUInt16LittleEndian(message[4..]) == Marker
            && BinaryPrimitives.ReadUInt16LittleEndian(message[6..]) == Marker;

    /// <summary>
    /// Claims a free buffer and copies <paramref name="message"/> into it. Producer thread(s); lock-free,
    /// never blocks. Returns the buffer index, or −1 when every buffer is in use (or the message is longer
    /// than <see cref="Capacity"/>).
    /// </summary>
    public int TryClaim(ReadOnlySpan<byte> message)
    {
        if (message.Length > _capacity)
        {
            return -1;
        }

        var count = _state.Length;
        var start = (int)((uint)Volatile.Read(ref _hint) % (uint)count);
        for (var k = 0; k < count; k++)
        {
            var i = start + k;
            if (i >= count)
            {
                i -= count;
            }

            if (Volatile.Read(ref _state[i]) == Free && Interlocked.CompareExchange(ref _state[i], Claimed, Free) == Free)
            {
                Volatile.Write(ref _hint, i + 1);
                message.CopyTo(_bytes.AsSpan(i * _capacity, _capacity));
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Binds a claimed buffer to the ring <paramref name="sequence"/> of the slot that will reference it and
    /// writes the reference into <paramref name="slot"/> (≥ <see cref="ReferenceLength"/> bytes). Producer
    /// that claimed it, before publishing.
    /// </summary>
    public void Bind(int index, int length, long sequence, Span<byte> slot)
    {
        _boundSequence[index] = sequence;
        var templateId = length >= 4 ? BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan((index * _capacity) + 2)) : (ushort)0;
        BinaryPrimitives.WriteUInt16LittleEndian(slot, 8);
        BinaryPrimitives.WriteUInt16LittleEndian(slot[2..], templateId);
        BinaryPrimitives.WriteUInt16LittleEndian(slot[4..], Marker);
        BinaryPrimitives.WriteUInt16LittleEndian(slot[6..], Marker);
        BinaryPrimitives.WriteInt32LittleEndian(slot[8..], index);
        BinaryPrimitives.WriteInt32LittleEndian(slot[12..], length);
    }

    /// <summary>
    /// Resolves a reference read from the slot of ring <paramref name="sequence"/>: the buffer index (release
    /// it with <see cref="Release"/> after deciding) and the message, or −1 when the reference is not one this
    /// pool issued for that sequence. Risk stage only.
    /// </summary>
    public int TryResolve(ReadOnlySpan<byte> reference, long sequence, out ReadOnlySpan<byte> message)
    {
        message = default;
        var index = BinaryPrimitives.ReadInt32LittleEndian(reference[8..]);
        var length = BinaryPrimitives.ReadInt32LittleEndian(reference[12..]);
        if ((uint)index >= (uint)_state.Length || (uint)length > (uint)_capacity
            || Volatile.Read(ref _state[index]) != Claimed || _boundSequence[index] != sequence)
        {
            return -1;
        }

        message = new ReadOnlySpan<byte>(_bytes, index * _capacity, length);
        return index;
    }

    /// <summary>
    /// Returns a buffer to the pool: by the risk stage after deciding its message, or by the producer
    /// that claimed it when it could not publish (ring full). Release store.
    /// </summary>
    public void Release(int index)
    {
        _boundSequence[index] = -1;
        Volatile.Write(ref _state[index], Free);
    }
}
