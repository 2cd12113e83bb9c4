namespace Functional.Core.Tensors;

/// <summary>The element type of a tensor. Float32 is the default for networks, Float64 for classic ML and
/// gradient checks; the integer types hold labels and indices.</summary>
public enum DType
{
    /// <summary>32-bit IEEE float (<see cref="float"/>).</summary>
    Float32,
    /// <summary>64-bit IEEE float (<see cref="double"/>).</summary>
    Float64,
    /// <summary>32-bit signed integer.</summary>
    Int32,
    /// <summary>64-bit signed integer.</summary>
    Int64,
}

/// <summary>Facts about <see cref="DType"/> values.</summary>
public static class DTypes
{
    /// <summary>Size of one element in bytes.</summary>
    public static int SizeOf(this DType dtype) => dtype switch
    {
        DType.Float32 or DType.Int32 => 4,
        _ => 8,
    };

    /// <summary>True for Float32 and Float64.</summary>
    public static bool IsFloatingPoint(this DType dtype) => dtype is DType.Float32 or DType.Float64;

    /// <summary>The lower-case name used in messages and printing (<c>float32</c>, <c>int64</c>, ...).</summary>
    public static string Name(this DType dtype) => dtype switch
    {
        DType.Float32 => "float32",
        DType.Float64 => "float64",
        DType.Int32 => "int32",
        DType.Int64 => "int64",
        _ => dtype.ToString(),
    };

    /// <summary>The CLR element type that stores this dtype on the CPU.</summary>
    public static System.Type ClrType(this DType dtype) => dtype switch
    {
        DType.Float32 => typeof(float),
        DType.Float64 => typeof(double),
        DType.Int32 => typeof(int),
        _ => typeof(long),
    };

    /// <summary>The dtype stored in CLR arrays of <typeparamref name="T"/>.</summary>
    /// <exception cref="System.ArgumentException"><typeparamref name="T"/> is not float, double, int or long.</exception>
    public static DType Of<T>() =>
        typeof(T) == typeof(float) ? DType.Float32
        : typeof(T) == typeof(double) ? DType.Float64
        : typeof(T) == typeof(int) ? DType.Int32
        : typeof(T) == typeof(long) ? DType.Int64
        : throw new System.ArgumentException($"tensor: expected element type float, double, int or long, received {typeof(T).Name}", nameof(T));
}
