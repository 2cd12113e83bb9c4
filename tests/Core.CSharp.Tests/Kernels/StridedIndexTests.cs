using Functional.Core.Kernels;
using Functional.Core.Tensors;

namespace Functional.Core.Tests.Kernels;

public class StridedIndexTests
{
    private static int[] Walk(int[] dims, int[] strides, int offset, int count)
    {
        var it = new StridedIndex(dims, strides, offset);
        var seen = new int[count];
        for (int i = 0; i < count; i++, it.MoveNext()) seen[i] = it.Offset;
        return seen;
    }

    [Fact]
    public void Odometer_visits_a_contiguous_2x3_in_storage_order() =>
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, Walk(new[] { 2, 3 }, new[] { 3, 1 }, 0, 6));

    [Fact]
    public void Odometer_visits_a_transposed_2x3_column_by_column_of_its_storage() =>
        Assert.Equal(new[] { 0, 2, 4, 1, 3, 5 }, Walk(new[] { 2, 3 }, new[] { 1, 2 }, 0, 6));

    [Fact]
    public void Odometer_repeats_a_stride_0_axis_and_starts_at_the_offset() =>
        Assert.Equal(new[] { 5, 5, 5, 6, 6, 6 }, Walk(new[] { 2, 3 }, new[] { 1, 0 }, 5, 6));

    [Fact]
    public void Odometer_over_a_scalar_visits_the_offset_once() =>
        Assert.Equal(new[] { 7 }, Walk(System.Array.Empty<int>(), System.Array.Empty<int>(), 7, 1));

    [Fact]
    public void Odometer_wraps_around_to_the_first_element_after_the_last() =>
        Assert.Equal(new[] { 0, 1, 2, 3, 0 }, Walk(new[] { 2, 2 }, new[] { 2, 1 }, 0, 5));

    [Fact]
    public void Broadcast_strides_are_0_on_new_and_stretched_axes() =>
        Assert.Equal(new[] { 0, 0, 1 },
            StridedIndex.BroadcastStrides(new Shape(1, 4), new[] { 4, 1 }, new Shape(2, 3, 4)));
}
