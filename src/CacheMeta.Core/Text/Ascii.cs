using System;

namespace CacheMeta.Text;

/// <summary>Decoding bytes already known to be ASCII (the readers check first), one char per byte.</summary>
internal static class Ascii
{
    /// <summary>True when every byte is below 0x80.</summary>
    public static bool IsAscii(ReadOnlySpan<byte> bytes)
    {
#if NET8_0_OR_GREATER
        return System.Text.Ascii.IsValid(bytes);
#else
        foreach (byte b in bytes)
        {
            if (b >= 0x80)
            {
                return false;
            }
        }

        return true;
#endif
    }

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
