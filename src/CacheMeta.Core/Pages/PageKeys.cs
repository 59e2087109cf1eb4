namespace CacheMeta.Pages;

/// <summary>The keys of a cache page's front matter and records, as the generator writes them.</summary>
internal static class PageKeys
{
    public const string Title = "title";
    public const string Layout = "layout";
    public const string Categories = "categories";
    public const string Category = "category";
    public const string Meta = "meta";
    public const string SpecDetails = "spec_details";
    public const string SpecFiles = "spec_files";
    public const string SpecNames = "spec_names";

    public const string Compilers = "compilers";
    public const string Oss = "oss";
    public const string Platforms = "platforms";
    public const string Targets = "targets";
    public const string Versions = "versions";
    public const string Stacks = "stacks";
    public const string NumSpecs = "num_specs";
    public const string NumSpecsByStack = "num_specs_by_stack";

    public const string Hash = "hash";
    public const string Compiler = "compiler";
    public const string Os = "os";
    public const string Platform = "platform";
    public const string Target = "target";
    public const string Variants = "variants";
    public const string Size = "size";
    public const string Tarball = "tarball";

    /// <summary>What <c>size</c> says when the size is unknown.</summary>
    public const string UnknownSize = "-";

    /// <summary>The category every page carries besides its tag.</summary>
    public const string PackageCategory = "package";
}
