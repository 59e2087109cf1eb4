using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CacheMeta.Pages;
using CacheMeta.Sources;
using CacheMeta.Tags;
using CacheMeta.Tests.Support;
using Xunit;

namespace CacheMeta.Tests.Tags;

public sealed class TagReaderTests
{
    [Theory]
    [InlineData("develop", CacheTagKind.Develop, null, null)]
    [InlineData("v0.23.1", CacheTagKind.Release, null, "0.23.1")]
    [InlineData("v1.0", CacheTagKind.Release, null, "1.0")]
    [InlineData("develop-2025-03-30", CacheTagKind.Snapshot, "2025-03-30", null)]
    [InlineData("develop-2025-13-40", CacheTagKind.Other, null, null)]
    [InlineData("releases/v2026.10", CacheTagKind.Other, null, null)]
    [InlineData("v0.23.1-rc", CacheTagKind.Other, null, null)]
    public void KindDateAndVersionFollowFromTheName(string name, CacheTagKind kind, string? date, string? version)
    {
        var tag = new CacheTag(name, null, null);
        Assert.Equal(kind, tag.Kind);
        Assert.Equal(date, tag.Date?.ToString("yyyy-MM-dd"));
        Assert.Equal(version, tag.Version);
    }

    [Fact]
    public void TagsSortAsTheSiteListsThem()
    {
        var tags = new TagCollector();
        foreach (string name in new[] { "develop-2024-03-10", "v0.9.1", "zzz", "v0.23.1", "develop", "develop-2025-03-30", "v0.10.0", "aaa" })
        {
            tags.Add(name, null, null);
        }

        Assert.Equal(new[] { "develop", "v0.23.1", "v0.10.0", "v0.9.1", "develop-2025-03-30", "develop-2024-03-10", "aaa", "zzz" },
            tags.Tags().Select(t => t.Name));
    }

    [Fact]
    public void ATagMetTwiceMergesItsStacksSorted()
    {
        var tags = new TagCollector();
        tags.Add("develop", new[] { "root", "e4s" }, "first");
        tags.Add("develop", new[] { "e4s", "aws-isc" }, "second");

        var tag = Assert.Single(tags.Tags());
        Assert.Equal(new[] { "aws-isc", "e4s", "root" }, tag.Stacks);
        Assert.Equal("first", tag.Source);
    }

    [Fact]
    public void NamesFilterWithWildcards()
    {
        var tags = new TagCollector(new[] { "v0.2*", "DEVELOP" });
        foreach (string name in new[] { "develop", "v0.23.1", "v0.19.0", "develop-2025-03-30" })
        {
            tags.Add(name, null, null);
        }

        Assert.Equal(new[] { "develop", "v0.23.1" }, tags.Tags().Select(t => t.Name));
    }

    [Fact]
    public void ReadsATagList()
    {
        var tags = new TagCollector();
        TagListReader.Read("- name: develop\n  stacks:\n  - root\n  - e4s\n- name: v0.23.1\n  stacks: [tutorial]\n  extra: ignored\n- name: develop-2025-03-30\n  stacks:\n",
            "tags.yaml", tags);

        var list = tags.Tags();
        Assert.Equal(new[] { "develop", "v0.23.1", "develop-2025-03-30" }, list.Select(t => t.Name));
        Assert.Equal(new[] { "e4s", "root" }, list[0].Stacks);
        Assert.Empty(list[2].Stacks);
        Assert.All(list, t => Assert.Equal("tags.yaml", t.Source));
    }

