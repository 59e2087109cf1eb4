namespace CacheMeta.Commands.Internal;

/// <summary>
/// Where <c>Get-Help &lt;cmdlet&gt; -Online</c> goes: the cmdlet's heading in docs/cmdlets.md on the project's site
/// (ProjectUri in CacheMeta.psd1; Help.Tests.ps1 checks both). An anchor is the cmdlet name in lower case.
/// </summary>
internal static class HelpLinks
{
    /// <summary>The reference page; a cmdlet's HelpUri is this and its name in lower case.</summary>
    public const string Reference = "https://github.com/CacheMeta/CacheMeta/blob/main/docs/cmdlets.md#";
}
