using System;
using System.Collections.Concurrent;
using System.IO;
using System.Security.Cryptography;
using Functional.Core.Data.Remote;
using Functional.Tests.DataServer;

namespace Functional.Core.Tests.Data.Remote;

/// <summary>A served folder with one generated file, an empty cache and a recording progress: what each fetcher
/// test starts from.</summary>
public sealed class FetchFixture : IDisposable
{
    public FetchFixture(int size = 5000)
    {
        Root = Directory.CreateTempSubdirectory("fetch-tests").FullName;
        Served = Path.Combine(Root, "served");
        Cache = Path.Combine(Root, "cache");
        Content = new byte[size];
        new Random(size).NextBytes(Content);
        Directory.CreateDirectory(Path.Combine(Served, "demo"));
        System.IO.File.WriteAllBytes(Path.Combine(Served, "demo", "numbers.bin"), Content);
        Server = new LoopbackServer(Served);
        File = FileAt(Server.BaseUrl + "demo/numbers.bin");
    }

    public string Root { get; }
    public string Served { get; }
    public string Cache { get; }
    public byte[] Content { get; }
    public LoopbackServer Server { get; }
    public RemoteFile File { get; }
    public RecordingProgress Progress { get; } = new();

    /// <summary>The served file, pinned by its SHA-256, registered with these origins.</summary>
    public RemoteFile FileAt(params string[] urls) =>
        new("demo", "numbers.bin", urls, Content.Length, Convert.ToHexStringLower(SHA256.HashData(Content)), null);

    public string ServedPath => "/demo/numbers.bin";

    public string CachedPath => Path.Combine(Cache, "demo", "numbers.bin");

    public FetchOptions Options(bool offline = false, string? mirror = null) => new()
    {
        CacheRoot = Cache,
        Offline = offline,
        Mirror = mirror,
        Backoff = TimeSpan.FromMilliseconds(10),
        // Generous, so a loaded machine never turns a plain test into a stall; the stall tests set their own.
        StallTimeout = TimeSpan.FromSeconds(15),
    };

    public DataFetcher Fetcher(bool offline = false, string? mirror = null) => new(Options(offline, mirror), Progress);

    /// <summary>Files the fetcher left in the dataset folder besides the cached file (temporary .part files).</summary>
    public string[] Leftovers() =>
        Directory.Exists(Path.Combine(Cache, "demo"))
            ? Array.FindAll(Directory.GetFiles(Path.Combine(Cache, "demo")), f => f != CachedPath)
            : [];

    public void Dispose()
    {
        Server.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}

/// <summary>Keeps what a fetch said.</summary>
public sealed class RecordingProgress : IFetchProgress
{
    public ConcurrentQueue<string> Notes { get; } = new();
    public ConcurrentQueue<(string Url, int Attempt)> Starts { get; } = new();
    public ConcurrentQueue<bool> Finishes { get; } = new();
    public long LastReceived { get; private set; }

    public void Started(RemoteFile file, string url, int attempt) => Starts.Enqueue((url, attempt));

    public void Received(RemoteFile file, long received) => LastReceived = received;

    public void Finished(RemoteFile file, string path, bool downloaded) => Finishes.Enqueue(downloaded);

    public void Note(RemoteFile file, string message) => Notes.Enqueue(message);
}
