using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using CacheMeta.Index;

namespace CacheMeta.Mirrors;

/// <summary>
/// One streaming pass over a build-cache index (<c>{"database": {"version": ..., "installs": {hash: record}}}</c>)
/// that keeps, for the records whose key is asked for, the <c>spec</c> value's bytes exactly as the file has them
/// and <c>in_buildcache</c>; every other record is skipped unparsed. Only a window of the file is held (a record
/// may not exceed <see cref="MaxRecordBytes"/>), so an index of any size costs the memory of the records kept.
/// <para>The index readers in <c>Index/</c> build spec records; this reader exists so an exported index can carry
/// each record's spec as Spack wrote it, token for token, rather than one rebuilt from a <see cref="CacheSpec"/>.</para>
/// </summary>
internal sealed class RawRecordExtractor
{
    /// <summary>The largest record accepted, so a hostile file cannot make the window grow without bound.</summary>
    public const int MaxRecordBytes = 64 * 1024 * 1024;

    private delegate bool Step<T>(ref Utf8JsonReader reader, out T result);

    private readonly StreamWindow _window;
    private readonly string _target;
    private JsonReaderState _state = new(new JsonReaderOptions { MaxDepth = 64 });

    private RawRecordExtractor(Stream stream, string target, int initialBufferBytes)
    {
        _window = new StreamWindow(stream, initialBufferBytes, MaxRecordBytes);
        _target = target;
    }

    /// <summary>The records of <paramref name="index"/> whose key <paramref name="wanted"/> accepts (gzip is undone).</summary>
    /// <exception cref="CacheMetaException">InvalidIndex for a file that is not Database JSON; UnsupportedIndexVersion.</exception>
    public static RawIndex Extract(LocalIndex index, Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        using var stream = index.Open(out var file);
        using (file)
        {
            return Extract(stream, index.Origin, wanted, cancellationToken);
        }
    }

