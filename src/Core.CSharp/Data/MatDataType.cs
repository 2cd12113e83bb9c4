using System;
using System.Buffers.Binary;

namespace Functional.Core.Data;

/// <summary>The data types of MAT-file data elements ("MATLAB MAT-File Format", Data Element Format, MAT-File Data
/// Types table) and reading one stored value in either byte order.</summary>
internal static class MatDataType
{
    public const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7;
    public const int MiDouble = 9, MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15;
    public const int MiUtf8 = 16, MiUtf16 = 17, MiUtf32 = 18;

    /// <summary>The format document's name of a type code, e.g. "miUINT8 (2)".</summary>
    public static string Name(int type) => type switch
    {
        MiInt8 => "miINT8 (1)",
        MiUInt8 => "miUINT8 (2)",
        MiInt16 => "miINT16 (3)",
        MiUInt16 => "miUINT16 (4)",
        MiInt32 => "miINT32 (5)",
        MiUInt32 => "miUINT32 (6)",
        MiSingle => "miSINGLE (7)",
        MiDouble => "miDOUBLE (9)",
        MiInt64 => "miINT64 (12)",
        MiUInt64 => "miUINT64 (13)",
        MiMatrix => "miMATRIX (14)",
        MiCompressed => "miCOMPRESSED (15)",
        MiUtf8 => "miUTF8 (16)",
        MiUtf16 => "miUTF16 (17)",
        MiUtf32 => "miUTF32 (18)",
        _ => $"unknown data type {type}",
    };

    /// <summary>Whether a type code is one the format defines (8, 10 and 11 are reserved).</summary>
    public static bool IsKnown(int type) => type is >= MiInt8 and <= MiUtf32 and not (8 or 10 or 11);

    /// <summary>Bytes per value of a numeric type (miINT8..miUINT64, miSINGLE, miDOUBLE); 0 for the others.</summary>
    public static int SizeOf(int type) => type switch
    {
        MiInt8 or MiUInt8 => 1,
        MiInt16 or MiUInt16 => 2,
        MiInt32 or MiUInt32 or MiSingle => 4,
        MiDouble or MiInt64 or MiUInt64 => 8,
        _ => 0,
    };

    /// <summary>Whether a numeric type holds integers (every numeric type but miSINGLE and miDOUBLE).</summary>
    public static bool IsInteger(int type) => SizeOf(type) != 0 && type is not (MiSingle or MiDouble);

    public static ushort UInt16At(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data) : BinaryPrimitives.ReadUInt16LittleEndian(data);

    public static uint UInt32At(ReadOnlySpan<byte> data, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data) : BinaryPrimitives.ReadUInt32LittleEndian(data);

    /// <summary>Value <paramref name="i"/> of numeric data of type <paramref name="type"/>, as a double (rounded to
    /// nearest for 64-bit integers beyond 2^53, as numpy's astype does).</summary>
    public static double DoubleAt(ReadOnlySpan<byte> data, int type, bool bigEndian, int i) => type switch
    {
        MiInt8 => (sbyte)data[i],
        MiUInt8 => data[i],
        MiSingle => bigEndian
            ? BinaryPrimitives.ReadSingleBigEndian(data[(4 * i)..])
            : BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]),
        MiDouble => bigEndian
            ? BinaryPrimitives.ReadDoubleBigEndian(data[(8 * i)..])
            : BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]),
        MiUInt64 => bigEndian
            ? BinaryPrimitives.ReadUInt64BigEndian(data[(8 * i)..])
            : BinaryPrimitives.ReadUInt64LittleEndian(data[(8 * i)..]),
        _ => (double)SignedAt(data, type, bigEndian, i),
    };

    /// <summary>Value <paramref name="i"/> of integer data, exactly (Int128 holds every int64 and uint64).</summary>
    public static Int128 IntegerAt(ReadOnlySpan<byte> data, int type, bool bigEndian, int i) => type == MiUInt64
        ? (bigEndian
            ? BinaryPrimitives.ReadUInt64BigEndian(data[(8 * i)..])
            : BinaryPrimitives.ReadUInt64LittleEndian(data[(8 * i)..]))
        : SignedAt(data, type, bigEndian, i);

    // Every integer type but miUINT64 fits a long.
    private static long SignedAt(ReadOnlySpan<byte> data, int type, bool bigEndian, int i) => type switch
    {
        MiInt8 => (sbyte)data[i],
        MiUInt8 => data[i],
        MiInt16 => bigEndian
            ? BinaryPrimitives.ReadInt16BigEndian(data[(2 * i)..])
            : BinaryPrimitives.ReadInt16LittleEndian(data[(2 * i)..]),
        MiUInt16 => UInt16At(data[(2 * i)..], bigEndian),
        MiInt32 => bigEndian
            ? BinaryPrimitives.ReadInt32BigEndian(data[(4 * i)..])
            : BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]),
        MiUInt32 => UInt32At(data[(4 * i)..], bigEndian),
        MiInt64 => bigEndian
            ? BinaryPrimitives.ReadInt64BigEndian(data[(8 * i)..])
            : BinaryPrimitives.ReadInt64LittleEndian(data[(8 * i)..]),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "MatDataType: not an integer type"),
    };
}
