using System.Management.Automation;

namespace CacheMeta.Commands.Members;

/// <summary>
/// The getters of the <c>Version</c> and <c>LatestVersion</c> code properties CacheMeta.psm1 adds to the model.
/// </summary>
/// <remarks>
/// ConvertTo-Json writes an object that is not a string, number, date, dictionary or list as a map of its public
/// properties, read by reflection; a SpackVersion property would come out as <c>{"Text": "3.2.1"}</c>. So the
/// model's public Version properties are the version's text, which ConvertTo-Json and Export-Csv write as
/// <c>"3.2.1"</c>, and these code properties give PowerShell the SpackVersion in their place: ETS members come
/// before adapted ones, so Sort-Object, Where-Object and <c>$spec.Version</c> see a value that orders as Spack
/// orders versions, while ConvertTo-Json keeps the text it read first.
/// </remarks>
public static class VersionProperties
{
    /// <summary>CacheSpec.Version.</summary>
    public static SpackVersion? SpecVersion(PSObject spec) => (spec?.BaseObject as CacheSpec)?.ParsedVersion;

    /// <summary>CacheSpecDifference.Version.</summary>
    public static SpackVersion? DifferenceVersion(PSObject difference) => (difference?.BaseObject as CacheSpecDifference)?.ParsedVersion;

    /// <summary>CacheTag.Version.</summary>
    public static SpackVersion? TagVersion(PSObject tag) => (tag?.BaseObject as CacheTag)?.ParsedVersion;

    /// <summary>CachePackage.LatestVersion.</summary>
    public static SpackVersion? PackageLatestVersion(PSObject package) => (package?.BaseObject as CachePackage)?.ParsedLatestVersion;

    /// <summary>CacheHost.Glibc.</summary>
    public static SpackVersion? HostGlibc(PSObject host) => (host?.BaseObject as CacheHost)?.ParsedGlibc;

    /// <summary>CacheDependency.Version.</summary>
    public static SpackVersion? DependencyVersion(PSObject dependency) => (dependency?.BaseObject as CacheDependency)?.ParsedVersion;
}
