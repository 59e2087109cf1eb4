using System;

namespace CacheMeta.Text;

/// <summary>Decoding bytes already known to be ASCII (the readers check first), one char per byte.</summary>
internal static class Ascii
{
    public static string Decode(ReadOnlySpan<byte> ascii)
    {
#if NETSTANDARD2_0
        var chars = new char[ascii.Length];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)ascii[i];
        }

        return new string(chars);
#else
        return System.Text.Encoding.ASCII.GetString(ascii);
#endif
    }
}
