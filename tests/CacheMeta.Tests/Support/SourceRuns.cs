using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CacheMeta.Query;
using CacheMeta.Sources;

namespace CacheMeta.Tests.Support;

/// <summary>Runs a source to the end and splits what it gave into specs (or packages) and errors.</summary>
internal sealed class SourceRun
{
    public SourceRun(ISpecSource source, SpecQuery? query = null, bool packages = false, ISourceObserver? observer = null)
        : this(source, new CompiledQuery(query ?? new SpecQuery()), packages, observer)
    {
    }

    public SourceRun(ISpecSource source, CompiledQuery query, bool packages = false, ISourceObserver? observer = null)
    {
        observer ??= new RecordingObserver();
        if (packages)
        {
            foreach (var result in source.ReadPackages(query, observer, CancellationToken.None))
            {
                Keep(result, Packages);
            }
        }
        else
        {
            foreach (var result in source.ReadSpecs(query, observer, CancellationToken.None))
            {
                Keep(result, Specs);
            }
        }
    }

    public List<CachePackage> Packages { get; } = new();

    public List<CacheSpec> Specs { get; } = new();

    public List<CacheMetaException> Errors { get; } = new();

    public IEnumerable<string> ErrorIds => Errors.Select(e => e.ErrorId.Name);

    private void Keep<T>(SourceResult<T> result, List<T> values)
        where T : class
    {
        if (result.Error is not null)
        {
            Errors.Add(result.Error);
        }
        else
        {
            values.Add(result.Value!);
        }
    }
}
