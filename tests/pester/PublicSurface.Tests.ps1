BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force

    # The snapshot: one full type name a line, sorted ordinally, both assemblies together. A change to the public
    # surface (a new output type, a type made internal) updates PublicSurface.txt in the same commit, on purpose.
    $script:SnapshotPath = Join-Path $PSScriptRoot 'PublicSurface.txt'
    $script:Engine = [CacheMeta.CacheSpec].Assembly
    $script:Cmdlets = (Get-Command Get-CacheSpec).ImplementingType.Assembly
    function script:Get-PublicTypeName([System.Reflection.Assembly] $Assembly) {
        $Assembly.GetExportedTypes() | ForEach-Object FullName
    }
}

Describe 'The public surface' {
    It 'is exactly the snapshot in PublicSurface.txt' {
        $expected = @(Get-Content -LiteralPath $SnapshotPath | Where-Object { $_ -and -not $_.StartsWith('#') })
        $actual = [Collections.Generic.List[string]]::new([string[]]@((Get-PublicTypeName $Engine) + (Get-PublicTypeName $Cmdlets)))
        $actual.Sort([StringComparer]::Ordinal)
        $added = @($actual | Where-Object { $_ -notin $expected })
        $removed = @($expected | Where-Object { $_ -notin $actual })
        $added | Should -BeNullOrEmpty -Because 'a new public type is added to PublicSurface.txt deliberately (or made internal)'
        $removed | Should -BeNullOrEmpty -Because 'a type that left the public surface leaves PublicSurface.txt too'
        $sorted = [Collections.Generic.List[string]]::new([string[]]$expected)
        $sorted.Sort([StringComparer]::Ordinal)
        $expected | Should -Be @($sorted) -Because 'the snapshot stays sorted, so merges of new types are one line each'
    }

    It 'has in the engine only output types, SpackVersion, ids, the exception and enums' {
        # What the engine may show, by kind: anything else belongs behind InternalsVisibleTo.
        $offenders = $Engine.GetExportedTypes() | Where-Object {
            -not $_.IsEnum -and $_.Namespace -ne 'CacheMeta'
        }
        $offenders.FullName | Should -BeNullOrEmpty
    }

    It 'names every public engine type, and no internal one, as a type accelerator' {
        $accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')::Get
        foreach ($name in Get-PublicTypeName $Engine) { $accelerators.ContainsKey($name) | Should -BeTrue -Because $name }
        $accelerators.ContainsKey('CacheMeta.Query.CompiledQuery') | Should -BeFalse
        $accelerators.ContainsKey('CacheMeta.Pages.PageReader') | Should -BeFalse
    }
}
