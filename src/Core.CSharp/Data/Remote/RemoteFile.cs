using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;

namespace Functional.Core.Data.Remote;

/// <summary>A file a lecture or loader needs that the project may not ship: where it comes from and the pins that
/// prove a copy is the right one. MNIST's IDX files are pinned by MD5 and size, as torchvision pins them; everything
/// else by SHA-256 and size.</summary>
public sealed class RemoteFile
{
    /// <summary>Describes a file; exactly one of <paramref name="sha256"/> and <paramref name="md5"/> is given.</summary>
    /// <param name="dataset">The dataset, also the cache sub-folder (e.g. <c>coursera-ml-ex6</c>).</param>
    /// <param name="name">The file name inside the dataset (e.g. <c>spamTrain.mat</c>).</param>
    /// <param name="urls">The public origins, tried in order.</param>
    /// <param name="size">The size in bytes.</param>
    /// <param name="sha256">The SHA-256 of the content as lower-case hex, or null when pinned by MD5.</param>
    /// <param name="md5">The MD5 of the content as lower-case hex, or null when pinned by SHA-256.</param>
    /// <exception cref="ArgumentException">A name holds a path separator, the size is negative, or the pins are not
    /// exactly one hex digest of the right length.</exception>
    public RemoteFile(string dataset, string name, IReadOnlyList<string> urls, long size, string? sha256, string? md5)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataset);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(urls);
        if (name.IndexOfAny(['/', '\\']) >= 0 || dataset.IndexOfAny(['/', '\\']) >= 0 || name.StartsWith('.'))
            throw new ArgumentException(
                $"RemoteFile: expected a dataset and file name without path separators or a leading dot, received '{dataset}', '{name}'");
        if (size < 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "RemoteFile: expected a size ≥ 0");
        if ((sha256 is null) == (md5 is null))
            throw new ArgumentException(
                $"RemoteFile {dataset}/{name}: expected exactly one pin (SHA-256 or MD5), received "
                + (sha256 is null ? "none" : "both"));
        int length = sha256 is not null ? 64 : 32;
        string pin = (sha256 ?? md5)!;
        if (pin.Length != length || !IsLowerHex(pin))
            throw new ArgumentException(
                $"RemoteFile {dataset}/{name}: expected the pin as {length} lower-case hex digits, received '{pin}'");
        Dataset = dataset;
        Name = name;
        Urls = [.. urls];
        Size = size;
        Sha256 = sha256;
        Md5 = md5;
    }

    /// <summary>The dataset, also the cache sub-folder (e.g. <c>coursera-ml-ex6</c>).</summary>
    public string Dataset { get; }

    /// <summary>The file name inside the dataset (e.g. <c>spamTrain.mat</c>).</summary>
    public string Name { get; }

    /// <summary>The public origins, tried in order.</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>The size in bytes.</summary>
    public long Size { get; }

    /// <summary>The SHA-256 of the content (lower-case hex), or null when the file is pinned by MD5.</summary>
    public string? Sha256 { get; }

    /// <summary>The MD5 of the content (lower-case hex), or null when the file is pinned by SHA-256.</summary>
    public string? Md5 { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Key} ({Size:N0} bytes, {PinDescription})";

    /// <summary><c>dataset/name</c>, as the cache and a mirror lay files out.</summary>
    public string Key => Dataset + "/" + Name;

    /// <summary>The pin a copy must match, e.g. <c>SHA-256 13fad789…</c>.</summary>
    public string PinDescription => Sha256 is not null ? "SHA-256 " + Sha256 : "MD5 " + Md5;

    /// <summary>A hasher of the pinned kind: SHA-256 when pinned so, MD5 otherwise.</summary>
    internal IncrementalHash NewHash() =>
        IncrementalHash.CreateHash(Sha256 is not null ? HashAlgorithmName.SHA256 : HashAlgorithmName.MD5);

    /// <summary>The pinned digest (lower-case hex).</summary>
    internal string PinnedDigest => (Sha256 ?? Md5)!;

    /// <summary>Why the file at <paramref name="path"/> is not this file (its size or digest differs), or null
    /// when it matches the pins.</summary>
    public string? Mismatch(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            return $"{path} does not exist";
        if (info.Length != Size)
            return $"size {info.Length:N0} bytes, expected {Size:N0}";
        using var hash = NewHash();
        using (var stream = info.OpenRead())
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                hash.AppendData(buffer, 0, read);
        }
        string digest = Convert.ToHexStringLower(hash.GetHashAndReset());
        return digest == PinnedDigest ? null : $"{(Sha256 is not null ? "SHA-256" : "MD5")} {digest}, expected {PinnedDigest}";
    }

    private static bool IsLowerHex(string s)
    {
        foreach (char c in s)
            if (!(c is >= '0' and <= '9' or >= 'a' and <= 'f'))
                return false;
        return true;
    }
}
