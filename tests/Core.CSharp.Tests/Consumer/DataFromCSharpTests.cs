using System;
using System.IO;
using System.Linq;
using Functional;
using Functional.Core.Data;
using Functional.Core.Data.Remote;
using Functional.CSharp;
using Functional.Core.Tests.Support;
using Functional.Tests.DataServer;

namespace Functional.Core.Tests.Consumer;

/// Lecture data as a C# program gets it: the registry, a fetch into a cache of its own from a mirror, and the MAT
/// file read as tensors.
public sealed class DataFromCSharpTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("functional-data-csharp-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public void The_registry_lists_datasets_and_files_as_read_only_lists()
    {
        Assert.Contains("coursera-ml-ex6", DataFiles.Names());
        Assert.Equal(4, DataFiles.Files("mnist").Count);
    }

    [SkippableFact]
    public void A_fetched_mat_file_reads_as_tensors()
    {
        SharedData.Require("coursera-ml-ex5/ex5data1.mat");
        using var server = new LoopbackServer(SharedData.Folder);
        var options = new FetchOptions { CacheRoot = _cache, Mirror = server.BaseUrl };

        string path = Datasets.FetchWith(options, Datasets.File("coursera-ml-ex5", "ex5data1.mat"));
        var x = Mat.Variable(path, "X");

        Assert.Equal(Path.Combine(_cache, "coursera-ml-ex5", "ex5data1.mat"), path);
        Assert.Equal(new[] { 12, 1 }, x.Dims);
        Assert.Equal(MatClass.Double, MatFile.ReadVariable(path, "ytest").Class);
        Assert.Equal(["X", "Xtest", "Xval", "y", "ytest", "yval"], Mat.Load(path).Keys.OrderBy(k => k, StringComparer.Ordinal));
    }
}
