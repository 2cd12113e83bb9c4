using System;
using System.IO;
using System.Linq;
using Functional.Core.Data.Remote;
using Functional.Tests.DataServer;

namespace Functional.Core.Tests.Data.Remote;

public class DataFetcherTests : IDisposable
{
    private readonly FetchFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_file_is_fetched_into_cache_dataset_file_verified_and_with_no_temporary_file_left()
    {
        using var fetcher = _f.Fetcher();

        string path = fetcher.Fetch(_f.File);

        Assert.Equal(_f.CachedPath, path);
        Assert.Equal(_f.Content, File.ReadAllBytes(path));
        Assert.Empty(_f.Leftovers());
        Assert.Equal([true], _f.Progress.Finishes);
        Assert.Equal(_f.Content.Length, _f.Progress.LastReceived);
    }

    [Fact]
    public void A_cached_file_that_matches_its_pins_is_used_without_a_request()
    {
        using var fetcher = _f.Fetcher();
        fetcher.Fetch(_f.File);

        fetcher.Fetch(_f.File);

        Assert.Equal(1, _f.Server.CountOf(_f.ServedPath));
        Assert.Equal([true, false], _f.Progress.Finishes);
    }

    [Fact]
    public void A_corrupted_cache_entry_is_fetched_again_and_the_event_is_said()
    {
        using var fetcher = _f.Fetcher();
        fetcher.Fetch(_f.File);
        var bytes = File.ReadAllBytes(_f.CachedPath);
        bytes[17] ^= 0xFF;
        File.WriteAllBytes(_f.CachedPath, bytes);

        fetcher.Fetch(_f.File);

        Assert.Equal(_f.Content, File.ReadAllBytes(_f.CachedPath));
        Assert.Equal(2, _f.Server.CountOf(_f.ServedPath));
        Assert.Contains(_f.Progress.Notes, n => n.Contains("no longer matches its pins") && n.Contains("SHA-256"));
    }

    [Fact]
    public void Offline_with_nothing_cached_names_the_file_and_where_to_put_it_and_sends_nothing()
    {
        using var fetcher = _f.Fetcher(offline: true);

        var e = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch(_f.File));

