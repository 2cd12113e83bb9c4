using System;
using System.IO;

namespace Functional.Core.Tests.Support;

/// <summary>The lecture data the tests use as oracles: ../shared/data beside the repository, or
/// $FUNCTIONAL_TEST_DATA. It is never copied into the repository.</summary>
public static class SharedData
{
    /// <summary>The folder, whether or not it exists.</summary>
    public static string Folder
    {
        get
        {
            string? configured = Environment.GetEnvironmentVariable("FUNCTIONAL_TEST_DATA");
            if (!string.IsNullOrEmpty(configured))
                return Path.GetFullPath(configured);
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Functional.sln")))
                dir = dir.Parent;
            if (dir is null)
                throw new InvalidOperationException($"no folder holding Functional.sln above {AppContext.BaseDirectory}");
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        }
    }

    /// <summary>The path of a shared data file. When it is absent the test is skipped (reported as skipped, never as
    /// passed), or fails when FUNCTIONAL_STRICT=1 (CI), where nothing may be skipped.</summary>
    public static string Require(string relative)
    {
        string path = Path.Combine(Folder, relative);
        if (File.Exists(path))
            return path;
        string why = $"{relative} is not in {Folder} (lecture data is not shipped)";
        if (Environment.GetEnvironmentVariable("FUNCTIONAL_STRICT") == "1")
            throw new FileNotFoundException(why + ", and FUNCTIONAL_STRICT=1 forbids skipping", path);
        Skip.If(true, why);
        return path;
    }
}
