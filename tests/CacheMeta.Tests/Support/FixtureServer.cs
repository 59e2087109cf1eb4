using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace CacheMeta.Tests.Support;

/// <summary>How the server answers one path.</summary>
internal sealed class FixtureResource
{
    public FixtureResource(byte[] body, string? etag = null)
    {
        Body = body;
        ETag = etag;
    }

    public byte[] Body { get; set; }

    /// <summary>Sent as ETag; an If-None-Match equal to it gets 304.</summary>
    public string? ETag { get; set; }

    /// <summary>Statuses to answer first, one per request (e.g. 500 then the body).</summary>
    public Queue<int> Statuses { get; } = new();

    /// <summary>Declare the full length, send this many bytes, then drop the connection.</summary>
    public int? TruncateAfter { get; set; }

    /// <summary>Wait this long before answering.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Sent as Last-Modified when set.</summary>
    public DateTimeOffset? LastModified { get; set; }
}

/// <summary>
/// A real HTTP server on 127.0.0.1 (HttpListener, a free port) serving fixture mirrors from memory, with
/// faults on demand and a log of every request, so tests can count what a client fetched.
/// </summary>
internal sealed class FixtureServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, FixtureResource> _resources = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Path, int Status)> _log = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FixtureServer()
    {
        int port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public string BaseUrl { get; }

    /// <summary>Every request so far: path and the status answered.</summary>
    public IReadOnlyList<(string Path, int Status)> Requests => _log.ToArray();

    /// <summary>Bytes of bodies sent so far.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    private long _bytesSent;

    public string Url(string path) => BaseUrl + path.TrimStart('/');

    public FixtureResource Serve(string path, byte[] body, string? etag = null)
    {
        var resource = new FixtureResource(body, etag);
        _resources["/" + path.TrimStart('/')] = resource;
        return resource;
    }

    public FixtureResource Resource(string path) => _resources["/" + path.TrimStart('/')];

    public void Remove(string path) => _resources.TryRemove("/" + path.TrimStart('/'), out _);

    public int Count(string pathSuffix) => Requests.Count(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal));

    public void ClearLog()
    {
        while (_log.TryDequeue(out _))
        {
        }

        Interlocked.Exchange(ref _bytesSent, 0);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        string path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        try
        {
            if (!_resources.TryGetValue(path, out var resource))
            {
                Log(context.Request.HttpMethod == "HEAD" ? "HEAD " + path : path, 404);
                response.StatusCode = 404;
                response.Close();
                return;
            }

            if (resource.Delay > TimeSpan.Zero)
            {
                await Task.Delay(resource.Delay, _stop.Token);
            }

            int status;
            lock (resource)
            {
                status = resource.Statuses.Count > 0 ? resource.Statuses.Dequeue() : 200;
            }

            string? etag = resource.ETag;
            if (status == 200 && etag is not null && context.Request.Headers["If-None-Match"] == etag)
            {
                status = 304;
            }

            Log(context.Request.HttpMethod == "HEAD" ? "HEAD " + path : path, status);
            response.StatusCode = status;
            if (etag is not null)
            {
                response.Headers["ETag"] = etag;
            }

            if (resource.LastModified is { } modified)
            {
                response.Headers["Last-Modified"] = modified.ToString("R");
            }

            if (status != 200)
            {
                response.Close();
                return;
            }

            byte[] body = resource.Body;
            response.ContentLength64 = body.Length;
            if (context.Request.HttpMethod == "HEAD")
            {
                response.Close(); // the length and headers, no body
                return;
            }

            int count = resource.TruncateAfter is int cut ? Math.Min(cut, body.Length) : body.Length;
            await response.OutputStream.WriteAsync(body.AsMemory(0, count));
            Interlocked.Add(ref _bytesSent, count);
            if (resource.TruncateAfter is not null)
            {
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            }

            response.Close();
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (HttpListenerException)
        {
            // the client went away (a timeout test): nothing to answer
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Log(string path, int status) => _log.Enqueue((path, status));

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
