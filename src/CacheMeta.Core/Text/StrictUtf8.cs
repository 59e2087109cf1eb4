using System;
using System.Text;

namespace CacheMeta.Text;

/// <summary>
/// UTF-8 that refuses bytes that are not text (a <see cref="DecoderFallbackException"/>) instead of turning them into
/// replacement characters: the readers report such input rather than show altered values.
/// </summary>
internal static class StrictUtf8
{
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>; throws <see cref="DecoderFallbackException"/> when they are not UTF-8.</summary>
    public static string GetString(ReadOnlySpan<byte> bytes)
    {
#if NET8_0_OR_GREATER
        return Encoding.GetString(bytes);
#else
        return Encoding.GetString(bytes.ToArray());
#endif
    }
}
