// The GPU check (issue 7): finds the CUDA device, runs one MNIST MLP training step and one DCGAN training step on the
// CPU and on the GPU, and prints both times and the largest difference of a forward pass. Without a GPU it says so and
// exits 0. FUNCTIONAL_GPU_CHECK=cpu-accelerator runs the GPU side on ILGPU's CPU accelerator (tiny batches: it proves
// the script end to end, its times mean nothing); FUNCTIONAL_GPU_CHECK=cuda makes a missing GPU a failure.
// The check itself is gpu-check/GpuCheck.fs, which gpu-check/GpuCheck.fsproj also compiles into a console program.
// Run: dotnet build -c Release && dotnet fsi scripts/gpu-check.fsx
#r "../src/Functional.FSharp/bin/Release/net10.0/Functional.Core.dll"
#r "../src/Functional.FSharp/bin/Release/net10.0/Functional.dll"
#r "../src/Functional.Gpu/bin/Release/net10.0/Functional.Gpu.dll"
#load "gpu-check/GpuCheck.fs"

exit (Functional.GpuCheck.run (System.IO.Path.GetFullPath(System.IO.Path.Combine(__SOURCE_DIRECTORY__, ".."))))
