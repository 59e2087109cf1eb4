# Messages that say what was found and how Spack writes what the user meant.

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $script:Site = Join-Path $TestDrive 'site'
    $null = New-TestPage -Root $Site -Package 'zlib' -Specs @(New-TestSpec -Hash (New-TestHash 'aa') -Version '3.1')
    $null = New-Item -ItemType Directory -Path (Join-Path $Site '_data')
    Set-Content -LiteralPath (Join-Path $Site '_data/tags.yaml') -Value "- name: develop`n  stacks: [e4s]"
}

Describe 'Filters in another tool''s syntax' {
    It 'suggests Spack''s range for -Version <Typed>' -ForEach @(
        @{ Typed = '>=3.0'; Spack = '3.0:' }, @{ Typed = '<=3.0'; Spack = ':3.0' }, @{ Typed = '==3.1'; Spack = '=3.1' }) {
        $record = try { Get-CacheSpec -Path $Site -Version $Typed -ErrorAction Stop; $null } catch { $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'InvalidQuery,*'
        $record.Exception.Message | Should -BeLike "*Spack writes '$Typed' as '$Spack'*"
    }

    It 'suggests Spack''s spec syntax for -Spec <Typed>' -ForEach @(
        @{ Typed = 'gcc>=12'; Spack = '%gcc@12:' }, @{ Typed = 'zlib>=1.3'; Spack = 'zlib@1.3:' }, @{ Typed = 'zlib@==3.1'; Spack = 'zlib@=3.1' }) {
        $record = try { Get-CacheSpec -Path $Site -Spec $Typed -ErrorAction Stop; $null } catch { $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'InvalidSpecSyntax,*'
        $record.Exception.Message | Should -BeLike "*Spack writes '$Typed' as '$Spack'*"
        { Get-CacheSpec -Path $Site -Spec $Spack -ErrorAction Stop } | Should -Not -Throw -Because 'the suggestion is valid syntax'
    }
}

Describe 'Paths that are not what the parameter takes' {
    It 'says that a -Destination is a file, and writes nothing' {
        $file = Join-Path $TestDrive 'notes.txt'
        Set-Content -LiteralPath $file -Value 'keep me'
        $record = try { Get-CacheSpec -Path $Site | Export-CachePage -Destination $file -ErrorAction Stop; $null } catch { $_ }
        $record.FullyQualifiedErrorId | Should -BeLike 'DestinationIsFile,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $record.TargetObject | Should -Be $file
        $record.Exception.Message | Should -BeLike '*The destination is a file; it must be the site folder*'
        Get-Content -LiteralPath $file | Should -Be 'keep me'
        $below = try { Get-CacheSpec -Path $Site | Export-CachePage -Destination (Join-Path $file 'site') -ErrorAction Stop; $null } catch { $_ }
        $below.Exception.Message | Should -BeLike "*'$file' is a file, not a folder.*"
    }

    It 'says that a folder of YAML data holds no pages' {
        $specs = @(Get-CacheSpec -Path (Join-Path $Site '_data') -WarningVariable warnings -WarningAction SilentlyContinue)
        $specs.Count | Should -Be 0
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "*_data' holds YAML data (tags.yaml), not cache pages: give the site folder*"
        $null = Get-CacheSpec -Path $Site -WarningVariable none -WarningAction SilentlyContinue
        $none | Should -BeNullOrEmpty
        $null = Get-CacheTag -Path (Join-Path $Site '_data') -WarningVariable tagWarnings -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
        $tagWarnings | Should -BeNullOrEmpty -Because 'Get-CacheTag reads YAML data'
    }
}
