using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace CacheMeta.Hosts;

/// <summary>
/// Names an operating system as Spack does in the arch triplet (lib/spack/spack/operating_systems/ in spack/spack):
/// Linux as the os-release ID and version (LinuxDistro, through the distro package's id() and version()), macOS by
/// its release name (MacOs), Windows as <c>windows</c> and its version (WindowsOs). Spack writes any '-' as '_'.
/// </summary>
internal static class OperatingSystemName
{
    // distro's NORMALIZED_OS_ID: IDs that os-release spells differently from the distro's stable name.
    private static readonly Dictionary<string, string> NormalizedIds = new(StringComparer.Ordinal)
    {
        ["ol"] = "oracle",
        ["opensuse-leap"] = "opensuse",
    };

    // Spack's MacOs.mac_releases: up to 10.15 by major.minor, from 11 by major.
    private static readonly Dictionary<string, string> MacReleases = new(StringComparer.Ordinal)
    {
        ["10.0"] = "cheetah", ["10.1"] = "puma", ["10.2"] = "jaguar", ["10.3"] = "panther", ["10.4"] = "tiger",
        ["10.5"] = "leopard", ["10.6"] = "snowleopard", ["10.7"] = "lion", ["10.8"] = "mountainlion", ["10.9"] = "mavericks",
        ["10.10"] = "yosemite", ["10.11"] = "elcapitan", ["10.12"] = "sierra", ["10.13"] = "highsierra", ["10.14"] = "mojave",
        ["10.15"] = "catalina", ["10.16"] = "bigsur", ["11"] = "bigsur", ["12"] = "monterey", ["13"] = "ventura",
        ["14"] = "sonoma", ["15"] = "sequoia", ["26"] = "tahoe",
    };

    /// <summary>
    /// The Linux name from an os-release file: <c>ubuntu22.04</c>, <c>rhel8</c>, <c>debian12</c>, <c>sles15</c>.
    /// Ubuntu keeps two version parts, every other distribution the first identifier of its version (so 8.9 is 8 and
    /// Debian's "trixie/sid" is trixie); openSUSE Tumbleweed, a rolling release, is <c>opensusetumbleweed</c> and its glibc
    /// version. <paramref name="debianVersion"/> is /etc/debian_version, which Debian-like systems without a VERSION_ID
    /// (testing, unstable) fall back to. A file without an ID names the OS <c>unknown</c>, as Spack does.
    /// </summary>
    public static string FromOsRelease(string osRelease, string? debianVersion = null, SpackVersion? glibc = null)
    {
        var fields = ParseOsRelease(osRelease);
        string id = (Field(fields, "ID") ?? "unknown").ToLowerInvariant().Replace(' ', '_');
        id = NormalizedIds.TryGetValue(id, out string? normal) ? normal : id;
        string version = Field(fields, "VERSION_ID") ?? "";
        bool debianLike = id == "debian" || Array.IndexOf((Field(fields, "ID_LIKE") ?? "").Split(' '), "debian") >= 0;
        if (version.Length == 0 && debianLike && debianVersion is not null)
        {
            version = debianVersion.Trim();
        }

        string[] parts = SplitIdentifiers(version);
        if (id.Contains("ubuntu"))
        {
            version = string.Join(".", parts, 0, Math.Min(2, parts.Length));
        }
        else if (id.Contains("opensuse-tumbleweed") || id.Contains("opensusetumbleweed"))
        {
            id = "opensuse";
            version = "tumbleweed" + (glibc?.Text ?? parts[0]);
        }
        else
        {
            version = parts[0];
        }

        return (id + version).Replace('-', '_');
    }

    /// <summary>The macOS name for a product version (15.1 is <c>sequoia</c>); Spack's <c>macos</c> for one it does not know.</summary>
    public static string ForMacOS(string productVersion)
    {
        string[] parts = productVersion.Trim().Split('.');
        bool bigSurOrLater = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int major) && major >= 11;
        string key = bigSurOrLater || parts.Length < 2 ? parts[0] : parts[0] + "." + parts[1];
        return MacReleases.TryGetValue(key, out string? name) ? name : "macos";
    }

    /// <summary>Windows with its major, minor and build number: <c>windows10.0.20348</c>.</summary>
    public static string ForWindows(Version version) =>
        "windows" + string.Join(".", version.Major, version.Minor, Math.Max(version.Build, 0));

    /// <summary>The KEY=value lines of an os-release file, with shell quoting and escapes removed.</summary>
    public static Dictionary<string, string> ParseOsRelease(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new StringReader(text);
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            line = line.Trim();
            int eq = line.IndexOf('=');
            if (line.Length == 0 || line[0] == '#' || eq <= 0)
            {
                continue;
            }

            fields[line.Substring(0, eq).Trim()] = Unquote(line.Substring(eq + 1).Trim());
        }

        return fields;
    }

    // Python's re.split(r"[^\w-]", version): the runs between characters that are not letters, digits, '_' or '-'.
    private static string[] SplitIdentifiers(string version)
    {
        var parts = new List<string>();
        int start = 0;
        for (int i = 0; i <= version.Length; i++)
        {
            if (i == version.Length || !(char.IsLetterOrDigit(version[i]) || version[i] is '_' or '-'))
            {
                parts.Add(version.Substring(start, i - start));
                start = i + 1;
            }
        }

        return parts.ToArray();
    }

    private static string? Field(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out string? value) && value.Length > 0 ? value : null;

    // os-release values follow shell rules: "double" (with \ escapes), 'single' or bare.
    private static string Unquote(string value)
    {
        if (value.Length < 2 || (value[0] != '"' && value[0] != '\'') || value[value.Length - 1] != value[0])
        {
            return value;
        }

        char quote = value[0];
        var text = new StringBuilder(value.Length);
        for (int i = 1; i < value.Length - 1; i++)
        {
            if (quote == '"' && value[i] == '\\' && i + 1 < value.Length - 1)
            {
                i++;
            }

            text.Append(value[i]);
        }

        return text.ToString();
    }
}
