namespace Functional.Core.Data.Remote;

/// <summary>What a fetch tells whoever watches it: a progress bar on a terminal, one line per file otherwise.</summary>
public interface IFetchProgress
{
    /// <summary>A download of <paramref name="file"/> from <paramref name="url"/> begins (try
    /// <paramref name="attempt"/>).</summary>
    void Started(RemoteFile file, string url, int attempt);

    /// <summary><paramref name="received"/> of the file's bytes have arrived.</summary>
    void Received(RemoteFile file, long received);

    /// <summary>The file is at <paramref name="path"/>, verified; <paramref name="downloaded"/> is false when the
    /// cache already held it.</summary>
    void Finished(RemoteFile file, string path, bool downloaded);

    /// <summary>Something worth saying that is not a failure of the whole fetch: a try that failed and will be
    /// retried or followed by the next URL, or a cached copy that no longer matches its pins.</summary>
    void Note(RemoteFile file, string message);
}

/// <summary>Tells nobody anything.</summary>
public sealed class SilentFetchProgress : IFetchProgress
{
    /// <summary>The one instance.</summary>
    public static SilentFetchProgress Instance { get; } = new();

    private SilentFetchProgress() { }

    /// <inheritdoc/>
    public void Started(RemoteFile file, string url, int attempt) { }

    /// <inheritdoc/>
    public void Received(RemoteFile file, long received) { }

    /// <inheritdoc/>
    public void Finished(RemoteFile file, string path, bool downloaded) { }

    /// <inheritdoc/>
    public void Note(RemoteFile file, string message) { }
}
