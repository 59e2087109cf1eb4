using System;
using System.Text.Json;

namespace CacheMeta.Index;

/// <summary>
/// Finds a database 8 node's compiler among its dependencies: the node reached by a <c>build</c> edge whose
/// virtuals include <c>c</c>, <c>cxx</c> or <c>fortran</c> (preferred in that order when they differ, as the
/// C compiler is the one a spec is usually said to be built with).
/// Dependencies come as <c>{name: {hash, type}}</c> (spec v1), <c>[{name, hash, type}]</c> (v2-v3) or
/// <c>[{name, hash, parameters: {deptypes, virtuals}}]</c> (v4+); only the last carries virtuals, the other
/// shapes are checked and passed over.
/// </summary>
internal static class CompilerEdges
{
    /// <summary>Reads the dependencies value at the reader; null, or why it is malformed.</summary>
    public static string? Read(ref Utf8JsonReader reader, bool wanted, out string? compilerHash)
    {
        compilerHash = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject:
                reader.Skip();
                return null;
            case JsonTokenType.StartArray when !wanted:
                reader.Skip();
                return null;
            case JsonTokenType.StartArray:
                break;
            default:
                return "'dependencies' is not a list or an object";
        }

        int best = int.MaxValue;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? hash = null;
            int rank = int.MaxValue;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isHash = reader.ValueTextEquals("hash"u8), isParameters = reader.ValueTextEquals("parameters"u8);
                reader.Read();
                if (isHash && reader.TokenType == JsonTokenType.String)
                {
                    hash = reader.GetString();
                }
                else if (isParameters)
                {
                    rank = Rank(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }

            if (hash is not null && rank < best)
            {
                best = rank;
                compilerHash = hash;
            }
        }

        return reader.TokenType == JsonTokenType.EndArray ? null : "'dependencies' holds an entry that is not an object";
    }

    // 0 for a build edge providing c, 1 for cxx, 2 for fortran; MaxValue for any other edge.
    private static int Rank(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return int.MaxValue;
        }

        bool build = false;
        int rank = int.MaxValue;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool deptypes = reader.ValueTextEquals("deptypes"u8), virtuals = reader.ValueTextEquals("virtuals"u8);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray || !(deptypes || virtuals))
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                }
                else if (deptypes)
                {
                    build |= reader.ValueTextEquals("build"u8);
                }
                else
                {
                    rank = Math.Min(rank, reader.ValueTextEquals("c"u8) ? 0 : reader.ValueTextEquals("cxx"u8) ? 1
                        : reader.ValueTextEquals("fortran"u8) ? 2 : int.MaxValue);
                }
            }
        }

        return build ? rank : int.MaxValue;
    }
}
