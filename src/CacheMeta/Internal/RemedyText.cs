namespace CacheMeta.Commands.Internal;

/// <summary>
/// The words for an engine error's <see cref="CacheRemedy"/>: the cmdlet parameters that help, which only the cmdlet
/// layer knows. <see cref="ErrorRecords"/> adds them to the message and as the recommended action.
/// </summary>
internal static class RemedyText
{
    public static string? For(CacheRemedy remedy) => remedy switch
    {
        CacheRemedy.ReadOffline => "Add -Offline to read it.",
        CacheRemedy.ReadOnline => "Run the command once without -Offline.",
        CacheRemedy.ReadIndex => "Read the specs from a build-cache index with -Mirror or -Catalog.",
        CacheRemedy.RaisePageLimit => "-MaxPageBytes raises the limit.",
        CacheRemedy.ReadAsCatalog => "A catalog file goes to -Catalog.",
        CacheRemedy.SkipSignatureCheck => "-SkipSignatureCheck keeps it anyway.",
        _ => null,
    };
}
