namespace Functional.Core.Data;

/// <summary>Walks an array's elements in MATLAB's column-major order (the first index fastest) and gives each one's
/// row-major (C order) position: for dims [d0, d1, d2], element (i, j, k) is stored at i + d0*(j + d1*k) and goes to
/// (i*d1 + j)*d2 + k.</summary>
internal struct RowMajorOrder
{
    private readonly int[] _dims;
    private readonly int[] _strides; // row-major stride of each dimension
    private readonly int[] _index;

    /// <summary>Starts at element 0. The dims' product must fit an int when it is nonzero (it counts stored
    /// elements).</summary>
    public RowMajorOrder(int[] dims)
    {
        _dims = dims;
        _strides = new int[dims.Length];
        _index = new int[dims.Length];
        if (MatArray.Product(dims) == 0) return; // nothing to walk; the strides could overflow
        int stride = 1;
        for (int k = dims.Length - 1; k >= 0; k--)
        {
            _strides[k] = stride;
            stride *= dims[k];
        }
    }

    /// <summary>The row-major position of the current element.</summary>
    public int Index { get; private set; }

    /// <summary>Steps to the next element in column-major order, like an odometer whose first wheel turns
    /// fastest.</summary>
    public void MoveNext()
    {
        for (int k = 0; k < _dims.Length; k++)
        {
            Index += _strides[k];
            if (++_index[k] < _dims[k] || k == _dims.Length - 1) return;
            Index -= _dims[k] * _strides[k];
            _index[k] = 0;
        }
    }
}
