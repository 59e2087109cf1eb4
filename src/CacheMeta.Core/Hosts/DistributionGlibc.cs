using System;
using System.Collections.Generic;

namespace CacheMeta.Hosts;

/// <summary>
/// The glibc version each Linux distribution release ships, by Spack's OS name, for Spack's reuse rule since 1.0
/// (spack/spack #43811): a binary built on a distribution runs on a Linux host whose glibc is not older than the one it
/// was built against. Facts from the distributions' own package archives: packages.ubuntu.com and packages.debian.org
/// (source package glibc per release), Red Hat's package lists for RHEL 6-10 (which CentOS, Rocky, AlmaLinux and
/// Oracle Linux rebuild), the Amazon Linux 2 and 2023 package lists, SUSE's release notes (SLE 15 moved from glibc
/// 2.26 to 2.31 in SP3; the name sles15 is taken at its current 2.31, as is openSUSE Leap 15), and Fedora's
/// src.fedoraproject.org/rpms/glibc branches.
/// </summary>
internal static class DistributionGlibc
{
    private static readonly Dictionary<string, SpackVersion> Releases = Build(
        "rhel6 2.12", "rhel7 2.17", "rhel8 2.28", "rhel9 2.34", "rhel10 2.39",
        "centos6 2.12", "centos7 2.17", "centos8 2.28", "centos9 2.34", "centos10 2.39",
        "rocky8 2.28", "rocky9 2.34", "rocky10 2.39",
        "almalinux8 2.28", "almalinux9 2.34", "almalinux10 2.39",
        "oracle7 2.17", "oracle8 2.28", "oracle9 2.34",
        "amzn2 2.26", "amzn2023 2.34",
        "ubuntu16.04 2.23", "ubuntu18.04 2.27", "ubuntu20.04 2.31", "ubuntu22.04 2.35", "ubuntu24.04 2.39",
        "ubuntu24.10 2.40", "ubuntu25.04 2.41",
        "debian9 2.24", "debian10 2.28", "debian11 2.31", "debian12 2.36", "debian13 2.41",
        "sles12 2.22", "sles15 2.31", "sle_hpc12 2.22", "sle_hpc15 2.31", "opensuse15 2.31",
        "fedora37 2.36", "fedora38 2.37", "fedora39 2.38", "fedora40 2.39", "fedora41 2.40", "fedora42 2.41");

    /// <summary>Every release the table knows, with its glibc.</summary>
    public static IReadOnlyDictionary<string, SpackVersion> All => Releases;

    /// <summary>The glibc of a release (<c>rhel8</c> is 2.28), null for one the table does not know.</summary>
    public static SpackVersion? Of(string? os) => os is not null && Releases.TryGetValue(os, out var glibc) ? glibc : null;

    private static Dictionary<string, SpackVersion> Build(params string[] rows)
    {
        var releases = new Dictionary<string, SpackVersion>(rows.Length, StringComparer.OrdinalIgnoreCase);
        foreach (string row in rows)
        {
            int space = row.IndexOf(' ');
            releases.Add(row.Substring(0, space), SpackVersion.Parse(row.Substring(space + 1)));
        }

        return releases;
    }
}
