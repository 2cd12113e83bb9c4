namespace Functional.Core.Tensors;

/// <summary>Element-wise functions of one float tensor.</summary>
public enum UnaryOp
{
    /// <summary>−x</summary>
    Neg,
    /// <summary>eˣ</summary>
    Exp,
    /// <summary>ln x (NaN below 0, −∞ at 0)</summary>
    Log,
    /// <summary>√x</summary>
    Sqrt,
    /// <summary>|x|</summary>
    Abs,
    /// <summary>sign x ∈ {−1, 0, 1}; NaN stays NaN</summary>
    Sign,
    /// <summary>1 / (1 + e⁻ˣ), computed without overflow</summary>
    Sigmoid,
    /// <summary>tanh x</summary>
    Tanh,
    /// <summary>max(x, 0); NaN stays NaN</summary>
    Relu,
    /// <summary>ln(1 + eˣ), computed without overflow</summary>
    Softplus,
    /// <summary>sin x</summary>
    Sin,
    /// <summary>cos x</summary>
    Cos,
}

/// <summary>Element-wise functions of a float tensor and a scalar parameter.</summary>
public enum ScalarOp
{
    /// <summary>x ≥ 0 ? x : s·x</summary>
    LeakyRelu,
    /// <summary>xˢ</summary>
    Pow,
    /// <summary>x + s</summary>
    Add,
    /// <summary>x · s</summary>
    Mul,
}

/// <summary>Element-wise functions of two tensors, broadcast by NumPy rules.</summary>
public enum BinaryOp
{
    /// <summary>a + b</summary>
    Add,
    /// <summary>a − b</summary>
    Sub,
    /// <summary>a · b</summary>
    Mul,
    /// <summary>a / b</summary>
    Div,
    /// <summary>aᵇ</summary>
    Pow,
    /// <summary>max(a, b); NaN wins</summary>
    Max,
    /// <summary>min(a, b); NaN wins</summary>
    Min,
    /// <summary>1 where a = b, else 0 (in the operands' dtype)</summary>
    Eq,
    /// <summary>1 where a ≠ b, else 0</summary>
    Ne,
    /// <summary>1 where a &lt; b, else 0</summary>
    Lt,
    /// <summary>1 where a ≤ b, else 0</summary>
    Le,
    /// <summary>1 where a &gt; b, else 0</summary>
    Gt,
    /// <summary>1 where a ≥ b, else 0</summary>
    Ge,
}

/// <summary>Reductions over one axis.</summary>
public enum ReduceOp
{
    /// <summary>Σ</summary>
    Sum,
    /// <summary>maximum; NaN wins</summary>
    Max,
    /// <summary>minimum; NaN wins</summary>
    Min,
}

/// <summary>Index-returning reductions over one axis (result dtype Int64; first index on ties).</summary>
public enum ArgReduceOp
{
    /// <summary>index of the maximum</summary>
    ArgMax,
    /// <summary>index of the minimum</summary>
    ArgMin,
}

/// <summary>Numerically stable normalisations over one axis.</summary>
public enum SoftmaxOp
{
    /// <summary>exp(x − max) / Σ exp(x − max)</summary>
    Softmax,
    /// <summary>x − max − log Σ exp(x − max)</summary>
    LogSoftmax,
}