    [Theory]
    [InlineData("develop: [e4s]", 1, 1, "A tag list is a list")]
    [InlineData("- develop", 1, 3, "must be a mapping")]
    [InlineData("- stacks: [e4s]", 1, 3, "has no 'name'")]
    [InlineData("- name: develop\n  stacks: e4s", 2, 11, "must be a list of names")]
    [InlineData("- name: [develop]", 1, 9, "must be text")]
    [InlineData("- name: develop\n stacks: [", 2, 2, "The tag list is not valid YAML")]
    public void AMalformedTagListSaysWhere(string yaml, int line, int column, string reason)
    {
        var error = Assert.Throws<CacheMetaException>(() => TagListReader.Read(yaml, "tags.yaml", new TagCollector()));

        Assert.Equal(ErrorIds.InvalidTagList, error.ErrorId);
        Assert.Equal("tags.yaml", error.Target);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsACatalog()
    {
        var tags = new TagCollector();
        tags.Add(Catalog.Parse(Encoding.UTF8.GetBytes(
            "{\"v0.23.1\": [{\"label\": \"root\", \"url\": \"s3://b/v0.23.1/\"}, {\"label\": \"e4s\", \"url\": \"s3://b/v0.23.1/e4s/\"}],"
            + " \"develop\": [{\"label\": \"root\", \"url\": \"s3://b/develop/\"}], \"develop-2025-07-13\": []}"), "catalog.json"));

        var list = tags.Tags();
        Assert.Equal(new[] { "develop", "v0.23.1", "develop-2025-07-13" }, list.Select(t => t.Name));
        Assert.Equal(new[] { "e4s", "root" }, list[1].Stacks);
        Assert.Equal(new DateTime(2025, 7, 13), list[2].Date);
    }

    [Theory]
    [InlineData("[]", "is an object mapping each tag")]
    [InlineData("{\"develop\": {}}", "must be a list of {label, url} objects, not an object")]
    [InlineData("{\"develop\": [{\"url\": \"x\"}]}", "must be an object with a 'label' and a 'url'")]
    [InlineData("{\"develop\": [{\"label\": \"root\"}]}", "must be an object with a 'label' and a 'url'")]
    [InlineData("{\"develop\": [{\"label\": \"\", \"url\": \"x\"}]}", "must be an object with a 'label' and a 'url'")]
    [InlineData("{\"develop\": [", "not valid JSON")]
    public void AMalformedCatalogIsInvalidCatalog(string json, string reason)
    {
        var error = Assert.Throws<CacheMetaException>(() => Catalog.Parse(Encoding.UTF8.GetBytes(json), "catalog.json"));

        Assert.Equal(ErrorIds.InvalidCatalog, error.ErrorId);
        Assert.Equal(CacheErrorKind.InvalidData, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsPathNotFound()
    {
        var error = Assert.Throws<CacheMetaException>(() => TagListReader.ReadFile(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".yaml"), new TagCollector()));
        Assert.Equal(ErrorIds.PathNotFound, error.ErrorId);
    }

    [Fact]
    public void ASitesDataFolderStandsForItsTagList()
    {
        string site = Path.Combine(Path.GetTempPath(), "cachemeta-" + Guid.NewGuid().ToString("N"));
        string data = Directory.CreateDirectory(Path.Combine(site, "_data")).FullName;
        string other = Directory.CreateDirectory(Path.Combine(site, "other")).FullName;
        try
        {
            Assert.Null(TagListReader.ListIn(data));
            File.WriteAllText(Path.Combine(data, "tags.yaml"), "- name: develop\n  stacks: [e4s]\n");
            File.WriteAllText(Path.Combine(other, "tags.yaml"), "- name: develop\n");

            Assert.Equal(Path.Combine(data, "tags.yaml"), TagListReader.ListIn(data + Path.DirectorySeparatorChar));
            Assert.Null(TagListReader.ListIn(other));
            Assert.Null(TagListReader.ListIn(Path.Combine(data, "tags.yaml")));
        }
        finally
        {
            Directory.Delete(site, recursive: true);
        }
    }

    [Fact]
    public void PagesAddTheirTagAndStacks()
    {
        var tags = new TagCollector();
        var page = PageReader.ReadBytes(System.Text.Encoding.UTF8.GetBytes(Fixtures.ZlibPage()), "p").Page!;
        tags.Add(page.Package, "tree");

        var tag = Assert.Single(tags.Tags());
        Assert.Equal("develop", tag.Name);
        Assert.Equal(new[] { "e4s", "e4s-neoverse_v1", "e4s-oneapi", "ml-darwin-aarch64-mps", "root" }, tag.Stacks);
    }

    [CorpusFact]
    public void TheSitesTagListHas45Tags()
    {
        string file = TestPaths.CorpusFile("data", "tags.yaml");
        // Counted from the text, independently of the YAML reader: one "- name:" line per tag.
        var names = File.ReadLines(file).Select(l => Regex.Match(l, "^- name: (.+)$")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();
        var tags = new TagCollector();
        TagListReader.ReadFile(file, tags);

        var list = tags.Tags();
        Assert.Equal(45, names.Count);
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), list.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("develop", list[0].Name);
        Assert.Equal(names.Count(n => n.StartsWith("v", StringComparison.Ordinal)), list.Count(t => t.Kind == CacheTagKind.Release));
        Assert.Equal(names.Count(n => n.StartsWith("develop-", StringComparison.Ordinal)), list.Count(t => t.Kind == CacheTagKind.Snapshot));
        Assert.Equal("v0.21.2", list[1].Name);
        Assert.Equal("develop-2023-05-14", list[^1].Name);
        Assert.Contains("tutorial", list[0].Stacks);
    }
}