        Assert.Contains("fetch demo/numbers.bin: offline (FUNCTIONAL_OFFLINE=1) and not in the cache", e.Message);
        Assert.Contains($"Put the file by hand at {_f.CachedPath}", e.Message);
        Assert.Contains("FUNCTIONAL_DATA_MIRROR", e.Message);
        Assert.Empty(_f.Server.Requests);
        Assert.Empty(e.Attempts);
    }

    [Fact]
    public void Offline_with_a_good_cached_copy_returns_it()
    {
        using (var online = _f.Fetcher())
            online.Fetch(_f.File);
        using var fetcher = _f.Fetcher(offline: true);

        Assert.Equal(_f.CachedPath, fetcher.Fetch(_f.File));
        Assert.Equal(1, _f.Server.CountOf(_f.ServedPath));
    }

    [Fact]
    public void A_404_on_the_first_url_moves_to_the_second_without_retrying()
    {
        var file = _f.FileAt(_f.Server.BaseUrl + "gone/numbers.bin", _f.Server.BaseUrl + "demo/numbers.bin");
        using var fetcher = _f.Fetcher();

        fetcher.Fetch(file);

        Assert.Equal(1, _f.Server.CountOf("/gone/numbers.bin"));
        Assert.Equal(_f.Content, File.ReadAllBytes(_f.CachedPath));
        Assert.Contains(_f.Progress.Notes, n => n.Contains("gone/numbers.bin → HTTP 404 Not Found"));
    }

    [Fact]
    public void Two_server_errors_then_success_is_retried_with_backoff()
    {
        _f.Server.Script = (_, before) => before < 2 ? new Reply.Status(500) : null;
        using var fetcher = _f.Fetcher();

        fetcher.Fetch(_f.File);

        Assert.Equal(3, _f.Server.CountOf(_f.ServedPath));
        Assert.Equal([1, 2, 3], _f.Progress.Starts.Select(s => s.Attempt));
        Assert.Equal(_f.Content, File.ReadAllBytes(_f.CachedPath));
    }

    [Fact]
    public void When_every_url_fails_the_error_lists_each_url_with_its_outcome_and_tries()
    {
        _f.Server.Script = (path, _) => path.StartsWith("/a/") ? new Reply.Status(503) : new Reply.Status(403);
        var file = _f.FileAt(_f.Server.BaseUrl + "a/numbers.bin", _f.Server.BaseUrl + "b/numbers.bin");
        using var fetcher = _f.Fetcher();

        var e = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch(file));

        Assert.Contains("fetch demo/numbers.bin: every URL failed (2)", e.Message);
        Assert.Contains($"{_f.Server.BaseUrl}a/numbers.bin → HTTP 503 Service Unavailable (3 tries)", e.Message);
        Assert.Contains($"{_f.Server.BaseUrl}b/numbers.bin → HTTP 403 Status", e.Message);
        Assert.Equal(3, _f.Server.CountOf("/a/numbers.bin"));
        Assert.Equal(1, _f.Server.CountOf("/b/numbers.bin"));
        Assert.False(File.Exists(_f.CachedPath));
        Assert.Empty(_f.Leftovers());
    }

    [Fact]
    public void A_truncated_body_is_retried_and_never_cached()
    {
        _f.Server.Script = (_, before) => before == 0 ? new Reply.Truncated(1000) : null;
        using var fetcher = _f.Fetcher();

        fetcher.Fetch(_f.File);

        Assert.Equal(2, _f.Server.CountOf(_f.ServedPath));
        Assert.Contains(_f.Progress.Notes, n => n.Contains("truncated") && n.Contains("trying again"));
        Assert.Equal(_f.Content, File.ReadAllBytes(_f.CachedPath));
    }

    [Fact]
    public void A_body_always_truncated_fails_naming_truncation_and_leaves_nothing_behind()
    {
        _f.Server.Script = (_, _) => new Reply.Body(_f.Content[..1000], null);
        using var fetcher = _f.Fetcher();

        var e = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch(_f.File));

        Assert.Contains("truncated: 1,000 of 5,000 bytes (3 tries)", e.Message);
        Assert.False(File.Exists(_f.CachedPath));
        Assert.Empty(_f.Leftovers());
    }

    [Fact]
    public void Wrong_bytes_fail_the_hash_are_not_cached_and_the_next_url_is_tried()
    {
        var wrong = (byte[])_f.Content.Clone();
        wrong[^1] ^= 1;
        _f.Server.Script = (path, _) => path.StartsWith("/bad/") ? new Reply.Body(wrong, wrong.Length) : null;
        var file = _f.FileAt(_f.Server.BaseUrl + "bad/numbers.bin", _f.Server.BaseUrl + "demo/numbers.bin");
        using var fetcher = _f.Fetcher();

        fetcher.Fetch(file);

        Assert.Equal(1, _f.Server.CountOf("/bad/numbers.bin"));
        Assert.Contains(_f.Progress.Notes, n => n.Contains("bad/numbers.bin → SHA-256 ") && n.Contains("not cached"));
        Assert.Equal(_f.Content, File.ReadAllBytes(_f.CachedPath));
    }

    [Fact]
    public void Wrong_bytes_everywhere_leave_the_cache_empty()
    {
        var wrong = new byte[_f.Content.Length];
        _f.Server.Script = (_, _) => new Reply.Body(wrong, wrong.Length);
        using var fetcher = _f.Fetcher();

        var e = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch(_f.File));

        Assert.Contains($"expected {_f.File.Sha256}; not cached", e.Message);
        Assert.False(File.Exists(_f.CachedPath));
        Assert.Empty(_f.Leftovers());
    }

    [Fact]
    public void A_server_announcing_another_size_is_refused_without_reading_it()
    {
        _f.Server.Script = (_, _) => new Reply.Body(new byte[10], 10);
        using var fetcher = _f.Fetcher();

        var e = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch(_f.File));

        Assert.Contains("the server announced 10 bytes, expected 5,000", e.Message);
        Assert.Equal(1, _f.Server.CountOf(_f.ServedPath));
    }

    [Fact]
    public void A_server_that_stalls_times_out_with_a_named_error()
    {
        _f.Server.Script = (_, _) => new Reply.Stall(TimeSpan.FromSeconds(5));
        var oneSecond = _f.Options() with { Attempts = 2, StallTimeout = TimeSpan.FromSeconds(1) };
        using var fetcher = new DataFetcher(oneSecond, _f.Progress);

        var e = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch(_f.File));

        Assert.Contains("timed out: no answer for 1 s (2 tries)", e.Message);
        Assert.False(File.Exists(_f.CachedPath));
    }

    [Fact]
    public void A_slow_but_steady_server_is_not_a_stall()
    {
        // Five chunks 300 ms apart take longer than the 1 s stall timeout, which bounds each wait, not the whole.
        _f.Server.Script = (_, _) => new Reply.Slow(1000, TimeSpan.FromMilliseconds(300));
        using var fetcher = new DataFetcher(_f.Options() with { StallTimeout = TimeSpan.FromSeconds(1) }, _f.Progress);

        fetcher.Fetch(_f.File);

        Assert.Equal(_f.Content, File.ReadAllBytes(_f.CachedPath));
        Assert.Equal(1, _f.Server.CountOf(_f.ServedPath));
    }

    [Fact]
    public void A_redirect_is_followed_as_the_github_hosts_redirect()
    {
        _f.Server.Script = (path, _) => path == "/moved/numbers.bin" ? new Reply.Redirect("/demo/numbers.bin") : null;
        using var fetcher = _f.Fetcher();

        fetcher.Fetch(_f.FileAt(_f.Server.BaseUrl + "moved/numbers.bin"));

        Assert.Equal(_f.Content, File.ReadAllBytes(_f.CachedPath));
        Assert.Equal(["/moved/numbers.bin", "/demo/numbers.bin"], _f.Server.Requests);
    }

    [Fact]
    public void A_mirror_replaces_the_origins_with_base_dataset_file()
    {
        var file = _f.FileAt("http://192.0.2.1/never-asked/numbers.bin");
        using var fetcher = _f.Fetcher(mirror: _f.Server.BaseUrl.TrimEnd('/'));

        fetcher.Fetch(file);

        Assert.Equal([_f.ServedPath], _f.Server.Requests);
        Assert.Equal(_f.Content, File.ReadAllBytes(_f.CachedPath));
    }

    [Fact]
    public void A_mirror_that_lacks_the_file_says_so()
    {
        var file = new RemoteFile("demo", "absent.bin", ["http://192.0.2.1/x"], 3, new string('0', 64), null);
        using var fetcher = _f.Fetcher(mirror: _f.Server.BaseUrl);

        var e = Assert.Throws<DataUnavailableException>(() => fetcher.Fetch(file));

        Assert.Contains("fetch demo/absent.bin: the mirror (FUNCTIONAL_DATA_MIRROR) failed", e.Message);
        Assert.Contains($"{_f.Server.BaseUrl}demo/absent.bin → HTTP 404 Not Found", e.Message);
    }

    [Fact]
    public void Eight_fetchers_at_once_all_end_with_the_good_file()
    {
        _f.Server.Script = (_, _) => new Reply.Slow(500, TimeSpan.FromMilliseconds(5));

        var paths = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8).Select(_ =>
        {
            using var fetcher = _f.Fetcher();
            return fetcher.Fetch(_f.File);
        }).ToArray();

        Assert.All(paths, p => Assert.Equal(_f.CachedPath, p));
        Assert.Equal(_f.Content, File.ReadAllBytes(_f.CachedPath));
        Assert.Empty(_f.Leftovers());
    }
}

public class HostNotFoundTests
{
    /// <summary>Answers every request as a resolver that does not know the host would.</summary>
    private sealed class UnknownHosts : System.Net.Http.HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override System.Threading.Tasks.Task<System.Net.Http.HttpResponseMessage> SendAsync(
            System.Net.Http.HttpRequestMessage request, System.Threading.CancellationToken cancellationToken)
        {
            Requests++;
            throw new System.Net.Http.HttpRequestException(
                System.Net.Http.HttpRequestError.NameResolutionError, $"Name or service not known ({request.RequestUri!.Host})");
        }
    }

    [Fact]
    public void A_host_that_does_not_resolve_is_not_retried_and_the_next_url_is_tried()
    {
        using var f = new FetchFixture();
        var handler = new UnknownHosts();
        using var fetcher = new DataFetcher(f.Options(), f.Progress, handler);

        var e = Assert.Throws<DataUnavailableException>(() =>
            fetcher.Fetch(f.FileAt("https://first.example/x", "https://second.example/x")));

        Assert.Equal(2, handler.Requests);
        Assert.Contains("https://first.example/x → host not found: Name or service not known (first.example)", e.Message);
        Assert.Contains("https://second.example/x → host not found", e.Message);
    }
}
