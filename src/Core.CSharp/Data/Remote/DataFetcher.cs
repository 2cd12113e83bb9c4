using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Functional.Core.Data.Remote;

/// <summary>Fetches registered files from their public origins into a cache, as Keras, torchvision and scikit-learn
/// do: a file is used only once its size and pinned hash match. A download goes to a temporary file in the cache
/// folder and is renamed over the target only after it verifies, so a reader never sees a torn file and two processes
/// fetching the same file both end with a good one. Transient failures (connection errors, HTTP 5xx/408/429, stalls,
/// truncated bodies) are retried with a doubling backoff; a 4xx or a hash mismatch moves to the next URL.</summary>
public sealed class DataFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly IFetchProgress _progress;

    /// <summary>A fetcher with <paramref name="options"/> that reports to <paramref name="progress"/>.</summary>
    public DataFetcher(FetchOptions options, IFetchProgress progress)
        : this(options, progress, new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 10 }) { }

    /// <summary>A fetcher whose requests go through <paramref name="handler"/> (which it disposes).</summary>
    public DataFetcher(FetchOptions options, IFetchProgress progress, HttpMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(handler);
        if (options.Attempts < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.Attempts, "DataFetcher: expected Attempts ≥ 1");
        if (options.StallTimeout <= TimeSpan.Zero || options.Backoff < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "DataFetcher: expected StallTimeout > 0 and Backoff ≥ 0");
        Options = options with { Mirror = options.Mirror is null ? null : FetchOptions.CheckedMirror(options.Mirror, "FetchOptions.Mirror") };
        _progress = progress;
        // The stall timeout bounds each wait instead; a whole-request timeout would cut slow, steady downloads.
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Functional-data-fetcher/0.1");
    }

    /// <summary>The options this fetcher follows.</summary>
    public FetchOptions Options { get; }

    /// <summary>Where <paramref name="file"/> lives in the cache: <c>CacheRoot/dataset/file</c>.</summary>
    public string CachePath(RemoteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Path.Combine(Options.CacheRoot, file.Dataset, file.Name);
    }

    /// <summary>The cached copy of <paramref name="file"/> when it matches its pins; null otherwise (never touches the
    /// network).</summary>
    public string? TryCached(RemoteFile file) =>
        File.Exists(CachePath(file)) && file.Mismatch(CachePath(file)) is null ? CachePath(file) : null;

    /// <summary>The path of a verified copy of <paramref name="file"/>: the cached one, or one fetched now.</summary>
    /// <exception cref="DataUnavailableException">Offline with no good copy cached, or every URL failed.</exception>
    public string Fetch(RemoteFile file) => FetchAsync(file, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The path of a verified copy of <paramref name="file"/>: the cached one, or one fetched now.</summary>
    /// <exception cref="DataUnavailableException">Offline with no good copy cached, or every URL failed.</exception>
    public async Task<string> FetchAsync(RemoteFile file, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(file);
        string target = CachePath(file);
        string? staleReason = null;
        if (File.Exists(target))
        {
            staleReason = file.Mismatch(target);
            if (staleReason is null)
            {
                _progress.Finished(file, target, downloaded: false);
                return target;
            }
            _progress.Note(file, $"the cached copy {target} no longer matches its pins ({staleReason}); fetching it again");
        }
        if (Options.Offline)
            throw new DataUnavailableException(file, target,
                "offline (FUNCTIONAL_OFFLINE=1) and " + (staleReason is null
                    ? "not in the cache"
                    : $"the cached copy does not match its pins ({staleReason})"), []);

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var urls = Options.Mirror is null ? file.Urls : [FetchOptions.MirrorUrl(Options.Mirror, file)];
        var attempts = new List<FetchAttempt>();
        foreach (string url in urls)
        {
            var (done, attempt) = await FromUrl(file, url, target, cancellation);
            if (done)
            {
                _progress.Finished(file, target, downloaded: true);
                return target;
            }
            attempts.Add(attempt);
            _progress.Note(file, $"{url} → {attempt.Outcome}");
        }
        string reason = urls.Count == 0 ? "no URL is registered" : Options.Mirror is null
            ? $"every URL failed ({urls.Count})" : "the mirror (FUNCTIONAL_DATA_MIRROR) failed";
        throw new DataUnavailableException(file, target, reason, attempts);
    }

    /// <summary>Fetches each of <paramref name="files"/> in turn (see <see cref="Fetch"/>).</summary>
    public IReadOnlyList<string> FetchAll(IEnumerable<RemoteFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var paths = new List<string>();
        foreach (var file in files)
            paths.Add(Fetch(file));
        return paths;
    }

    /// <summary>Tries one URL until it succeeds, fails for good, or runs out of tries.</summary>
    private async Task<(bool Done, FetchAttempt Attempt)> FromUrl(
        RemoteFile file, string url, string target, CancellationToken cancellation)
    {
        string outcome = "";
        for (int tries = 1; tries <= Options.Attempts; tries++)
        {
            if (tries > 1)
                await Task.Delay(Options.Backoff * Math.Pow(2, tries - 2), cancellation);
            _progress.Started(file, url, tries);
            var (result, message) = await Download(file, url, target, cancellation);
            if (result == Result.Verified)
                return (true, new FetchAttempt(url, "ok", tries));
            outcome = message;
            if (result == Result.Permanent)
                return (false, new FetchAttempt(url, outcome, tries));
            if (tries < Options.Attempts)
                _progress.Note(file, $"{url} → {outcome}; trying again");
        }
        return (false, new FetchAttempt(url, outcome, Options.Attempts));
    }

    private enum Result { Verified, Transient, Permanent }

    /// <summary>One download of <paramref name="url"/> into a temporary file, verified, then renamed over
    /// <paramref name="target"/>; the temporary file never outlives the call.</summary>
    private async Task<(Result, string)> Download(RemoteFile file, string url, string target, CancellationToken cancellation)
    {
        string temp = Path.Combine(Path.GetDirectoryName(target)!, $".{file.Name}.{Guid.NewGuid():N}.part");
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        long received = 0;
        try
        {
            stall.CancelAfter(Options.StallTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stall.Token);
            if (!response.IsSuccessStatusCode)
                return (IsTransient(response.StatusCode) ? Result.Transient : Result.Permanent,
                    $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            if (response.Content.Headers.ContentLength is long announced && announced != file.Size)
                return (Result.Permanent, $"the server announced {announced:N0} bytes, expected {file.Size:N0}");

            using var hash = file.NewHash();
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await using var body = await response.Content.ReadAsStreamAsync(stall.Token);
                var buffer = new byte[1 << 16];
                while (true)
                {
                    stall.CancelAfter(Options.StallTimeout);
                    int read = await body.ReadAsync(buffer, stall.Token);
                    if (read == 0)
                        break;
                    received += read;
                    if (received > file.Size)
                        return (Result.Permanent, $"more than the expected {file.Size:N0} bytes arrived");
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellation);
                    _progress.Received(file, received);
                }
                output.Flush(flushToDisk: true);
            }
            if (received < file.Size)
                return (Result.Transient, $"truncated: {received:N0} of {file.Size:N0} bytes");
            string digest = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (digest != file.PinnedDigest)
                return (Result.Permanent,
                    $"{(file.Sha256 is not null ? "SHA-256" : "MD5")} {digest}, expected {file.PinnedDigest}; not cached");
            // rename(2) replaces the target atomically: readers see the old file or the new one, never a mix.
            File.Move(temp, target, overwrite: true);
            return (Result.Verified, "ok");
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return (Result.Transient, received == 0
                ? $"timed out: no answer for {Options.StallTimeout.TotalSeconds:0.#} s"
                : $"stalled: no data for {Options.StallTimeout.TotalSeconds:0.#} s after {received:N0} bytes");
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            // A name that does not resolve rarely does a second later: move on to the next URL.
            return (Result.Permanent, $"host not found: {e.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (Result.Transient, received == 0
                ? $"connection failed: {e.Message}"
                : $"truncated: the connection broke after {received:N0} of {file.Size:N0} bytes ({e.Message})");
        }
        finally
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // A leftover .part file is harmless: it is never read, and the next fetch uses a new name.
            }
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();
}
