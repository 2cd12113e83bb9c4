using Functional.Core.Tensors;
using static Functional.Core.Tests.Kernels.TestTensors;

namespace Functional.Core.Tests.Kernels;

public class DeviceTests
{
    /// <summary>A storage that claims to live on a GPU, to check that the CPU backend refuses it.</summary>
    private sealed class GpuStorage : TensorStorage
    {
        public override DType DType => DType.Float32;
        public override Device Device => Device.Cuda;
        public override int Length => 4;
    }

    private static RawTensor OnGpu() => new(new GpuStorage(), new Shape(2, 2));

    [Fact]
    public void The_cpu_backend_is_registered_for_the_cpu_device() =>
        Assert.Equal(Device.Cpu, Backends.For(Device.Cpu).Device);

    [Fact]
    public void Unary_of_a_gpu_tensor_throws_naming_the_op_and_device()
    {
        var e = Assert.Throws<DeviceMismatchException>(() => Cpu.Unary(UnaryOp.Exp, OnGpu()));
        Assert.Equal("exp: expected x on cpu, received cuda:0", e.Message);
    }

    [Fact]
    public void Matmul_of_a_cpu_and_a_gpu_tensor_throws_naming_the_gpu_operand()
    {
        var e = Assert.Throws<DeviceMismatchException>(() => Cpu.MatMul(Make(DType.Float32, new double[4], 2, 2), OnGpu()));
        Assert.Equal("matmul: expected b on cpu, received cuda:0", e.Message);
    }

    [Fact]
    public void Concat_names_the_position_of_a_gpu_tensor()
    {
        var e = Assert.Throws<DeviceMismatchException>(() => Cpu.Concat(new[] { Make(DType.Float32, new double[4], 2, 2), OnGpu() }, 0));
        Assert.Equal("concat: expected xs[1] on cpu, received cuda:0", e.Message);
    }
}
