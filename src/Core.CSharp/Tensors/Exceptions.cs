using System;

namespace Functional.Core.Tensors;

/// <summary>Operands have shapes the operation cannot combine. The message names the op, what it expected
/// and what it received, e.g. <c>matmul: expected a.[1] = b.[0], received a 3x4, b 5x2</c>.</summary>
public sealed class ShapeMismatchException : ArgumentException
{
    /// <summary>Creates the exception from the op name, the expectation and what was received.</summary>
    public ShapeMismatchException(string op, string expected, string received)
        : base($"{op}: expected {expected}, received {received}")
    {
        Op = op;
    }

    /// <summary>The operation that rejected its operands.</summary>
    public string Op { get; }
}

/// <summary>Operands have dtypes the operation cannot combine without an explicit conversion.</summary>
public sealed class DTypeMismatchException : ArgumentException
{
    /// <summary>Creates the exception from the op name, the expectation and what was received.</summary>
    public DTypeMismatchException(string op, string expected, string received)
        : base($"{op}: expected {expected}, received {received}")
    {
        Op = op;
    }

    /// <summary>The operation that rejected its operands.</summary>
    public string Op { get; }
}

/// <summary>Operands live on different devices, or on a device the operation's backend does not serve.</summary>
public sealed class DeviceMismatchException : ArgumentException
{
    /// <summary>Creates the exception from the op name, the expectation and what was received.</summary>
    public DeviceMismatchException(string op, string expected, string received)
        : base($"{op}: expected {expected}, received {received}")
    {
        Op = op;
    }

    /// <summary>The operation that rejected its operands.</summary>
    public string Op { get; }
}
