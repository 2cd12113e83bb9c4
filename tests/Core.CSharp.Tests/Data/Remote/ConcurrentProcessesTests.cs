using System;
using System.Diagnostics;
using System.IO;
using Functional.Tests.DataServer;

namespace Functional.Core.Tests.Data.Remote;

public class ConcurrentProcessesTests : IDisposable
{
    private readonly FetchFixture _f = new(size: 200_000);

    public void Dispose() => _f.Dispose();

    private Process StartFetch()
    {
        // The SDK names the dotnet host it runs tests with; outside it, dotnet is on PATH.
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "DataServer.dll"), "--fetch", _f.Cache, _f.Server.BaseUrl + "demo/numbers.bin",
            "demo", "numbers.bin", _f.Content.Length.ToString(), _f.File.Sha256!,
        })
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    [Fact]
    public void Two_processes_fetching_the_same_file_at_once_both_end_with_the_good_file()
    {
        // Slow enough that both downloads are in flight together.
        _f.Server.Script = (_, _) => new Reply.Slow(20_000, TimeSpan.FromMilliseconds(50));

        using var first = StartFetch();
        using var second = StartFetch();
        string firstOut = first.StandardOutput.ReadToEnd() + first.StandardError.ReadToEnd();
        string secondOut = second.StandardOutput.ReadToEnd() + second.StandardError.ReadToEnd();
        first.WaitForExit();
        second.WaitForExit();

        Assert.True(first.ExitCode == 0, firstOut);
        Assert.True(second.ExitCode == 0, secondOut);
        Assert.Equal(_f.CachedPath, firstOut.Trim());
        Assert.Equal(_f.CachedPath, secondOut.Trim());
        Assert.Equal(2, _f.Server.CountOf(_f.ServedPath));
        Assert.Equal(_f.Content, File.ReadAllBytes(_f.CachedPath));
        Assert.Empty(_f.Leftovers());
    }
}
