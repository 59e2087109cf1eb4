using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CacheMeta.Tests.Support;

/// <summary>A spec record for fixture pages.</summary>
internal sealed record FixtureSpec(string Hash, string Compiler, string Version, string OS, string Platform, string Target,
    string[] Variants, string[] Stacks);

/// <summary>Writes fixture pages in the generator's current shape (values invented for the tests).</summary>
internal static class Fixtures
{
    public static readonly FixtureSpec[] Zlib =
    {
        new("aaaabbbbccccddddeeeeffffgggghhhh", "gcc@=13.2.0", "1.3.1", "ubuntu22.04", "linux", "x86_64_v3",
            new[] { "+optimize", "+pic", "+shared", "build_system=makefile" }, new[] { "e4s", "root" }),
        new("bbbbccccddddeeeeffffgggghhhhiiii", "gcc@=13.2.0", "1.3.1", "ubuntu22.04", "linux", "neoverse_v1",
            new[] { "+optimize", "+pic", "~shared", "build_system=makefile" }, new[] { "e4s-neoverse_v1", "root" }),
        new("ccccddddeeeeffffgggghhhhiiiijjjj", "apple-clang@=16.0.0", "1.2.13", "sequoia", "darwin", "m1",
            new[] { "+optimize", "+pic", "+shared", "build_system=makefile" }, new[] { "ml-darwin-aarch64-mps", "root" }),
        new("ddddeeeeffffgggghhhhiiiijjjjkkkk", "oneapi@=2024.2.1", "1.3.1", "ubuntu22.04", "linux", "x86_64_v3",
            new[] { "+optimize", "+pic", "+shared", "build_system=makefile" }, new[] { "e4s", "e4s-oneapi", "root" }),
    };

    /// <summary>The page text: five front matter lines between '---' lines, no final newline.</summary>
    public static string Page(string package, string tag, IEnumerable<FixtureSpec> specs, string newline = "\n")
    {
        var list = specs.OrderBy(s => s.Hash, System.StringComparer.Ordinal).ToList();
        string Strings(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(v => "\"" + v + "\"")) + "]";
        string Sorted(IEnumerable<string> values) => Strings(values.Distinct().OrderBy(v => v, System.StringComparer.Ordinal));
        var byStack = list.SelectMany(s => s.Stacks).GroupBy(s => s).OrderBy(g => g.Key, System.StringComparer.Ordinal)
            .Select(g => $"\"{g.Key}\": {g.Count()}");
        string meta = "{\"compilers\": " + Sorted(list.Select(s => s.Compiler)) + ", \"num_specs\": " + list.Count
            + ", \"num_specs_by_stack\": {" + string.Join(", ", byStack) + "}, \"oss\": " + Sorted(list.Select(s => s.OS))
            + ", \"platforms\": " + Sorted(list.Select(s => s.Platform)) + ", \"stacks\": " + Sorted(list.SelectMany(s => s.Stacks))
            + ", \"targets\": " + Sorted(list.Select(s => s.Target)) + ", \"versions\": " + Sorted(list.Select(s => s.Version)) + "}";
        var records = list.Select(s => "{\"compiler\": \"" + s.Compiler + "\", \"hash\": \"" + s.Hash + "\", \"os\": \"" + s.OS
            + "\", \"platform\": \"" + s.Platform + "\", \"size\": \"-\", \"stacks\": " + Strings(s.Stacks.OrderBy(x => x, System.StringComparer.Ordinal))
            + ", \"target\": \"" + s.Target + "\", \"variants\": " + Strings(s.Variants) + ", \"versions\": [\"" + s.Version + "\"]}");
        var text = new StringBuilder();
        text.Append("---").Append(newline)
            .Append("title: \"").Append(package).Append('"').Append(newline)
            .Append("layout: cache").Append(newline)
            .Append("categories: [package, ").Append(tag).Append(']').Append(newline)
            .Append("meta: ").Append(meta).Append(newline)
            .Append("spec_details: [").Append(string.Join(", ", records)).Append(']').Append(newline)
            .Append("---");
        return text.ToString();
    }

    public static string ZlibPage(string newline = "\n") => Page("zlib", "develop", Zlib, newline);
}
