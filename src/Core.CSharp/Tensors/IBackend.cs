namespace Functional.Core.Tensors;

/// <summary>Everything a device must compute. The F# layer calls only this interface, so a faster CPU backend
/// or a GPU backend replaces a kernel without touching autodiff. Inputs may be any view (strided, broadcast);
/// outputs are new contiguous tensors unless a method says it returns a view. Implementations validate
/// shapes and dtypes with <see cref="ShapeRules"/> so every backend fails the same way.</summary>
public interface IBackend
{
    /// <summary>The device this backend computes on.</summary>
    Device Device { get; }

    /// <summary>A contiguous tensor holding a copy of <paramref name="data"/> (float[], double[], int[] or long[]).</summary>
    RawTensor FromHostArray(System.Array data, Shape shape);

    /// <summary>The elements of <paramref name="x"/>, row-major, in a new host array of its dtype.</summary>
    System.Array ToHostArray(RawTensor x);

    /// <summary>A contiguous tensor with every element equal to <paramref name="value"/>.</summary>
    RawTensor Full(Shape shape, DType dtype, double value);

    /// <summary><paramref name="x"/> itself if contiguous, else a contiguous copy.</summary>
    RawTensor Contiguous(RawTensor x);

    /// <summary>Converts the element type (floats to ints truncate toward zero).</summary>
    RawTensor Cast(RawTensor x, DType dtype);

    /// <summary>Element-wise f(x) for a float tensor.</summary>
    RawTensor Unary(UnaryOp op, RawTensor x);

    /// <summary>Element-wise f(x, s) for a float tensor and scalar s.</summary>
    RawTensor Scalar(ScalarOp op, RawTensor x, double s);

    /// <summary>Element-wise f(a, b) with broadcasting; dtypes must be equal. Comparisons return 0/1 in that dtype.</summary>
    RawTensor Binary(BinaryOp op, RawTensor a, RawTensor b);

    /// <summary>cond ≠ 0 ? a : b, all three broadcast together; a and b share a dtype.</summary>
    RawTensor Where(RawTensor cond, RawTensor a, RawTensor b);

    /// <summary>Matrix product over the last two axes; batch axes must be equal (see <see cref="ShapeRules.MatMul"/>).</summary>
    RawTensor MatMul(RawTensor a, RawTensor b);

    /// <summary>Reduction over <paramref name="axis"/>.</summary>
    RawTensor Reduce(ReduceOp op, RawTensor x, int axis, bool keepDim);

    /// <summary>Index of the extreme over <paramref name="axis"/> (Int64 result).</summary>
    RawTensor ArgReduce(ArgReduceOp op, RawTensor x, int axis, bool keepDim);

    /// <summary>Softmax or log-softmax over <paramref name="axis"/>, stable for large |x|.</summary>
    RawTensor Softmax(SoftmaxOp op, RawTensor x, int axis);

    /// <summary>log Σ exp x over <paramref name="axis"/>, stable for large |x|.</summary>
    RawTensor LogSumExp(RawTensor x, int axis, bool keepDim);

    /// <summary>Sums <paramref name="x"/> down to <paramref name="shape"/>, which must broadcast to x's shape:
    /// the reverse of broadcasting, used for gradients of broadcast operands.</summary>
    RawTensor SumTo(RawTensor x, Shape shape);

    /// <summary>A view of <paramref name="x"/> broadcast to <paramref name="shape"/> (stride 0 on new axes).</summary>
    RawTensor Expand(RawTensor x, Shape shape);

    /// <summary>A view with axes permuted: result axis i is x's axis perm[i].</summary>
    RawTensor Permute(RawTensor x, int[] perm);

    /// <summary>A view with a new shape of the same element count when x is contiguous, else a reshaped copy.</summary>
    RawTensor Reshape(RawTensor x, Shape shape);

    /// <summary>A view of a strided range per axis (start inclusive, stop exclusive, step ≥ 1).</summary>
    RawTensor Slice(RawTensor x, int[] starts, int[] stops, int[] steps);

    /// <summary>Zeros of <paramref name="shape"/> with <paramref name="src"/> written at the given slice:
    /// the gradient of <see cref="Slice"/>.</summary>
    RawTensor SliceScatter(Shape shape, RawTensor src, int[] starts, int[] stops, int[] steps);

    /// <summary>result[..., i, ...] = x[..., index[..., i, ...], ...] along <paramref name="axis"/>; index is
    /// Int32 or Int64 with x's shape except on that axis.</summary>
    RawTensor Gather(RawTensor x, int axis, RawTensor index);

    /// <summary>Zeros of <paramref name="shape"/> plus src scattered and summed at index along axis: the
    /// gradient of <see cref="Gather"/>.</summary>
    RawTensor ScatterAdd(Shape shape, int axis, RawTensor index, RawTensor src);

    /// <summary>Joins tensors of one dtype along an existing axis.</summary>
    RawTensor Concat(RawTensor[] xs, int axis);

    /// <summary>Unfolds an image batch [N, C, H, W] into columns [C·kh·kw, N·outH·outW]: column n·L + l holds the
    /// window of sample n at output position l (L = outH·outW), rows channel-major then kernel row then kernel column;
    /// taps in the padding read 0. A 2-D convolution of the whole batch is then one matrix product with the weights
    /// [Cout, C·kh·kw] (PyTorch's unfold, with the batch folded into the columns).</summary>
    RawTensor Im2Col(RawTensor image, ConvGeometry geometry);

    /// <summary>The adjoint of <see cref="Im2Col"/> (PyTorch's fold): sums each entry of columns [C·kh·kw, N·L] back
    /// into the image position it was read from, dropping padding; <paramref name="imageShape"/> is [N, C, H, W]. The
    /// gradient of im2col, and the heart of a transposed convolution.</summary>
    RawTensor Col2Im(RawTensor columns, Shape imageShape, ConvGeometry geometry);

    /// <summary>One optimizer step in place: updates <paramref name="parameter"/> and its
    /// <see cref="Optim.UpdateRule.StateCount"/> <paramref name="state"/> buffers (all contiguous, of the parameter's
    /// shape and float dtype) from <paramref name="gradient"/>, in one pass.</summary>
    void ApplyUpdate(Optim.UpdateRule rule, RawTensor parameter, RawTensor gradient, RawTensor[] state);
}
