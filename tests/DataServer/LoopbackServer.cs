using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Functional.Tests.DataServer;

/// <summary>A small HTTP/1.1 server on 127.0.0.1 (a free port) that serves a folder in the <c>dataset/file</c>
/// layout, one request per connection, with a hook that replaces any reply by a fault. Tests use it so that no test
/// reaches the internet.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly string _root;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();
    private readonly Task _loop;

    /// <summary>Starts serving <paramref name="root"/>.</summary>
    public LoopbackServer(string root)
    {
        _root = Path.GetFullPath(root);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";
        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>The server's base URL, ending in a slash.</summary>
    public string BaseUrl { get; }

    /// <summary>Decides the reply to a request from its path (e.g. <c>/mnist/t10k-labels-idx1-ubyte.gz</c>) and how
    /// many requests for that path came before it; null serves the file.</summary>
    public Func<string, int, Reply?>? Script { get; set; }

    /// <summary>Every path requested so far, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>How many requests asked for <paramref name="path"/>.</summary>
    public int CountOf(string path) => _counts.TryGetValue(path, out int n) ? n : 0;

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                string? path = await ReadRequestPath(stream);
                if (path is null)
                    return;
                int before = _counts.AddOrUpdate(path, 1, (_, n) => n + 1) - 1;
                Requests.Enqueue(path);
                var reply = Script?.Invoke(path, before) ?? new Reply.ServeFile();
                await Send(stream, path, reply);
            }
            catch (IOException)
            {
                // The client went away (a fetcher that gave up on a stall): nothing to do.
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    /// <summary>The request line's path (URL-decoded), after reading the headers; null for a malformed request.</summary>
    private static async Task<string?> ReadRequestPath(NetworkStream stream)
    {
        var header = new List<byte>();
        var one = new byte[1];
        while (header.Count < 16384)
        {
            if (await stream.ReadAsync(one) == 0)
                return null;
            header.Add(one[0]);
            int n = header.Count;
            if (n >= 4 && header[n - 4] == '\r' && header[n - 3] == '\n' && header[n - 2] == '\r' && header[n - 1] == '\n')
                break;
        }
        string firstLine = Encoding.ASCII.GetString(header.ToArray()).Split("\r\n")[0];
        string[] parts = firstLine.Split(' ');
        return parts.Length == 3 && parts[0] == "GET" ? Uri.UnescapeDataString(parts[1]) : null;
    }

    private async Task Send(NetworkStream stream, string path, Reply reply)
    {
        string file = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
        bool exists = file.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(file);
        switch (reply)
        {
            case Reply.Status s:
                await Head(stream, s.Code, 0);
                break;
            case Reply.Redirect r:
                await Head(stream, 302, 0, $"Location: {r.Location}\r\n");
                break;
            case Reply.Body b:
                await Head(stream, 200, b.AnnouncedLength);
                await stream.WriteAsync(b.Content);
                break;
            case Reply.ServeFile or Reply.Truncated or Reply.Stall or Reply.Slow when !exists:
                await Head(stream, 404, 0);
                break;
            case Reply.ServeFile:
                byte[] content = await File.ReadAllBytesAsync(file);
                await Head(stream, 200, content.Length);
                await stream.WriteAsync(content);
                break;
            case Reply.Truncated t:
                byte[] whole = await File.ReadAllBytesAsync(file);
                await Head(stream, 200, whole.Length);
                await stream.WriteAsync(whole.AsMemory(0, Math.Min(t.Bytes, whole.Length)));
                break;
            case Reply.Stall st:
                await Head(stream, 200, new FileInfo(file).Length);
                await Task.Delay(st.Duration, _stop.Token).ContinueWith(_ => { });
                break;
            case Reply.Slow sl:
                byte[] all = await File.ReadAllBytesAsync(file);
                await Head(stream, 200, all.Length);
                for (int at = 0; at < all.Length; at += sl.ChunkBytes)
                {
                    await stream.WriteAsync(all.AsMemory(at, Math.Min(sl.ChunkBytes, all.Length - at)));
                    await stream.FlushAsync();
                    await Task.Delay(sl.Pause);
                }
                break;
        }
        await stream.FlushAsync();
    }

    private static async Task Head(NetworkStream stream, int code, long? length, string extra = "")
    {
        string reason = code switch
        {
            200 => "OK",
            302 => "Found",
            404 => "Not Found",
            500 => "Internal Server Error",
            503 => "Service Unavailable",
            _ => "Status",
        };
        string lengthHeader = length is long n ? $"Content-Length: {n}\r\n" : "";
        byte[] head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {code} {reason}\r\n{lengthHeader}{extra}Connection: close\r\n\r\n");
        await stream.WriteAsync(head);
    }

    /// <summary>Stops listening; connections in flight end on their own.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}
