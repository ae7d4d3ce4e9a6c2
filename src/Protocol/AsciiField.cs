using System.Buffers;
using System.Text;

namespace RiskGate.Protocol;

/// <summary>Fixed-length, NUL-padded ASCII fields. Stateless; any thread may call it.</summary>
internal static class AsciiField
{
    /// <summary>The field without its right padding (NUL or space); never throws.</summary>
    public static ReadOnlySpan<byte> TrimPadding(ReadOnlySpan<byte> field)
    {
        var length = field.Length;
        while (length > 0 && (field[length - 1] == 0 || field[length - 1] == (byte)' '))
        {
            length--;
        }

        return field[..length];
    }

    /// <summary>Copies ASCII bytes into the field and NUL-pads it; throws when too long or not ASCII.</summary>
    public static void Write(Span<byte> field, ReadOnlySpan<byte> ascii, string paramName)
    {
        if (ascii.Length > field.Length || !Ascii.IsValid(ascii))
        {
            ThrowHelper.ThrowNotAscii(paramName, field.Length);
        }

        ascii.CopyTo(field);
        field[ascii.Length..].Clear();
    }

    /// <summary>Transcodes ASCII text into the field and NUL-pads it; throws when too long or not ASCII.</summary>
    public static void Write(Span<byte> field, ReadOnlySpan<char> text, string paramName)
    {
        if (text.Length > field.Length || Ascii.FromUtf16(text, field, out var written) != OperationStatus.Done)
        {
            ThrowHelper.ThrowNotAscii(paramName, field.Length);
            return;
        }

        field[written..].Clear();
    }
}
