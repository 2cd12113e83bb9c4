using System;

namespace Functional.Tests.DataServer;

/// <summary>What the server sends for one request: the file as it is, or one of the faults the fetcher must survive.</summary>
public abstract record Reply
{
    /// <summary>The requested file from the served folder (404 when absent).</summary>
    public sealed record ServeFile : Reply;

    /// <summary>An empty response with this status code.</summary>
    public sealed record Status(int Code) : Reply;

    /// <summary>These bytes with status 200; <paramref name="AnnouncedLength"/> as Content-Length (more than the
    /// bytes sent makes a truncated body), or no Content-Length when null (the end is the connection's close).</summary>
    public sealed record Body(byte[] Content, long? AnnouncedLength) : Reply;

    /// <summary>The first <paramref name="Bytes"/> bytes of the file, announced at full length, then the connection
    /// closes.</summary>
    public sealed record Truncated(int Bytes) : Reply;

    /// <summary>A 302 redirect to <paramref name="Location"/> (a path on this server or an absolute URL).</summary>
    public sealed record Redirect(string Location) : Reply;

    /// <summary>Headers announcing the file, then nothing for <paramref name="Duration"/>, then the connection closes.</summary>
    public sealed record Stall(TimeSpan Duration) : Reply;

    /// <summary>The file, sent in chunks with <paramref name="Pause"/> between them (a slow but steady server).</summary>
    public sealed record Slow(int ChunkBytes, TimeSpan Pause) : Reply;
}
