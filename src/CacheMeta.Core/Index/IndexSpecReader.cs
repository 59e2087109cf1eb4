using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;
using System.Threading;
using CacheMeta.Index.Snapshot;
using CacheMeta.Pages;
using CacheMeta.Query;
using CacheMeta.Sources;
using CacheMeta.Text;

namespace CacheMeta.Index;

/// <summary>
/// Streams the specs of one build-cache index: records with <c>in_buildcache: true</c>, mapped to
/// <see cref="CacheSpec"/> exactly as the pages show them, checked against the query before they become
/// objects, and handed out while the file is still being read.
/// <para>Compilers: from database 8 a spec's compiler is another record (gcc, llvm), before or after it in the file.
/// The record of a compiler not resolved yet is looked up once (<see cref="IIndexRecords.TryLookAhead"/>: the first
/// record of that key that reads well), and an answer found ahead of the read is checked when the read gets there
/// (<see cref="CompilerGuesses"/>); from a compiler's record on, specs take that record. Only a spec whose compiler
/// the index lacks waits: such specs are handed out at the end, showing <c>annotations.compiler</c> when the node has
/// one, else <c>none</c>. So output order is file order except for those.</para>
/// <para>The records come from an <see cref="IIndexRecords"/>: a cached blob's snapshot when it has a whole and current
/// one, else the JSON (which then writes the snapshot once it has been read to the end). Both give the same records,
/// so everything here is one logic for both.</para>
/// </summary>
internal sealed class IndexSpecReader
{
    private readonly LocalIndex _index;
    private readonly IndexReadScope _scope;
    private readonly CompiledQuery _query;
    private readonly ISourceObserver _observer;
    private readonly SpecFactory _factory;
    private readonly QueryMemo _memo;
    private readonly IndexRecord _record = new();
    private readonly Dictionary<string, (string Name, string Version)> _compilers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Waiting>> _waiting = new(StringComparer.Ordinal);
    private readonly CompilerGuesses _guesses = new();
    private readonly Dictionary<(string, string), string> _plainCompilers = new();
    private readonly Dictionary<string, IReadOnlyList<string>> _versionLists = new(StringComparer.Ordinal);
    private readonly Func<string, bool> _ruledOut;
    private readonly Func<string, bool> _wanted; // made once: a method group given per record is a delegate per record
    private int _version;
    private ISourceObserver _events = NullSourceObserver.Instance; // the read's observer, on the thread that reads

    public IndexSpecReader(LocalIndex index, IndexReadScope scope, CompiledQuery query, ISourceObserver observer)
    {
        _index = index;
        _scope = scope;
        _query = query;
        _observer = observer;
        _factory = new SpecFactory(scope.Origin);
        _memo = query.NewMemo();
        _ruledOut = name => !query.MatchesName(name);
        _wanted = query.WantsEveryName ? IndexRecordParser.EveryName : query.MatchesName;
    }

    /// <summary>
    /// The specs, in file order (but for specs that waited for their compiler), read on another thread while the caller
    /// takes them (<see cref="ReadAhead"/>).
    /// </summary>
    public IEnumerable<CacheSpec> Read(CancellationToken cancellationToken) =>
        ReadAhead.Run<CacheSpec>(Produce, _observer, cancellationToken);

    private void Produce(ReadAhead.Sink<CacheSpec> sink, CancellationToken cancellationToken)
    {
        _events = sink;
        using var records = Records(sink);
        records.Open();
        _version = records.Version;
        var ready = new List<CacheSpec>();
        bool more = true;
        while (more)
        {
            cancellationToken.ThrowIfCancellationRequested();
            more = Step(records, ready);
            foreach (var spec in ready)
            {
                sink.Add(spec);
            }

            ready.Clear();
            records.Tick();
        }

        records.Complete(); // the read was whole: a cached blob's snapshot may now be written
        foreach (string warning in _guesses.Unconfirmed(_index.Origin))
        {
            sink.Warning(warning);
        }

        foreach (var waiting in _waiting.Values)
        {
            foreach (var spec in waiting)
            {
                if (Finish(spec, spec.Annotated ?? CompilerText.None) is { } done)
                {
                    sink.Add(done);
                }
            }
        }
    }

    // A cached blob's snapshot when it is whole and current; else the JSON, noting the records for the snapshot.
    private IIndexRecords Records(ISourceObserver observer)
    {
        var snapshot = _index.Snapshot;
        if (snapshot?.TryRead(_index.Origin, observer) is { } records)
        {
            return records;
        }

        return new JsonIndexRecords(_index, observer, snapshot is null ? null : new SnapshotRecorder(snapshot, observer), _wanted);
    }

