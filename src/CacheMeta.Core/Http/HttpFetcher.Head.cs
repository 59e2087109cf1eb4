using System;
using System.Net;
using System.Net.Http;
using System.Threading;

namespace CacheMeta.Http;

/// <summary>HEAD requests: a tarball's size and date without its body.</summary>
internal sealed partial class HttpFetcher
{
    /// <summary>
    /// A HEAD request (a tarball's size and date without its body), with the same retries, timeouts and cancellation
    /// as a GET; <paramref name="etag"/> goes as If-None-Match. 404 and 410 are <see cref="HeadResult.Missing"/>; other
    /// errors throw DownloadFailed as <see cref="Download"/> does. Safe to call from several threads at once.
    /// </summary>
    public HeadResult Head(Uri url, string? etag, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return HeadAttempt(url, etag, cancellationToken);
            }
            catch (TransientException ex) when (attempt < _options.Retries)
            {
                var delay = TimeSpan.FromTicks(_options.RetryDelay.Ticks << attempt);
                _observer.Verbose($"HEAD {url}: {ex.Message}; trying again in {delay.TotalSeconds:0.##} s.");
                Wait(delay, cancellationToken);
            }
            catch (TransientException ex)
            {
                throw Failed(url, ex.Message, CacheErrorKind.ResourceUnavailable, ex);
            }
        }
    }

    private HeadResult HeadAttempt(Uri url, string? etag, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var response = Send(request, url, etag, timeout, cancellationToken);
        int status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return HeadResult.NotModified;
        }

        if (status is 404 or 410)
        {
            return HeadResult.Missing;
        }

        ThrowUnlessSuccess(url, response);
        return new HeadResult(true, false, response.Content.Headers.ContentLength, response.Content.Headers.LastModified,
            response.Headers.ETag?.ToString());
    }
}
