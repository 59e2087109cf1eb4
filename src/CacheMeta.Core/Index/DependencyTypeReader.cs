using System.Text.Json;

namespace CacheMeta.Index;

/// <summary>An edge's dependency types (<c>type</c> before spec v4, <c>parameters.deptypes</c> since) as flags.</summary>
internal static class DependencyTypeReader
{
    /// <summary>The value the reader is on: <c>["build", "link"]</c> or one string; names Spack may add later are passed over.</summary>
    public static DependencyTypes Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return TypeOf(ref reader);
        }

        var types = DependencyTypes.None;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return types;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                types |= TypeOf(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return types;
    }

    private static DependencyTypes TypeOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("build"u8) ? DependencyTypes.Build
        : reader.ValueTextEquals("link"u8) ? DependencyTypes.Link
        : reader.ValueTextEquals("run"u8) ? DependencyTypes.Run
        : reader.ValueTextEquals("test"u8) ? DependencyTypes.Test
        : DependencyTypes.None;
}
