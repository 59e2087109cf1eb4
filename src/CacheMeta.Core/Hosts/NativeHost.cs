using System;
using System.Runtime.InteropServices;
using System.Text;

namespace CacheMeta.Hosts;

/// <summary>
/// The few facts only the C library knows, asked through calls rather than processes: glibc's version
/// (gnu_get_libc_version), the machine name (uname, as archspec's platform.machine()) and macOS's sysctl values
/// (sysctlbyname). Each answers null where the call does not exist (musl has no gnu_get_libc_version, Windows no libc).
/// </summary>
internal static class NativeHost
{
    // glibc's soname: "libc" alone would find the libc.so linker script of a development install, not a library.
    private const string GnuLibc = "libc.so.6";
    private const string DarwinLibc = "libc";

    // struct utsname on Linux: six fields of 65 bytes; machine is the fifth.
    private const int UtsFieldLength = 65, UtsMachineField = 4;

    /// <summary>glibc's version, such as 2.36; null on other C libraries.</summary>
    public static string? GlibcVersion()
    {
        try
        {
            return Marshal.PtrToStringAnsi(gnu_get_libc_version());
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>The Linux machine name (x86_64, aarch64, ppc64le, riscv64); null when uname cannot be called.</summary>
    public static string? LinuxMachine()
    {
        try
        {
            var buffer = new byte[UtsFieldLength * 6];
            return uname(buffer) == 0 ? Field(buffer, UtsMachineField * UtsFieldLength, UtsFieldLength) : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>A macOS sysctl string value (machdep.cpu.brand_string, kern.osproductversion); null when it does not exist.</summary>
    public static string? Sysctl(string name)
    {
        try
        {
            var length = UIntPtr.Zero;
            if (sysctlbyname(name, null, ref length, IntPtr.Zero, UIntPtr.Zero) != 0 || length == UIntPtr.Zero)
            {
                return null;
            }

            var buffer = new byte[(int)length.ToUInt32()];
            return sysctlbyname(name, buffer, ref length, IntPtr.Zero, UIntPtr.Zero) == 0
                ? Field(buffer, 0, (int)length.ToUInt32())
                : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    // A NUL-terminated C string inside a buffer.
    private static string Field(byte[] buffer, int start, int length)
    {
        int end = start;
        while (end < start + length && end < buffer.Length && buffer[end] != 0)
        {
            end++;
        }

        return Encoding.UTF8.GetString(buffer, start, end - start);
    }

// The C names, as the libraries export them.
    [DllImport(GnuLibc)]
    private static extern IntPtr gnu_get_libc_version();

    [DllImport(GnuLibc)]
    private static extern int uname(byte[] buffer);

    [DllImport(DarwinLibc)]
    private static extern int sysctlbyname(string name, byte[]? value, ref UIntPtr length, IntPtr newValue, UIntPtr newLength);
}
