using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using CacheMeta.Hosts;
using CacheMeta.Targets;
using Xunit;
using Xunit.Abstractions;

namespace CacheMeta.Tests.Hosts;

/// <summary>
/// Opt-in agreement with archspec on its own recordings of real machines (archspec-json's tests/targets/, each file
/// named platform-os-target after the target archspec detects: /proc/cpuinfo and sysctl dumps, and cpuid registers of
/// Windows machines). Not part of the repository: set
/// CACHEMETA_ARCHSPEC_TARGETS to a checkout's tests/targets folder to run it; it is skipped otherwise.
/// </summary>
public sealed class ArchspecRecordingsTests
{
    private const string Variable = "CACHEMETA_ARCHSPEC_TARGETS";
    private readonly ITestOutputHelper _output;

    public ArchspecRecordingsTests(ITestOutputHelper output) => _output = output;

    [ArchspecRecordingsFact]
    public void EveryRecordingDetectsAsArchspecNamesIt()
    {
        var disagreements = new List<string>();
        int count = 0;
        foreach (string file in Directory.GetFiles(Environment.GetEnvironmentVariable(Variable)!).OrderBy(f => f, StringComparer.Ordinal))
        {
            string[] name = Path.GetFileName(file).Split('-');
            if (name.Length != 3)
            {
                continue;
            }

            // Like archspec's own test, the machine (uname -m) of a Linux recording is the expected target's family:
            // a /proc/cpuinfo does not tell a big-endian POWER from a little-endian one.
            string? machine = name[0] == "darwin" ? null : Microarchitectures.FamilyOf(name[2]);
            string detected = name[0] == "windows"
                ? TargetDetector.Detect(CpuidReader.Read(Registers(file)))
                : HostDetection.FromCpuInfo(File.ReadAllText(file), file, architecture: machine).Target;
            count++;
            if (detected != name[2])
            {
                disagreements.Add($"{Path.GetFileName(file)}: {detected}");
            }
        }

        _output.WriteLine($"{count - disagreements.Count} of {count} recordings agree with archspec.");
        Assert.True(count > 0, $"{Variable} names a folder without recordings.");
        Assert.Empty(disagreements);
    }

    // A Windows recording is cpuid's answers, one "eax, ecx, eax, ebx, ecx, edx" line per leaf; leaves it lacks are zeros.
    private static CpuidReader.Cpuid Registers(string file)
    {
        var answers = new Dictionary<(uint, uint), (uint, uint, uint, uint)>();
        foreach (string line in File.ReadAllLines(file).Where(l => l.Trim().Length > 0))
        {
            uint[] v = line.Split(',').Select(x => uint.Parse(x.Trim())).ToArray();
            answers[(v[0], v[1])] = (v[2], v[3], v[4], v[5]);
        }

        return (leaf, subleaf) => answers.TryGetValue((leaf, subleaf), out var r) ? r : (0, 0, 0, 0);
    }

    private sealed class ArchspecRecordingsFactAttribute : FactAttribute
    {
        public ArchspecRecordingsFactAttribute()
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
            {
                Skip = $"Set {Variable} to archspec-json's tests/targets folder to compare with archspec's recordings.";
            }
        }
    }
}
