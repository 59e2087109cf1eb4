using System;
using System.Collections.Generic;
using CacheMeta.Hosts;
using CacheMeta.Targets;

namespace CacheMeta;

/// <summary>
/// A machine binaries are meant to run on, in Spack's terms: platform, operating system and microarchitecture target,
/// plus, on Linux, the glibc version. Its string form is Spack's arch triplet, <c>linux-ubuntu22.04-zen3</c>. Detected
/// on this machine, read from another machine's CPU description, or parsed from a triplet (<see cref="Parse"/>).
/// </summary>
public sealed class CacheHost
{
    internal CacheHost(string platform, string? os, string target, SpackVersion? glibc, string? vendor,
        IReadOnlyList<string> features, string source)
    {
        Platform = platform;
        OS = os;
        Target = target;
        TargetFamily = Microarchitectures.FamilyOf(target)!;
        ParsedGlibc = glibc;
        Vendor = vendor;
        Features = ValueList.From(features);
        Source = source;
    }

    /// <summary>The platform: <c>linux</c>, <c>darwin</c> or <c>windows</c>.</summary>
    public string Platform { get; }

    /// <summary>The operating system as Spack names it (<c>ubuntu22.04</c>, <c>rhel8</c>, <c>sequoia</c>,
    /// <c>windows10.0.20348</c>); null when it is not known (a CPU description read without an OS).</summary>
    public string? OS { get; }

    /// <summary>The microarchitecture, detected as archspec detects it: <c>zen4</c>, <c>neoverse_v2</c>, <c>m2</c>.</summary>
    public string Target { get; }

    /// <summary>The target's family: <c>x86_64</c>, <c>aarch64</c>, <c>ppc64le</c>, ...</summary>
    public string TargetFamily { get; }

    /// <summary>The glibc version on Linux (<c>2.36</c>): detected, stated, or the one the OS release ships; null
    /// elsewhere and where it is not known.</summary>
    /// <remarks>Text here, so that ConvertTo-Json and Export-Csv write <c>"2.36"</c>; in PowerShell a code property
    /// (CacheMeta.psm1) puts the SpackVersion in front, so comparisons follow Spack's version order.</remarks>
    public string? Glibc => ParsedGlibc?.Text;

    /// <summary>The glibc version as a version.</summary>
    internal SpackVersion? ParsedGlibc { get; }

    /// <summary>The CPU vendor as detection saw it (<c>AuthenticAMD</c>, <c>ARM</c>, <c>Apple</c>); for a parsed triplet,
    /// the target's vendor.</summary>
    public string? Vendor { get; }

    /// <summary>The CPU flags detection saw, sorted; for a parsed triplet, the features its target requires.</summary>
    public ValueList Features { get; }

    /// <summary>Where the description came from: <c>/proc/cpuinfo</c>, sysctl, a file, or the triplet it was parsed from.</summary>
    public string Source { get; }

    /// <summary>
    /// Parses an arch triplet <c>platform-os-target</c> (<c>linux-rhel8-zen4</c>; the glibc of a Linux OS comes from
    /// the built-in table of distribution releases), or the word <c>host</c> for this machine. PowerShell uses this to
    /// turn strings into hosts. Throws a <see cref="CacheMetaException"/> (InvalidHost) for anything else.
    /// </summary>
    public static CacheHost Parse(string text)
    {
        string value = (text ?? throw new ArgumentNullException(nameof(text))).Trim();
        if (string.Equals(value, "host", StringComparison.OrdinalIgnoreCase))
        {
            return HostDetection.ThisMachine();
        }

        string[] parts = value.Split('-');
        if (parts.Length != 3 || Array.Exists(parts, p => p.Length == 0 || !IsName(p)))
        {
            throw new CacheMetaException(ErrorIds.InvalidHost, CacheErrorKind.InvalidArgument,
                "not an arch triplet platform-os-target such as linux-rhel8-zen4, nor the word host.", text); // the message quotes the text first
        }

        var target = Microarchitectures.Find(parts[2]);
        string platform = parts[0].ToLowerInvariant(), os = parts[1].ToLowerInvariant();
        return new CacheHost(platform, os, target?.Name ?? parts[2],
            platform == "linux" ? DistributionGlibc.Of(os) : null, target?.Vendor,
            target?.Features ?? ValueList.None, value);
    }

    /// <summary>Spack's arch triplet, <c>linux-debian12-x86_64_v4</c> (an unknown OS is written <c>unknown</c>).</summary>
    public override string ToString() => Platform + "-" + (OS ?? "unknown") + "-" + Target;

    private static bool IsName(string part)
    {
        foreach (char c in part)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
