using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Errors;

/// <summary>
/// The engine's messages name no cmdlet parameter (code review P13): a remedy that is a parameter is a
/// <see cref="CacheRemedy"/>, worded by the cmdlet layer.
/// </summary>
public sealed class EngineMessageTests
{
    // A string literal holding " -Word" or "(-Word": a PowerShell parameter as a user would type it.
    private static readonly Regex ParameterInLiteral = new("\"[^\"\\n]*(?:^|[ (])-[A-Z][a-z]+[A-Za-z]*[^\"\\n]*\"", RegexOptions.CultureInvariant);

    [Fact]
    public void NoStringLiteralOfTheEngineNamesACmdletParameter()
    {
        string core = Path.Combine(TestPaths.RepoRoot, "src", "CacheMeta.Core");
        var files = Directory.GetFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)).ToList();
        Assert.True(files.Count > 100, $"only {files.Count} engine sources found under {core}");

        var offending = (from file in files
                         from line in File.ReadLines(file).Select((text, at) => (Text: text, Number: at + 1))
                         where !line.Text.TrimStart().StartsWith("//", System.StringComparison.Ordinal) && ParameterInLiteral.IsMatch(line.Text)
                         select $"{Path.GetRelativePath(core, file)}:{line.Number}: {line.Text.Trim()}").ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void TheRegexFindsAParameterInALiteralAndNotAHyphenatedWord()
    {
        Assert.Matches(ParameterInLiteral, "throw new X(\"add -Offline to read it\");");
        Assert.Matches(ParameterInLiteral, "\"an index source (-Mirror, -Catalog)\"");
        Assert.DoesNotMatch(ParameterInLiteral, "\"gcc-runtime and x86_64-v3\"");
        Assert.DoesNotMatch(ParameterInLiteral, "// see -MaxPageBytes");
    }
}
