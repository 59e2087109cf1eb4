using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Tests.Support;

/// <summary>Runs a source to the end and splits what it gave into specs, packages and errors.</summary>
internal sealed class SourceRun
{
    public SourceRun(ICacheSource source, SpecQuery? query = null, bool packageOnly = false)
    {
        foreach (var result in source.Read(new CompiledQuery(query ?? new SpecQuery()), new PageReadOptions { PackageOnly = packageOnly }, CancellationToken.None))
        {
            Results.Add(result);
            if (result.Error is not null)
            {
                Errors.Add(result.Error);
            }
            else if (result.Page is not null)
            {
                Pages.Add(result.Page);
                Specs.AddRange(result.Page.Specs);
            }
        }
    }

    public List<PageResult> Results { get; } = new();

    public List<CachePage> Pages { get; } = new();

    public List<CacheSpec> Specs { get; } = new();

    public List<CacheMetaException> Errors { get; } = new();

    public IEnumerable<string> ErrorIds => Errors.Select(e => e.ErrorId.Name);
}
