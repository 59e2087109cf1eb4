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

Describe 'What to do about an engine error' {
    It 'ends the shown message with the parameter that helps: <Remedy>' -ForEach @(
        @{ Remedy = '-MaxPageBytes raises the limit.'; Id = 'CachePageTooLarge'; With = @{ MaxPageBytes = 16 } }
        @{ Remedy = 'Read the specs from a build-cache index with -Mirror or -Catalog.'; Id = 'InvalidSpecSyntax'; With = @{ Spec = 'zlib ^gcc-runtime' } }
    ) {
        $record = try { Get-CacheSpec -Path $Site @With -ErrorAction Stop; $null } catch { $_ }
        $record.FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $record.ErrorDetails.Message | Should -BeLike "*$Remedy"
        $record.ErrorDetails.RecommendedAction | Should -BeExactly $Remedy
        $record.Exception.Message | Should -Not -BeLike '* -*' -Because 'the engine names no parameter; the cmdlet adds it'
        "$record" | Should -BeLike "*$Remedy" -Because 'PowerShell shows the ErrorDetails message'
    }
}

Describe 'Many errors of one kind' {
    It 'writes the first five as errors and counts the rest in one warning' {
        $many = Join-Path $TestDrive 'many'
        foreach ($i in 1..12) { $null = New-TestPage -Root $many -Package "p$i" -Specs @(New-TestSpec -Hash (New-TestHash "m$i")) }
        $specs = Get-CacheSpec -Path $many
        $out = Join-Path $TestDrive 'many-out'
        $specs | Export-CachePage -Destination $out
        $specs | Export-CachePage -Destination $out -ErrorVariable problems -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $problems.Count | Should -Be 5
        @($problems | Where-Object FullyQualifiedErrorId -Like 'FileExists,*').Count | Should -Be 5
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Be '12 FileExists errors in all: the first 5 were written, 7 others were left out.'
    }

    It 'summarises each id of its own, in one invocation of a reading cmdlet' {
        $bad = Join-Path $TestDrive 'bad'
        foreach ($i in 1..7) {
            $null = New-Item -ItemType Directory -Path "$bad/_cache/develop/b$i" -Force
            Set-Content -LiteralPath "$bad/_cache/develop/b$i/specs.md" -Value "---`ntitle: [unclosed`n---"
        }
        $null = Get-CacheSpec -Path $bad -ErrorVariable problems -ErrorAction SilentlyContinue -WarningVariable warnings 3>$null
        $problems.Count | Should -Be 5
        "$warnings" | Should -BeLike '*7 InvalidCachePage errors in all: the first 5 were written, 2 others were left out.*'
    }
}

Describe 'Progress and verbose lines of a page search' {
    It 'shows progress while empty folders are searched, and says what was searched' {
        $empty = Join-Path $TestDrive 'empty-folders'
        foreach ($i in 1..3) { $null = New-Item -ItemType Directory -Path "$empty/_cache/develop/e$i/deeper" -Force }
        $null = New-TestPage -Root $empty -Package 'zz' -Specs @(New-TestSpec -Hash (New-TestHash 'z1'))
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $ModuleManifest).AddStatement()
            $null = $ps.AddCommand('Get-CacheSpec').AddParameter('Path', $empty).AddParameter('Verbose', $true)
            $specs = $ps.Invoke()
            @($specs | Where-Object { $_ -is [CacheMeta.CacheSpec] }).Count | Should -Be 1
            $search = @($ps.Streams.Progress | Where-Object Activity -EQ 'Searching folders for cache pages')
            $search.Count | Should -BeGreaterThan 0
            $search[0].StatusDescription | Should -Be '1 folder searched'
            $search[-1].RecordType | Should -Be 'Completed'
            $verbose = @($ps.Streams.Verbose.Message | Where-Object { $_ -like "'$empty'*" })
            $verbose | Should -Be "'$empty': 9 folders searched, 1 page read."
        }
        finally { $ps.Dispose() }
    }

    It 'shows Export-CachePage''s progress as a percentage of the pages' {
        $ps = [PowerShell]::Create()
        try {
            $out = Join-Path $TestDrive 'percent'
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $ModuleManifest).AddStatement()
            $null = $ps.AddScript("Get-CacheSpec -Path '$SamplesRoot' | Export-CachePage -Destination '$out'")
            $ps.Invoke()
            $bar = @($ps.Streams.Progress | Where-Object Activity -EQ 'Exporting cache pages' | Where-Object RecordType -EQ 'Processing')
            $bar.Count | Should -BeGreaterThan 0
            $bar[0].PercentComplete | Should -Be 10
            $bar[0].StatusDescription | Should -Be '1 of 10 pages, 1 written'
        }
        finally { $ps.Dispose() }
    }
}
