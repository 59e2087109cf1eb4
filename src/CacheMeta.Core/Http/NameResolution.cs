using System;
using System.Net.Http;
using System.Net.Sockets;

namespace CacheMeta.Http;

/// <summary>
/// Tells a host name that did not resolve from other failures of a request: with no network every name fails this
/// way at once, and trying again in a few seconds only makes the user wait for the same answer.
/// </summary>
internal static class NameResolution
{
    public static bool Failed(HttpRequestException ex)
    {
#if NET
        if (ex.HttpRequestError == HttpRequestError.NameResolutionError)
        {
            return true;
        }
#endif
        // netstandard2.0 (Windows PowerShell): the socket error underneath says it.
        for (Exception? inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData })
            {
                return true;
            }
        }

        return false;
    }
}
