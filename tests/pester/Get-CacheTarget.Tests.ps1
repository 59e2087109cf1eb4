BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $PSStyle.OutputRendering = 'PlainText'

    function script:Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}

Describe 'Get-CacheTarget' {
    It 'lists the 81 targets of the table in archspec''s order' {
        $targets = Get-CacheTarget
        $targets.Count | Should -Be 81
        $targets | Should -BeOfType CacheMeta.CacheTarget
        $targets[0].Name | Should -Be 'x86'
        $targets.Name | Should -Contain 'neoverse_v3ae'
        $targets.Name | Should -Contain 'arrowlake_s'
        @($targets | Where-Object Family -EQ 'aarch64').Count | Should -Be 26  # 9 levels, 10 cores, 4 Apple chips, 3 old Graviton names
    }

    It 'describes zen4 as archspec does' {
        $zen4 = Get-CacheTarget zen4
        $zen4.Vendor | Should -Be 'AuthenticAMD'
        $zen4.Family | Should -Be 'x86_64'
        $zen4.Generic | Should -BeFalse
        $zen4.Parents | Should -Be 'zen3', 'x86_64_v4'
        $zen4.Ancestors | Should -Be 'zen3', 'x86_64_v4', 'zen2', 'zen', 'x86_64_v3', 'x86_64_v2', 'x86_64'
        $zen4.Features.Count | Should -Be 46
        $zen4.Features | Should -Contain 'avx512_bitalg'
        $zen4.Generation | Should -BeNullOrEmpty
    }

    It 'carries Arm part numbers and POWER generations' {
        $n1 = Get-CacheTarget neoverse_n1
        $n1.CpuImplementer, $n1.CpuPart | Should -Be '0x41', '0xd0c'
        (Get-CacheTarget power9le).Generation | Should -Be 9
        (Get-CacheTarget x86_64_v3).Generic | Should -BeTrue
    }

    It 'takes wildcards and writes each target once' {
        (Get-CacheTarget zen*, zen4, ZEN3).Name | Should -Be 'zen', 'zen2', 'zen3', 'zen4', 'zen5'
        ('m2', 'm1', 'm2' | Get-CacheTarget).Name | Should -Be 'm2', 'm1'
    }

    It 'reports a name it does not know and goes on' {
        $found = Get-CacheTarget nope, zen4, 'nothing*' -ErrorVariable failed -ErrorAction SilentlyContinue
        $found.Name | Should -Be 'zen4'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'TargetNotFound,*'
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failed[0].TargetObject | Should -Be 'nope'
    }

    It 'binds piped specs and hosts by their Target' {
        (Get-CacheSpec -Path $SamplesRoot | Get-CacheTarget).Name | Sort-Object |
            Should -Be 'aarch64', 'm1', 'neoverse_v1', 'neoverse_v2', 'x86_64_v3'
        (Get-CacheHost -CpuInfoPath (Join-Path $SamplesRoot 'hosts/graviton3.cpuinfo') -OS amzn2 | Get-CacheTarget).Name |
            Should -Be 'neoverse_v1'
    }

    It 'fits its table in 80 columns without cutting a value' {
        $lines = (Get-CacheTarget | Out-String -Width 80) -split "`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $lines | Where-Object { $_ -match '…' } | Should -BeNullOrEmpty
        $lines[1] | Should -Match '^Name\s+Vendor\s+Family\s+Generic\s+Parents$'
        $lines | Where-Object { $_ -match '^icelake\s+GenuineIntel\s+x86_64\s+False\s+cascadelake, cannonlake$' } | Should -Not -BeNullOrEmpty
        (Get-CacheTarget m4 | Format-List | Out-String) | Should -Match 'Ancestors\s+: m3, armv8\.6a, m2, m1'
    }

    It 'completes names from the table, whatever source is set' {
        $expected = 'neoverse_n1', 'neoverse_n2', 'neoverse_v1', 'neoverse_v2', 'neoverse_v3ae'
        Complete 'Get-CacheTarget neov' | Should -Be $expected
        $saved = $env:CACHEMETA_PATH
        try {
            $env:CACHEMETA_PATH = $SamplesRoot
            Complete 'Get-CacheTarget neov' | Should -Be $expected
        }
        finally { $env:CACHEMETA_PATH = $saved }
    }
}
