using CacheMeta.Targets;

namespace CacheMeta.Completion;

/// <summary>
/// Values to complete when no source is named: what the public cache's pages, its tag list and Spack's
/// documentation show (tags, CI stacks, operating systems, compilers), and every target in
/// <see cref="Microarchitectures"/>. A snapshot, not a promise: a named source always wins.
/// </summary>
internal static class KnownValues
{
    private static readonly string[] Tags =
    {
        "develop", "v0.18.0", "v0.18.1", "v0.20.0", "v0.20.1", "v0.20.2", "v0.20.3", "v0.21.0", "v0.21.1", "v0.21.2",
        "v0.22.1", "v0.22.2", "v0.22.5", "v0.23.0", "v0.23.1",
    };

    private static readonly string[] Stacks =
    {
        "root", "aws-ahug", "aws-ahug-aarch64", "aws-isc", "aws-isc-aarch64", "aws-pcluster-icelake", "aws-pcluster-neoverse_n1",
        "aws-pcluster-neoverse_v1", "aws-pcluster-skylake", "aws-pcluster-x86_64_v4", "build_systems", "data-vis-sdk",
        "developer-tools", "developer-tools-manylinux2014", "e4s", "e4s-aarch64", "e4s-arm", "e4s-cray-rhel", "e4s-cray-sles",
        "e4s-neoverse-v2", "e4s-neoverse_v1", "e4s-oneapi", "e4s-power", "e4s-rocm-external", "gpu-tests", "hep",
        "ml-darwin-aarch64-mps", "ml-linux-aarch64-cpu", "ml-linux-aarch64-cuda", "ml-linux-x86_64-cpu", "ml-linux-x86_64-cuda",
        "ml-linux-x86_64-rocm", "radiuss", "radiuss-aws", "radiuss-aws-aarch64", "tutorial", "windows-vis",
    };

    private static readonly string[] OperatingSystems =
    {
        "amzn2", "centos7", "rhel8", "sequoia", "sle_hpc15", "ubuntu18.04", "ubuntu20.04", "ubuntu22.04", "ubuntu24.04", "ventura",
        "windows10.0.20348",
    };

    private static readonly string[] Platforms = { "linux", "darwin", "windows" };

    private static readonly string[] Compilers =
    {
        "gcc", "apple-clang", "clang", "llvm", "oneapi", "intel-oneapi-compilers", "cce", "nvhpc", "rocmcc", "llvm-amdgpu", "aocc", "msvc",
    };

    public static CompletionValues Create()
    {
        var values = new CompletionValues();
        Add(values, CompletionField.Tag, Tags);
        Add(values, CompletionField.Stack, Stacks);
        Add(values, CompletionField.OS, OperatingSystems);
        Add(values, CompletionField.Platform, Platforms);
        Add(values, CompletionField.Compiler, Compilers);
        foreach (var target in Microarchitectures.All)
        {
            values.Add(CompletionField.Target, target.Name);
            values.Add(CompletionField.TargetFamily, target.Family);
        }

        return values;
    }

    private static void Add(CompletionValues values, CompletionField field, string[] items)
    {
        foreach (string item in items)
        {
            values.Add(field, item);
        }
    }
}
