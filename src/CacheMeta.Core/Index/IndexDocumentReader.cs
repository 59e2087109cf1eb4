using System;
using System.IO;
using System.Text.Json;

namespace CacheMeta.Index;

/// <summary>
/// Streams the records of a build-cache index (<c>{"database": {"version": ..., "installs": {hash: record}}}</c>)
/// one at a time. Spack writes <c>version</c> before <c>installs</c>, so the version is known before the
/// first record; a file written the other way round is read twice: once walking past the records to find
/// the version, then again to stream them (the caller's opener gives a fresh stream each time).
/// Syntax errors become InvalidIndex errors with the line; malformed records are the caller's concern.
/// </summary>
internal sealed class IndexDocumentReader : IDisposable
{
    /// <summary>The largest single record accepted (real records are a few kilobytes).</summary>
    public const int DefaultMaxRecordBytes = 64 * 1024 * 1024;

    private readonly Func<Stream> _open;
    private readonly string _target;
    private readonly int _maxRecordBytes;
    private readonly int _initialBufferBytes;
    private Stream? _stream;
    private JsonStreamCursor? _cursor;
    private bool _inRecords;

    public IndexDocumentReader(Func<Stream> open, string target, int maxRecordBytes = DefaultMaxRecordBytes, int initialBufferBytes = 1 << 20)
    {
        _open = open;
        _target = target;
        _maxRecordBytes = maxRecordBytes;
        _initialBufferBytes = initialBufferBytes;
    }

    /// <summary>The database version, known after <see cref="Open"/>.</summary>
    public int Version { get; private set; }

    /// <summary>Bytes of the (decompressed) document consumed so far.</summary>
    public long Position => _cursor?.Position ?? 0;

    /// <summary>The buffer record slices refer to.</summary>
    public byte[] Window => _cursor!.Window;

    /// <summary>Reads up to the first record and checks the database version.</summary>
    public void Open()
    {
        Guard(() =>
        {
            string? version = null;
            bool atRecords = WalkToRecords(Start(), ref version, stopAtRecords: true);
            if (atRecords && version is null)
            {
                // installs before version: find the version past the records, then start over.
                string? late = null;
                var probe = Start();
                WalkToRecords(probe, ref late, stopAtRecords: false);
                version = late;
                _stream?.Dispose();
                _stream = null;
                string? ignored = null;
                WalkToRecords(Start(), ref ignored, stopAtRecords: true);
            }

            Version = DatabaseVersion.Check(version, _target);
            _inRecords = atRecords;
            return true;
        });
    }

    /// <summary>Moves to the next record: its key and where its value lies in <see cref="Window"/>.</summary>
    public bool NextRecord(out string key, out int offset, out int length)
    {
        string? k = null;
        int o = 0, l = 0;
        bool found = Guard(() =>
        {
            if (!NextKey(out k))
            {
                return false;
            }

            (o, l) = _cursor!.ReadValue();
            return true;
        });
        key = k ?? string.Empty;
        offset = o;
        length = l;
        return found;
    }

    /// <summary>Moves to the next record and skips its value: for reading which hashes an index holds.</summary>
    public bool NextKeyOnly(out string key)
    {
        string? k = null;
        bool found = Guard(() =>
        {
            if (!NextKey(out k))
            {
                return false;
            }

            _cursor!.ReadValue();
            return true;
        });
        key = k ?? string.Empty;
        return found;
    }

    public void Dispose() => _stream?.Dispose();

    private bool NextKey(out string? key)
    {
        key = null;
        if (!_inRecords)
        {
            return false;
        }

        var cursor = _cursor!;
        if (!cursor.Read(wantText: true))
        {
            throw new JsonException("The document ends inside 'installs'.");
        }

        if (cursor.TokenType == JsonTokenType.EndObject)
        {
            _inRecords = false;
            while (cursor.Read())
            {
                // The rest of the document (usually a few bytes): a file cut short must not pass as whole.
            }

            return false;
        }

        key = cursor.Text;
        return true;
    }

    private JsonStreamCursor Start()
    {
        _stream?.Dispose();
        _stream = _open();
        _cursor = new JsonStreamCursor(_stream, _maxRecordBytes, _initialBufferBytes);
        return _cursor;
    }

    // Walks database.* until the installs object opens (stopAtRecords) or the document ends, noting the version.
    private static bool WalkToRecords(JsonStreamCursor cursor, ref string? version, bool stopAtRecords)
    {
        Expect(cursor, JsonTokenType.StartObject, "The index is not a JSON object.");
        bool sawRecords = false;
        while (cursor.Read(wantText: true) && cursor.TokenType == JsonTokenType.PropertyName)
        {
            if (cursor.Text != "database")
            {
                cursor.SkipValue();
                continue;
            }

            Expect(cursor, JsonTokenType.StartObject, "'database' is not an object.");
            while (cursor.Read(wantText: true) && cursor.TokenType == JsonTokenType.PropertyName)
            {
                switch (cursor.Text)
                {
                    case "version":
                        cursor.Read(wantText: true);
                        version = cursor.TokenType is JsonTokenType.String or JsonTokenType.Number
                            ? cursor.Text
                            : throw new JsonException("'database.version' is not a string or number.");
                        break;
                    case "installs" when stopAtRecords:
                        Expect(cursor, JsonTokenType.StartObject, "'database.installs' is not an object.");
                        return true;
                    case "installs":
                        sawRecords = true;
                        cursor.SkipValue();
                        break;
                    default:
                        cursor.SkipValue();
                        break;
                }
            }
        }

        return sawRecords;
    }

    private static void Expect(JsonStreamCursor cursor, JsonTokenType type, string message)
    {
        if (!cursor.Read() || cursor.TokenType != type)
        {
            throw new JsonException(message);
        }
    }

    private bool Guard(Func<bool> step)
    {
        try
        {
            return step();
        }
        catch (InvalidOperationException ex)
        {
            // A string that is not valid UTF-8: System.Text.Json checks only when decoding (found by fuzzing).
            throw new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
                $"The index is not valid: {ex.Message} (near byte {Position:N0}).", _target, innerException: ex);
        }
        catch (JsonException ex)
        {
            int line = ex.LineNumber is long n ? (int)Math.Min(n + 1, int.MaxValue) : 0;
            throw new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
                $"The index is not valid: {ex.Message} (near byte {Position:N0}).", _target, line, innerException: ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // InvalidDataException: a gzip stream that is not gzip after all.
            throw new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
                "The index could not be read: " + ex.Message, _target, innerException: ex);
        }
    }
}