    /// <summary>As above, from a stream of (uncompressed) index text; <paramref name="target"/> names it in errors.</summary>
    public static RawIndex Extract(Stream stream, string target, Func<string, bool> wanted, CancellationToken cancellationToken,
        int initialBufferBytes = 1 << 20)
    {
        var extractor = new RawRecordExtractor(stream, target, initialBufferBytes);
        try
        {
            return extractor.Run(wanted, cancellationToken);
        }
        catch (JsonException ex)
        {
            int line = ex.LineNumber is long n ? (int)Math.Min(n + 1, int.MaxValue) : 0;
            throw new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
                $"The index is not valid: {ex.Message} (near byte {extractor.Position:N0}).", target, line, innerException: ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or IOException)
        {
            // InvalidOperationException: a string that is not valid UTF-8; InvalidDataException: gzip that is not.
            throw new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
                $"The index could not be read: {ex.Message} (near byte {extractor.Position:N0}).", target, innerException: ex);
        }
    }

    private long Position => _window.Position;

    private RawIndex Run(Func<string, bool> wanted, CancellationToken cancellationToken)
    {
        Run<bool>(Token(JsonTokenType.StartObject, "The index is not a JSON object."));
        string? version = null;
        bool sawInstalls = false;
        var records = new List<RawIndexRecord>();
        while (Run<string?>(NextName) is { } name)
        {
            if (name != "database")
            {
                Run<bool>(SkipValue);
                continue;
            }

            Run<bool>(Token(JsonTokenType.StartObject, "'database' is not an object."));
            while (Run<string?>(NextName) is { } field)
            {
                switch (field)
                {
                    case "version":
                        version = Run<string>(ScalarText);
                        break;
                    case "installs":
                        Run<bool>(Token(JsonTokenType.StartObject, "'database.installs' is not an object."));
                        sawInstalls = true;
                        ReadInstalls(wanted, records, cancellationToken);
                        break;
                    default:
                        Run<bool>(SkipValue);
                        break;
                }
            }
        }

        Run<bool>(End);
        if (!sawInstalls)
        {
            throw new JsonException("The index has no 'database.installs'.");
        }

        DatabaseVersion.Check(version, _target);
        return new RawIndex(version!, records);
    }

    // The records of database.installs; a key already taken is passed over, as every reader takes the first.
    private void ReadInstalls(Func<string, bool> wanted, List<RawIndexRecord> records, CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        while (Run<string?>(NextName) is { } key)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = wanted(key) && !taken.Contains(key)
                ? Run<RawIndexRecord?>((ref Utf8JsonReader r, out RawIndexRecord? v) => ReadRecord(ref r, key, out v))
                : null;
            if (record is null)
            {
                Run<bool>(SkipValue); // not asked for, or not an object with a spec object (the readers skip it too)
                continue;
            }

            taken.Add(key);
            records.Add(record);
        }
    }

    // Runs one step over the window; a step that meets the window's end is run again on a larger window.
    private T Run<T>(Step<T> step)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_window.Unread, _window.Final, _state);
            if (step(ref reader, out T result))
            {
                _window.Consume(reader.BytesConsumed);
                _state = reader.CurrentState;
                return result;
            }

            if (_window.Final)
            {
                throw new JsonException("The document ends early.");
            }

            _window.Fill();
        }
    }

    private static Step<bool> Token(JsonTokenType type, string message) => (ref Utf8JsonReader reader, out bool ok) =>
    {
        ok = reader.Read();
        return !ok ? false : reader.TokenType == type ? true : throw new JsonException(message);
    };

    // A property name, or null at the end of the object.
    private static bool NextName(ref Utf8JsonReader reader, out string? name)
    {
        name = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            name = reader.GetString();
        }
        else if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new JsonException($"A property name was expected, not {reader.TokenType}.");
        }

        return true;
    }

    private static bool SkipValue(ref Utf8JsonReader reader, out bool done)
    {
        done = reader.Read() && reader.TrySkip();
        return done;
    }

    private static bool ScalarText(ref Utf8JsonReader reader, out string text)
    {
        text = "";
        if (!reader.Read())
        {
            return false;
        }

        text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString()!,
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan.ToArray()),
            _ => throw new JsonException("'database.version' is not a string or number."),
        };
        return true;
    }

    // The record's spec bytes and in_buildcache; null, consuming nothing, when the record is not of that shape.
    private bool ReadRecord(ref Utf8JsonReader reader, string key, out RawIndexRecord? record)
    {
        record = null;
        var probe = reader; // advanced alone, and copied back only for a whole record of the right shape
        if (!probe.Read())
        {
            return false;
        }

        if (probe.TokenType != JsonTokenType.StartObject)
        {
            return true;
        }

        byte[]? spec = null;
        bool inBuildcache = false;
        while (probe.Read())
        {
            if (probe.TokenType == JsonTokenType.EndObject)
            {
                if (spec is not null)
                {
                    record = new RawIndexRecord(key, spec, inBuildcache);
                    reader = probe;
                }

                return true;
            }

            string? field = probe.GetString();
            if (!probe.Read())
            {
                return false;
            }

            if (field == "spec" && probe.TokenType == JsonTokenType.StartObject)
            {
                int from = (int)probe.TokenStartIndex;
                if (!probe.TrySkip())
                {
                    return false;
                }

                spec = _window.Unread.Slice(from, (int)probe.BytesConsumed - from).ToArray();
            }
            else
            {
                inBuildcache = field == "in_buildcache" ? probe.TokenType == JsonTokenType.True : inBuildcache;
                if (!probe.TrySkip())
                {
                    return false;
                }
            }
        }

        return false;
    }

    // Past the document's closing brace only whitespace may follow: a file cut short or run on must not pass as whole.
    private bool End(ref Utf8JsonReader reader, out bool done)
    {
        done = _window.Final;
        if (reader.Read())
        {
            throw new JsonException("The index has data after its end.");
        }

        return done;
    }
}
