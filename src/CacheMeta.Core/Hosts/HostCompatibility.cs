using System;
using System.Collections.Generic;
using CacheMeta.Targets;

namespace CacheMeta.Hosts;

/// <summary>
/// Whether binaries run on a host: the platform is the host's, the target is the host's target or one of its
/// ancestors, and the OS is the host's (or, with <see cref="OSCompatibility.Glibc"/> on Linux, any distribution
/// release whose glibc is not newer than the host's). Each part is a test of one record value, so queries can
/// remember the answers per distinct value; <see cref="AddMismatches"/> says in a sentence why a part fails.
/// </summary>
internal sealed class HostCompatibility
{
    private readonly SpackVersion? _glibc;
    private readonly bool _byGlibc;

    public HostCompatibility(CacheHost host, OSCompatibility rule)
    {
        Host = host ?? throw new ArgumentNullException(nameof(host));
        _byGlibc = rule == OSCompatibility.Glibc && host.Platform == "linux";
        _glibc = host.ParsedGlibc ?? DistributionGlibc.Of(host.OS);
    }

    public CacheHost Host { get; }

    public bool PlatformRuns(string? platform) => string.Equals(platform, Host.Platform, StringComparison.OrdinalIgnoreCase);

    public bool OSRuns(string? os)
    {
        if (os is null || Host.OS is null)
        {
            return false;
        }

        if (string.Equals(os, Host.OS, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return _byGlibc && _glibc is not null && DistributionGlibc.Of(os) is { } needed && needed.CompareTo(_glibc) <= 0;
    }

    /// <summary>True when a binary for <paramref name="target"/> runs on the host's target (an unknown target only on itself).</summary>
    public bool TargetRuns(string? target) => Microarchitectures.IsSameOrDescendant(Host.Target, target);

    public bool Runs(CacheSpec spec) => PlatformRuns(spec.Platform) && OSRuns(spec.OS) && TargetRuns(spec.Target);

    /// <summary>One sentence for each part of the spec's architecture that does not run on the host.</summary>
    public void AddMismatches(CacheSpec spec, List<string> sentences)
    {
        if (!PlatformRuns(spec.Platform))
        {
            sentences.Add($"platform {spec.Platform ?? "(none)"}, the host is {Host.Platform}");
        }

        if (!OSRuns(spec.OS))
        {
            sentences.Add(OSSentence(spec.OS));
        }

        if (!TargetRuns(spec.Target))
        {
            sentences.Add($"target {spec.Target ?? "(none)"} does not run on {Host.Target} ({TargetReason(spec.Target)})");
        }
    }

    private string OSSentence(string? os)
    {
        if (Host.OS is null)
        {
            return $"os {os ?? "(none)"}, the host's OS is not known";
        }

        if (os is null || !_byGlibc)
        {
            return $"os {os ?? "(none)"}, the host runs {Host.OS}";
        }

        var needed = DistributionGlibc.Of(os);
        return needed is null || _glibc is null
            ? $"os {os}, the host runs {Host.OS} (the glibc of {(needed is null ? os : Host.OS)} is not known)"
            : $"os {os} needs glibc {needed}, the host has {_glibc}";
    }

    private string TargetReason(string? target)
    {
        var binary = Microarchitectures.Find(target);
        var host = Microarchitectures.Find(Host.Target);
        if (binary is null)
        {
            return "an unknown target";
        }

        if (host is null)
        {
            return "the host's target is unknown";
        }

        if (binary.Family != host.Family)
        {
            return "another family";
        }

        return binary.IsSameOrDescendantOf(host.Name) ? $"newer than {host.Name}" : $"not an ancestor of {host.Name}";
    }
}
