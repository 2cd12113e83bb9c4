using System;
using System.IO;

namespace Functional.Core.Data.Remote;

/// <summary>Where fetched files are cached and how they are fetched. <see cref="FromEnvironment"/> reads the
/// variables every tool of the project honours: <c>FUNCTIONAL_DATA</c> (the cache folder),
/// <c>FUNCTIONAL_OFFLINE=1</c> (never touch the network) and <c>FUNCTIONAL_DATA_MIRROR</c> (a base URL serving
/// <c>dataset/file</c> instead of the origins).</summary>
public sealed record FetchOptions
{
    /// <summary>The cache folder; files live in <c>CacheRoot/dataset/file</c>.</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Never touch the network: a file not in the cache is an error naming where to put it.</summary>
    public bool Offline { get; init; }

    /// <summary>A base URL to fetch <c>Mirror/dataset/file</c> from instead of each file's origins, or null.</summary>
    public string? Mirror { get; init; }

    /// <summary>Tries per URL for transient failures (connection errors, HTTP 5xx/408/429, stalls, truncation).</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>The wait before the second try; it doubles for each further try.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A download that receives nothing for this long is abandoned (and retried).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The default cache folder: <c>$FUNCTIONAL_DATA</c> if set, else <c>$XDG_CACHE_HOME/functional</c>,
    /// else <c>~/.cache/functional</c>.</summary>
    public static string DefaultCacheRoot()
    {
        string? configured = Environment.GetEnvironmentVariable("FUNCTIONAL_DATA");
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured);
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg))
            return Path.Combine(Path.GetFullPath(xdg), "functional");
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".cache", "functional");
    }

    /// <summary>The options the environment asks for: the default cache folder, <c>FUNCTIONAL_OFFLINE</c> (1 or
    /// true) and <c>FUNCTIONAL_DATA_MIRROR</c>.</summary>
    /// <exception cref="ArgumentException">FUNCTIONAL_DATA_MIRROR is not an absolute http(s) URL, or
    /// FUNCTIONAL_OFFLINE is neither 0/1 nor true/false.</exception>
    public static FetchOptions FromEnvironment()
    {
        string? offline = Environment.GetEnvironmentVariable("FUNCTIONAL_OFFLINE");
        bool isOffline = offline?.Trim().ToLowerInvariant() switch
        {
            null or "" or "0" or "false" => false,
            "1" or "true" => true,
            _ => throw new ArgumentException(
                $"FUNCTIONAL_OFFLINE: expected 1 or 0 (true or false), received '{offline}'"),
        };
        string? mirror = Environment.GetEnvironmentVariable("FUNCTIONAL_DATA_MIRROR");
        return new FetchOptions
        {
            CacheRoot = DefaultCacheRoot(),
            Offline = isOffline,
            Mirror = string.IsNullOrWhiteSpace(mirror) ? null : CheckedMirror(mirror, "FUNCTIONAL_DATA_MIRROR"),
        };
    }

    /// <summary>The URL a mirror serves <paramref name="file"/> at: <c>mirror/dataset/file</c>.</summary>
    public static string MirrorUrl(string mirror, RemoteFile file)
    {
        ArgumentNullException.ThrowIfNull(mirror);
        ArgumentNullException.ThrowIfNull(file);
        return mirror.TrimEnd('/') + "/" + Uri.EscapeDataString(file.Dataset) + "/" + Uri.EscapeDataString(file.Name);
    }

    internal static string CheckedMirror(string mirror, string what)
    {
        if (!Uri.TryCreate(mirror.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new ArgumentException($"{what}: expected an absolute http(s) base URL, received '{mirror}'");
        return uri.ToString();
    }
}
