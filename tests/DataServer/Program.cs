using System;
using System.IO;
using System.Threading;
using Functional.Core.Data.Remote;

namespace Functional.Tests.DataServer;

/// <summary><c>DataServer FOLDER [URL_FILE]</c>: serves FOLDER on 127.0.0.1 until the process is
/// stopped; prints the base URL, and writes it to URL_FILE when given (test.sh waits for that file).
/// <c>DataServer --fetch CACHE URL DATASET NAME SIZE SHA256</c>: fetches one file into CACHE (the fetcher tests start
/// two such processes at once).</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 7 && args[0] == "--fetch")
        {
            var file = new RemoteFile(args[3], args[4], [args[2]], long.Parse(args[5]), args[6], null);
            using var fetcher = new DataFetcher(new FetchOptions { CacheRoot = args[1] }, SilentFetchProgress.Instance);
            Console.WriteLine(fetcher.Fetch(file));
            return 0;
        }
        if (args.Length is < 1 or > 2 || !Directory.Exists(args[0]))
        {
            Console.Error.WriteLine("usage: DataServer FOLDER [URL_FILE]   (FOLDER must exist)");
            return 2;
        }
        using var server = new LoopbackServer(args[0]);
        Console.WriteLine($"serving {Path.GetFullPath(args[0])} at {server.BaseUrl}");
        if (args.Length == 2)
        {
            string temp = args[1] + ".tmp";
            File.WriteAllText(temp, server.BaseUrl);
            File.Move(temp, args[1], overwrite: true);
        }
        using var stopped = new ManualResetEventSlim();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.Set();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.Set(); };
        stopped.Wait();
        return 0;
    }
}
