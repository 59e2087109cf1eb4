namespace CacheMeta.Audit;

/// <summary>The names of the rules <see cref="PageAuditor"/> checks, as findings carry them in <c>Rule</c>.</summary>
internal static class PageRules
{
    /// <summary>Error: <c>meta.num_specs</c> differs from the number of entries.</summary>
    public const string NumSpecs = "NumSpecs";
    /// <summary>Error: a count in <c>meta.num_specs_by_stack</c> differs from the entries in that stack.</summary>
    public const string NumSpecsByStack = "NumSpecsByStack";
    /// <summary>Error: <c>meta.versions</c> is not the set of the entries' (first) versions.</summary>
    public const string MetaVersions = "MetaVersions";
    /// <summary>Error: <c>meta.compilers</c> is not the set of the entries' compilers.</summary>
    public const string MetaCompilers = "MetaCompilers";
    /// <summary>Error: <c>meta.oss</c> is not the set of the entries' operating systems.</summary>
    public const string MetaOss = "MetaOss";
    /// <summary>Error: <c>meta.platforms</c> is not the set of the entries' platforms.</summary>
    public const string MetaPlatforms = "MetaPlatforms";
    /// <summary>Error: <c>meta.targets</c> is not the set of the entries' targets.</summary>
    public const string MetaTargets = "MetaTargets";
    /// <summary>Error: <c>meta.stacks</c> is not the set of the entries' stacks.</summary>
    public const string MetaStacks = "MetaStacks";
    /// <summary>Error: two or more entries share a hash.</summary>
    public const string DuplicateHash = "DuplicateHash";
    /// <summary>Error: a hash does not match Spack's <c>^[a-z0-9]{32}$</c>.</summary>
    public const string MalformedHash = "MalformedHash";
    /// <summary>Warning: a hash Spack accepts but cannot have made (a 0, 1, 8 or 9, outside its base32 alphabet).</summary>
    public const string NonBase32Hash = "NonBase32Hash";
    /// <summary>Warning: the entries are not ordered by hash, as the current generator orders them.</summary>
    public const string EntryOrder = "EntryOrder";
    /// <summary>Error: the title differs from the name of the page's folder.</summary>
    public const string TitleFolder = "TitleFolder";
    /// <summary>Error: the tag in <c>categories</c> differs from the name of the tag folder.</summary>
    public const string TagFolder = "TagFolder";
}
