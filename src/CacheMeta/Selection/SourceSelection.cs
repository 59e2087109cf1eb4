using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CacheMeta.Http;
using CacheMeta.Sources;

namespace CacheMeta.Commands.Selection;

/// <summary>What kind of source a command line names.</summary>
internal enum SourceKind
{
    /// <summary>cache.spack.io pages: files and folders.</summary>
    Pages,

    /// <summary>Catalogs of tagged build caches.</summary>
    Catalog,

    /// <summary>Single build caches.</summary>
    Mirror,
}

/// <summary>What a command reads when its command line names no source and <c>$env:CACHEMETA_PATH</c> is unset.</summary>
internal enum DefaultSource
{
    /// <summary>Nothing: the command needs pages (NoCacheSource), or it is tab completion, which offers well-known values.</summary>
    None,

    /// <summary>The default catalog: <c>$env:CACHEMETA_CATALOG</c>, else the public cache's.</summary>
    Catalog,
}

/// <summary>
/// The one mapping from bound source parameters to a source, used by every cmdlet (Get-CacheTag included) and by tab
/// completion: <c>-Catalog</c>, else <c>-Mirror</c>, else <c>-LiteralPath</c>, else <c>-Path</c> (wildcards), else the
/// page folder in <c>$env:CACHEMETA_PATH</c>, else the command's default. Paths are resolved through PowerShell's
/// providers against the current location (a catalog's or mirror's path too); URLs are taken as given.
/// </summary>
internal sealed class SourceSelection
{
    /// <summary>The environment variable naming the default page tree.</summary>
    public const string PathVariable = "CACHEMETA_PATH";

    private readonly SourceParameters _parameters;

    private SourceSelection(SourceKind kind, IReadOnlyList<string> addresses, bool isDefault, SourceParameters parameters,
        IReadOnlyList<ErrorRecord> errors)
    {
        Kind = kind;
        Addresses = addresses;
        IsDefault = isDefault;
        _parameters = parameters;
        Errors = errors;
    }

    public SourceKind Kind { get; }

    /// <summary>File system paths (of pages that exist, of catalogs and mirrors as given) or URLs.</summary>
    public IReadOnlyList<string> Addresses { get; }

    /// <summary>True when the command line named no source: <c>$env:CACHEMETA_PATH</c>, or the default catalog.</summary>
    public bool IsDefault { get; }

    /// <summary>The paths that did not resolve (PathNotFound, UnsupportedProvider), for the caller to write or count.</summary>
    public IReadOnlyList<ErrorRecord> Errors { get; }

    /// <summary>How indexes and remote catalogs are fetched: the local cache folder, and -Offline.</summary>
    public FetchOptions FetchOptions => new() { CacheDirectory = LocalCache.DefaultDirectory(), Offline = _parameters.Offline };

    /// <summary>
    /// The source the parameters name; null when they name none, <c>$env:CACHEMETA_PATH</c> is unset and
    /// <paramref name="fallback"/> is <see cref="DefaultSource.None"/>.
    /// </summary>
    /// <remarks>A command that reads indexes only (Test-CacheIndex) passes <c>readsPages: false</c>: <c>$env:CACHEMETA_PATH</c>
    /// names pages, so it is passed over for the default catalog.</remarks>
    public static SourceSelection? Select(SourceParameters parameters, IPathResolver paths, DefaultSource fallback, bool readsPages = true)
    {
        var errors = new List<ErrorRecord>();
        if (parameters.Catalog is not null)
        {
            return new(SourceKind.Catalog, Array.ConvertAll(parameters.Catalog, a => Address(a, paths)), false, parameters, errors);
        }

        if (parameters.Mirror is not null)
        {
            return new(SourceKind.Mirror, Array.ConvertAll(parameters.Mirror, a => Address(a, paths)), false, parameters, errors);
        }

        if (parameters.LiteralPath is not null || parameters.Path is not null)
        {
            var resolved = paths.Resolve(parameters.LiteralPath ?? parameters.Path!, literal: parameters.LiteralPath is not null, errors);
            return new(SourceKind.Pages, resolved, false, parameters, errors);
        }

        string? pages = Environment.GetEnvironmentVariable(PathVariable);
        if (readsPages && !string.IsNullOrEmpty(pages))
        {
            return new(SourceKind.Pages, paths.Resolve(new[] { pages! }, literal: true, errors), true, parameters, errors);
        }

        return fallback == DefaultSource.Catalog
            ? new(SourceKind.Catalog, new[] { Address(Catalog.DefaultAddress(), paths) }, true, parameters, errors)
            : null;
    }

    /// <summary>The selected source, ready to read.</summary>
    public ISpecSource Open() => Kind == SourceKind.Pages
        ? new PageTreeSource(Addresses, _parameters.MaxPageBytes)
        : SourceList.Of(OpenIndexes().ToList<ISpecSource>());

    /// <summary>The selected index sources one by one (a mirror's addresses are one source; each catalog is one).</summary>
    /// <exception cref="InvalidOperationException">The selection names pages.</exception>
    public IReadOnlyList<IIndexSource> OpenIndexes() => Kind switch
    {
        SourceKind.Mirror => new IIndexSource[] { new MirrorSource(Addresses, FetchOptions) },
        SourceKind.Catalog => Addresses.Select(a => (IIndexSource)new CatalogSource(a, FetchOptions, _parameters.CompleteStacks)).ToList(),
        _ => throw new InvalidOperationException("Pages are not index sources."),
    };

    // URLs pass as given; anything else is a path, taken against PowerShell's current location (not the process's).
    private static string Address(string value, IPathResolver paths) => SourceAddress.IsUrl(value) ? value : paths.Unresolved(value);
}