    // Reads one record; specs it completes (its own, and those that waited for it) go to ready.
    [MethodImpl(Jit.Optimized)] // a cmdlet reads an index once: its records must not pass through unoptimised code first
    private bool Step(IIndexRecords records, List<CacheSpec> ready)
    {
        if (!records.Next(_scope.RecordsMembership ? null : _ruledOut, out string hash))
        {
            return false;
        }

        if (!IndexRecordKey.LooksLikeHash(hash))
        {
            Skip(hash, IndexRecordKey.NotAHash);
            return true;
        }

        _scope.Saw(hash);
        string? problem = records.Parse(_wanted, _record);
        if (problem is not null)
        {
            Skip(hash, problem);
            return true;
        }

        var record = _record;
        if (_version >= DatabaseVersion.CompilersAsDependencies)
        {
            if (_compilers.Count > 0 && _compilers.ContainsKey(hash))
            {
                _compilers[hash] = (record.Name!, record.Version!); // the specs after a compiler's record take that record
                if (_guesses.Check(hash, record.Name!, record.Version!, _index.Origin) is { } warning)
                {
                    _events.Warning(warning);
                }
            }

            if (_waiting.Count > 0 && _waiting.TryGetValue(hash, out var waiters))
            {
                _waiting.Remove(hash);
                string compiler = Plain(record.Name!, record.Version!);
                foreach (var waiter in waiters)
                {
                    if (Finish(waiter, compiler) is { } done)
                    {
                        ready.Add(done);
                    }
                }
            }
        }

        if (!record.InBuildcache || !record.Complete || !_query.MatchesHash(hash) || !_scope.Claim(hash))
        {
            return true;
        }

        if (_version < DatabaseVersion.CompilersAsDependencies)
        {
            Add(ready, Finish(hash, record, record.NodeCompiler ?? record.AnnotatedCompiler ?? CompilerText.None));
        }
        else if (record.CompilerHash is null)
        {
            Add(ready, Finish(hash, record, record.AnnotatedCompiler ?? CompilerText.None));
        }
        else if (_compilers.TryGetValue(record.CompilerHash, out var known))
        {
            Add(ready, Finish(hash, record, Plain(known.Name, known.Version)));
        }
        else if (_guesses.TryLook(records, record.CompilerHash, _wanted, out string name, out string version))
        {
            _compilers[record.CompilerHash] = (name, version);
            Add(ready, Finish(hash, record, Plain(name, version)));
        }
        else
        {
            if (!_waiting.TryGetValue(record.CompilerHash, out var list))
            {
                _waiting[record.CompilerHash] = list = new List<Waiting>();
            }

            list.Add(new Waiting(hash, record)); // its own copy: the parser's record is refilled
        }

        return true;
    }

    private CacheSpec? Finish(string hash, IndexRecord record, string compiler) =>
        Finish(hash, record.Name!, record.Version!, record.Arch, record.Variants, record.Dependencies, compiler);

    private CacheSpec? Finish(Waiting spec, string compiler) =>
        Finish(spec.Hash, spec.Name, spec.Version, spec.Arch, spec.Variants, spec.Dependencies, compiler);

    // The spec if it passes the query, else null.
    [MethodImpl(Jit.Optimized)] // a cmdlet reads an index once: its records must not pass through unoptimised code first
    private CacheSpec? Finish(string hash, string name, string version, ArchParts arch, IReadOnlyList<string> variants,
        IReadOnlyList<DependencyEdge> dependencies, string compiler)
    {
        var versions = VersionList(version);
        var stacks = _scope.StacksOf(hash);
        if (!_query.MatchesRecord(_memo, name, hash, compiler, arch.OS, arch.Platform, arch.Target,
                _factory.FamilyOf(arch.Target), versions, variants, stacks))
        {
            return null;
        }

        return _factory.Create(name, _scope.Tag, hash, versions, compiler, arch.OS, arch.Platform, arch.Target,
            variants, stacks, size: null, tarball: null, _index.Origin, dependencies);
    }

    private static void Add(List<CacheSpec> ready, CacheSpec? spec)
    {
        if (spec is not null)
        {
            ready.Add(spec);
        }
    }

    private string Plain(string name, string version)
    {
        if (!_plainCompilers.TryGetValue((name, version), out string? text))
        {
            text = CompilerText.Plain(name, version);
            _plainCompilers[(name, version)] = text;
        }

        return text;
    }

    private IReadOnlyList<string> VersionList(string version)
    {
        if (!_versionLists.TryGetValue(version, out var list))
        {
            list = new ValueList(new[] { version });
            _versionLists[version] = list;
        }

        return list;
    }

    private void Skip(string hash, string reason) => _events.Warning(IndexRecordKey.Skipped(hash, _index.Origin, reason));

    // A spec's values, kept while it waits for its compiler record (the parser's record is refilled).
    private sealed class Waiting
    {
        public Waiting(string hash, IndexRecord record)
        {
            Hash = hash;
            Name = record.Name!;
            Version = record.Version!;
            Arch = record.Arch;
            Variants = record.Variants;
            Annotated = record.AnnotatedCompiler;
            Dependencies = record.Dependencies;
        }

        public string Hash { get; }

        public string Name { get; }

        public string Version { get; }

        public ArchParts Arch { get; }

        public IReadOnlyList<string> Variants { get; }

        public string? Annotated { get; }

        public IReadOnlyList<DependencyEdge> Dependencies { get; }
    }
}
