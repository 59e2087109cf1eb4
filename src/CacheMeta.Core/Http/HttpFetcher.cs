using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using CacheMeta.Sources;
using CacheMeta.Text;

namespace CacheMeta.Http;

/// <summary>
/// GET over HttpClient, done synchronously on the caller's thread so progress and verbose notes reach the
/// cmdlet's streams: a timeout for the headers and one for each pause in the body, a size cap, retries with
/// doubling pauses after 5xx/408/429 answers, timeouts and broken connections (a body shorter than its
/// Content-Length counts as broken), and the caller's cancellation (Ctrl+C) at every wait. A host name that
/// does not resolve fails at once.
/// </summary>
internal sealed partial class HttpFetcher
{
    private const int BufferSize = 1 << 16;
    private static readonly Lazy<HttpClient> Shared = new(() => CreateClient(null));

    private readonly FetchOptions _options;
    private readonly ISourceObserver _observer;
    private readonly HttpClient _client;

    public HttpFetcher(FetchOptions options, ISourceObserver observer, HttpMessageHandler? handler = null)
    {
        _options = options;
        _observer = observer;
        _client = handler is null ? Shared.Value : CreateClient(handler);
    }

    /// <summary>
    /// Downloads <paramref name="url"/> into <paramref name="sink"/> (seekable: a retry starts it over); a body
    /// over <paramref name="maxBytes"/> is refused.
    /// </summary>
    public FetchResult Download(Uri url, string? etag, Stream sink, long maxBytes, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                sink.Position = 0;
                sink.SetLength(0);
                return Attempt(url, etag, sink, maxBytes, cancellationToken);
            }
            catch (TransientException ex) when (attempt < _options.Retries)
            {
                var delay = TimeSpan.FromTicks(_options.RetryDelay.Ticks << attempt);
                _observer.Verbose($"GET {url}: {ex.Message}; trying again in {delay.TotalSeconds:0.##} s.");
                Wait(delay, cancellationToken);
            }
            catch (TransientException ex)
            {
                throw Failed(url, ex.Message, CacheErrorKind.ResourceUnavailable, ex);
            }
        }
    }

    /// <summary>A small text resource (a hash file), trimmed; null when the server has none (404).</summary>
    public string? GetText(Uri url, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        try
        {
            Download(url, null, buffer, maxBytes, cancellationToken);
            return System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Trim();
        }
        catch (CacheMetaException ex) when (ex.ErrorId == ErrorIds.DownloadFailed && ex.Kind == CacheErrorKind.ObjectNotFound)
        {
            return null;
        }
    }

    private FetchResult Attempt(Uri url, string? etag, Stream sink, long maxBytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var response = Send(request, url, etag, timeout, cancellationToken);
        return Receive(url, response, sink, maxBytes, timeout, cancellationToken);
    }

    // Sends the request and waits for its headers (RequestTimeout); the caller disposes the response.
    private HttpResponseMessage Send(HttpRequestMessage request, Uri url, string? etag, CancellationTokenSource timeout,
        CancellationToken cancellationToken)
    {
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            return _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientException($"no response within {_options.RequestTimeout.TotalSeconds:0.##} s");
        }
        catch (HttpRequestException ex) when (NameResolution.Failed(ex))
        {
            // Not worth a retry: a name that does not resolve now will not in a few seconds (no network, a typing
            // error), and three doubling pauses would only keep the user waiting for the same answer.
            throw Failed(url, $"the host name '{url.Host}' could not be resolved ({Innermost(ex)})", CacheErrorKind.ResourceUnavailable, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new TransientException(Innermost(ex));
        }
    }

    // 5xx, 408 and 429 are worth another try; any other error status fails at once (404 and 410 as ObjectNotFound).
    private static void ThrowUnlessSuccess(Uri url, HttpResponseMessage response)
    {
        int status = (int)response.StatusCode;
        if (status >= 500 || status is 408 or 429)
        {
            throw new TransientException($"the server answered {status} {response.ReasonPhrase}");
        }

        if (!response.IsSuccessStatusCode)
        {
            var kind = status is 404 or 410 ? CacheErrorKind.ObjectNotFound : CacheErrorKind.ResourceUnavailable;
            throw Failed(url, $"the server answered {status} {response.ReasonPhrase}", kind, null);
        }
    }

    private FetchResult Receive(Uri url, HttpResponseMessage response, Stream sink, long maxBytes,
        CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return FetchResult.NotModified;
        }

        ThrowUnlessSuccess(url, response);

        long? declared = response.Content.Headers.ContentLength;
        if (declared > maxBytes)
        {
            throw TooLarge(url, maxBytes, declared.Value);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long total = 0;
        var throttle = new ProgressThrottle();
        try
        {
            using var body = response.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
            while (true)
            {
                timeout.CancelAfter(_options.ReadTimeout);
                int read = ReadWithTimeout(body, buffer, timeout.Token, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > maxBytes)
                {
                    throw TooLarge(url, maxBytes, total);
                }

                hash.AppendData(buffer, 0, read);
                sink.Write(buffer, 0, read);
                if (throttle.Due())
                {
                    _observer.Progress(new SourceProgress("Downloading", url.ToString(), total, declared));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new TransientException($"the connection broke after {Plural.Count(total, "byte")} ({Innermost(ex)})");
        }
        finally
        {
            _observer.Progress(new SourceProgress("Downloading", url.ToString(), total, declared, completed: true));
        }

        if (declared is long expected && total != expected)
        {
            throw new TransientException($"the body ended after {total:N0} of {Plural.Count(expected, "byte")}");
        }

        sink.Flush();
        string? etag = response.Headers.ETag?.ToString();
        return new FetchResult(false, etag, total, Hex(hash.GetHashAndReset()), response.Content.Headers.LastModified);
    }

    private int ReadWithTimeout(Stream body, byte[] buffer, CancellationToken timeout, CancellationToken cancellationToken)
    {
        try
        {
            return body.ReadAsync(buffer, 0, buffer.Length, timeout).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException
            && timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TransientException($"no data for {_options.ReadTimeout.TotalSeconds:0.##} s");
        }
    }

    private static void Wait(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            Task.Delay(delay, cancellationToken).GetAwaiter().GetResult();
        }
        catch (TaskCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static CacheMetaException TooLarge(Uri url, long maxBytes, long bytes) =>
        new(ErrorIds.DownloadTooLarge, CacheErrorKind.LimitsExceeded,
            $"GET {url}: the body is larger than the cap of {maxBytes:N0} bytes ({bytes:N0}).", url.ToString());

    private static CacheMetaException Failed(Uri url, string reason, CacheErrorKind kind, Exception? inner) =>
        new(ErrorIds.DownloadFailed, kind, $"GET {url} failed: {reason}.", url.ToString(), innerException: inner);

    private static string Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex.Message;
    }

    /// <summary>Lower-case hex, as Spack writes checksums.</summary>
    internal static string Hex(byte[] bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[2 * i + 1] = "0123456789abcdef"[bytes[i] & 15];
        }

        return new string(chars);
    }

    private static HttpClient CreateClient(HttpMessageHandler? handler)
    {
#if NETSTANDARD2_0
        handler ??= new HttpClientHandler { AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate };
#else
        handler ??= new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5), // DNS changes are picked up in long sessions
        };
#endif
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan }; // our own timeouts apply
        client.DefaultRequestHeaders.UserAgent.ParseAdd("CacheMeta/" + typeof(HttpFetcher).Assembly.GetName().Version?.ToString(3));
        return client;
    }

    // A failure worth another try; turned into DownloadFailed when the tries run out.
    private sealed class TransientException : Exception
    {
        public TransientException(string message)
            : base(message)
        {
        }
    }
}
