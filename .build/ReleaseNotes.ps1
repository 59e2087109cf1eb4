# The release notes of a version, from CHANGELOG.md: the text of its section (the [Unreleased] section until a
# release moves the entries under the version's heading). build.ps1 writes them into the staged manifest's
# ReleaseNotes, so CHANGELOG.md is the one place they are written; Help.Tests.ps1 checks the two agree.
function Get-ReleaseNote {
    param([Parameter(Mandatory)] [string] $ChangelogPath, [Parameter(Mandatory)] [string] $Version)
    $sections = [regex]::Matches((Get-Content -LiteralPath $ChangelogPath -Raw), '(?ms)^## \[(?<name>[^\]]+)\][^\n]*\n(?<body>.*?)(?=^## \[|\z)')
    $section = @($sections | Where-Object { $_.Groups['name'].Value -eq $Version }) + @($sections | Where-Object { $_.Groups['name'].Value -eq 'Unreleased' }) |
        Select-Object -First 1
    if (-not $section) { throw "CHANGELOG.md has no section for $Version and no [Unreleased] section." }
    $section.Groups['body'].Value.Trim() -replace "`r`n", "`n"
}
