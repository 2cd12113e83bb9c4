using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Functional.Core.Data.Remote;

/// <summary>One URL tried for a file, and how it ended.</summary>
/// <param name="Url">The URL.</param>
/// <param name="Outcome">What happened, e.g. <c>HTTP 404 Not Found</c> or <c>SHA-256 ab12…, expected 13fa…</c>.</param>
/// <param name="Tries">How many times it was tried.</param>
public sealed record FetchAttempt(string Url, string Outcome, int Tries);

/// <summary>A registered file could not be had: not in the cache, and every URL failed (or the network is off
/// limits). The message names the dataset, the file, every URL tried with its outcome, and where to put the file by
/// hand.</summary>
public sealed class DataUnavailableException : IOException
{
    /// <summary>Creates the exception for <paramref name="file"/>, which belongs at <paramref name="cachePath"/>.</summary>
    public DataUnavailableException(RemoteFile file, string cachePath, string reason, IReadOnlyList<FetchAttempt> attempts)
        : base(Describe(file, cachePath, reason, attempts))
    {
        File = file;
        CachePath = cachePath;
        Reason = reason;
        Attempts = attempts;
    }

    /// <summary>The file that could not be had.</summary>
    public RemoteFile File { get; }

    /// <summary>Where the file belongs in the cache (where to put it by hand).</summary>
    public string CachePath { get; }

    /// <summary>Why in a few words: offline, or every URL failed.</summary>
    public string Reason { get; }

    /// <summary>Every URL tried, with its outcome (empty when offline).</summary>
    public IReadOnlyList<FetchAttempt> Attempts { get; }

    private static string Describe(RemoteFile file, string cachePath, string reason, IReadOnlyList<FetchAttempt> attempts)
    {
        var lines = new List<string> { $"fetch {file.Key}: {reason}" };
        lines.AddRange(attempts.Select(a =>
            $"  {a.Url} → {a.Outcome}" + (a.Tries > 1 ? $" ({a.Tries} tries)" : "")));
        lines.Add($"Put the file by hand at {cachePath} ({file.Size:N0} bytes, {file.PinDescription}; it is used once "
            + "it matches), or set FUNCTIONAL_DATA_MIRROR to a base URL that serves "
            + $"{file.Key}. Origins: {string.Join(", ", file.Urls)}");
        return string.Join(Environment.NewLine, lines);
    }
}
