using System.Collections.Generic;
using System.Linq;
using CacheMeta.Pages;
using Xunit;

namespace CacheMeta.Tests.Support;

/// <summary>Deep equality of pages, so two readings of the same bytes can be compared field by field.</summary>
internal static class PageAssert
{
    public static void Equal(CachePage expected, CachePage actual)
    {
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.Layout, actual.Layout);
        Assert.Equal(expected.Categories, actual.Categories);
        Assert.Equal(expected.Tag, actual.Tag);
        Assert.Equal(expected.MetaNumSpecs, actual.MetaNumSpecs);
        Assert.Equal(expected.EntryCount, actual.EntryCount);
        Assert.Equal(expected.SpecLayout, actual.SpecLayout);
        Equal(expected.Package, actual.Package);
        Assert.Equal(expected.Specs.Count, actual.Specs.Count);
        for (int i = 0; i < expected.Specs.Count; i++)
        {
            Equal(expected.Specs[i], actual.Specs[i]);
        }
    }

    public static void Equal(CachePackage expected, CachePackage actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Tag, actual.Tag);
        Assert.Equal(expected.NumSpecs, actual.NumSpecs);
        Assert.Equal(expected.Versions, actual.Versions);
        Assert.Equal(expected.Compilers, actual.Compilers);
        Assert.Equal(expected.OperatingSystems, actual.OperatingSystems);
        Assert.Equal(expected.Platforms, actual.Platforms);
        Assert.Equal(expected.Targets, actual.Targets);
        Assert.Equal(expected.Stacks, actual.Stacks);
        Assert.Equal(expected.NumSpecsByStack.ToList(), actual.NumSpecsByStack.ToList());
        Assert.Equal(expected.Source, actual.Source);
    }

    public static void Equal(CacheSpec expected, CacheSpec actual)
    {
        Assert.Equal(Fields(expected), Fields(actual));
    }

    private static List<object?> Fields(CacheSpec s) => new()
    {
        s.Package, s.Tag, s.Hash, s.Version, string.Join("|", s.Versions), s.Compiler, s.CompilerName, s.CompilerVersion,
        s.OS, s.Platform, s.Target, s.TargetFamily, string.Join("|", s.Variants), string.Join("|", s.Stacks), s.Size, s.Tarball, s.Source,
    };
}
