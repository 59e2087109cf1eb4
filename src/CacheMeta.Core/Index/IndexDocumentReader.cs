using System;
using System.IO;
using System.Text.Json;
using CacheMeta.Text;

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
    private bool _first;

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

    /// <summary>Where <see cref="Window"/> starts in the (decompressed) document.</summary>
    public long WindowOffset => _cursor?.WindowOffset ?? 0;

    /// <summary>The buffer record slices refer to.</summary>
    public byte[] Window => _cursor!.Window;

    /// <summary>Reads up to the first record and checks the database version.</summary>
    public void Open()
    {
        try
        {
            string? version = null;
            bool atRecords = WalkToRecords(Start(), ref version, stopAtRecords: true);
            if (atRecords && version is null)
            {
                // installs before version: find the version past the records, then start over.
                string? late = null;
                WalkToRecords(Start(), ref late, stopAtRecords: false);
                version = late;
                string? ignored = null;
                WalkToRecords(Start(), ref ignored, stopAtRecords: true);
            }

            Version = DatabaseVersion.Check(version, _target);
            _inRecords = atRecords;
            _first = true;
            while (!atRecords && _cursor!.Read())
            {
                // No records: the rest of the document must still be JSON.
            }
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            throw Failure(ex);
        }
    }

    /// <summary>Moves to the next record: its key and where its value lies in <see cref="Window"/>.</summary>
    public bool NextRecord(out string key, out int offset, out int length) => NextRecord(out key, out offset, out length, out _);

    /// <summary>As <see cref="NextRecord(out string, out int, out int)"/>, with what the cut noted of the record.</summary>
    public bool NextRecord(out string key, out int offset, out int length, out RecordShape shape)
    {
        try
        {
            if (!NextMember(out var member))
            {
                key = string.Empty;
                offset = length = 0;
                shape = default;
                return false;
            }

            key = KeyOf(member);
            offset = member.ValueStart;
            length = member.ValueLength;
            shape = member.Shape;
            return true;
        }
        catch (Exception ex) when (IsReadFailure(ex))
        {
            throw Failure(ex);
        }
    }

    /// <summary>Moves to the next record and passes over its value: for reading which hashes an index holds.</summary>
    public bool NextKeyOnly(out string key) => NextRecord(out key, out _, out _, out _);

    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
    }

    // The next member of installs; false (and the rest of the document checked) when installs ends.
    private bool NextMember(out MemberSlices member)
    {
        member = default;
        if (!_inRecords)
        {
            return false;
        }

        var cursor = _cursor!;
        if (cursor.CutMember(_first, out member))
        {
            _first = false;
            return true;
        }

        _inRecords = false;
        cursor.Read(); // the closing brace of installs, read with the state of its opening one
        while (cursor.Read())
        {
            // The rest of the document (usually a few bytes): a file cut short must not pass as whole.
        }

        return false;
    }

    // A record key: almost always a plain ASCII hash; anything else is decoded as JSON decodes it.
    private string KeyOf(in MemberSlices member)
    {
        var raw = new ReadOnlySpan<byte>(Window, member.KeyStart, member.KeyLength);
        if (!member.KeyEscaped && Ascii.IsAscii(raw))
        {
            return Ascii.Decode(raw);
        }

        var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(Window, member.KeyStart - 1, member.KeyLength + 2));
        reader.Read();
        return reader.GetString()!; // InvalidOperationException for a key that is not UTF-8, as the reference reading
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

    private static bool IsReadFailure(Exception ex) =>
        ex is JsonException or InvalidOperationException or InvalidDataException or IOException;

    // Syntax errors carry their line; InvalidOperationException is a string that is not valid UTF-8 (System.Text.Json checks
    // only when decoding; found by fuzzing); InvalidDataException a gzip stream that is not gzip after all.
    private CacheMetaException Failure(Exception ex) => ex switch
    {
        JsonException json => new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
            $"The index is not valid: {json.Message} (near byte {Position:N0}).", _target,
            json.LineNumber is long n ? (int)Math.Min(n + 1, int.MaxValue) : 0, innerException: json),
        InvalidOperationException => new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
            $"The index is not valid: {ex.Message} (near byte {Position:N0}).", _target, innerException: ex),
        _ => new CacheMetaException(ErrorIds.InvalidIndex, CacheErrorKind.InvalidData,
            "The index could not be read: " + ex.Message, _target, innerException: ex),
    };
}
