BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $PSStyle.OutputRendering = 'PlainText'
    $script:Graviton = Join-Path $SamplesRoot 'hosts/graviton3.cpuinfo'
    $script:Mac = Join-Path $SamplesRoot 'hosts/macbook-m3.sysctl'

    function script:Complete([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
    }
}

Describe 'Get-CacheHost on this machine' {
    BeforeAll {
        $script:Here = Get-CacheHost
    }

    It 'is one CacheMeta.CacheHost whose string is the arch triplet' {
        @($Here).Count | Should -Be 1
        $Here | Should -BeOfType CacheMeta.CacheHost
        "$Here" | Should -Be "$($Here.Platform)-$($Here.OS)-$($Here.Target)"
        $Here.TargetFamily | Should -Be (Get-CacheTarget $Here.Target).Family
    }

    It 'names a Linux OS from os-release as Spack does' -Skip:(-not $IsLinux) {
        $release = @{}
        foreach ($line in Get-Content -LiteralPath /etc/os-release) {
            if ($line -match '^([A-Z_]+)=(.*)$') { $release[$Matches[1]] = $Matches[2].Trim('"', "'") }
        }
        $version = if ($release.ID -eq 'ubuntu') { $release.VERSION_ID } else { ($release.VERSION_ID -split '[^\w-]')[0] }
        $Here.Platform | Should -Be 'linux'
        $Here.OS | Should -Be (($release.ID + $version) -replace '-', '_')
        $Here.Source | Should -Be '/proc/cpuinfo'
    }

    It 'has a target whose features the CPU has, of the CPU''s vendor' -Skip:(-not $IsLinux) {
        $target = Get-CacheTarget $Here.Target
        $target.Features | Where-Object { $_ -notin $Here.Features } | Should -BeNullOrEmpty
        $vendor = (Select-String -LiteralPath /proc/cpuinfo -Pattern '^vendor_id\s*:\s*(.+)$' | Select-Object -First 1)
        if ($vendor) {
            $Here.Vendor | Should -Be $vendor.Matches[0].Groups[1].Value.Trim()
            $target.Vendor | Should -BeIn 'generic', $Here.Vendor
        }
    }

    It 'reports the glibc that ldd reports' -Skip:(-not $IsLinux -or -not (Get-Command ldd -ErrorAction Ignore)) {
        $ldd = (& ldd --version 2>&1 | Select-Object -First 1) -replace '^.*\s(\d+\.\d+)$', '$1'
        if ($ldd -notmatch '^\d+\.\d+$') { Set-ItResult -Skipped -Because 'ldd is not glibc''s'; return }
        "$($Here.Glibc)" | Should -Be $ldd
    }
}

Describe 'Get-CacheHost -CpuInfoPath' {
    It 'reads a saved /proc/cpuinfo of another machine' {
        $node = Get-CacheHost -CpuInfoPath $Graviton -OS amzn2
        $node.Platform, $node.OS, $node.Target, $node.TargetFamily, $node.Vendor | Should -Be 'linux', 'amzn2', 'neoverse_v1', 'aarch64', 'ARM'
        "$($node.Glibc)" | Should -Be '2.26'
        $node.Source | Should -Be (Resolve-Path -LiteralPath $Graviton).Path
        "$node" | Should -Be 'linux-amzn2-neoverse_v1'
        $node.Features | Should -Contain 'sve'
    }

    It 'reads a macOS sysctl listing as darwin' {
        $mac = Get-CacheHost $Mac -OS sequoia
        "$mac" | Should -Be 'darwin-sequoia-m3'
        $mac.Glibc | Should -BeNullOrEmpty
        $mac.Vendor | Should -Be 'Apple'
    }

    It 'takes the glibc and platform as stated, in Spack''s lower case' {
        $node = Get-CacheHost -CpuInfoPath $Graviton -OS myos1 -Glibc 2.17 -Platform linux
        "$($node.Glibc)" | Should -Be '2.17'
        "$(Get-CacheHost -CpuInfoPath $Graviton -OS RHEL8 -Platform Linux)" | Should -Be 'linux-rhel8-neoverse_v1'
        "$((Get-CacheHost -CpuInfoPath $Graviton -OS RHEL8).Glibc)" | Should -Be '2.28'
        (Get-CacheHost -CpuInfoPath $Graviton -OS myos1).Glibc | Should -BeNullOrEmpty
    }

    It 'warns that the OS is unknown when -OS is not given' {
        $node = Get-CacheHost -CpuInfoPath $Graviton -WarningVariable warned -WarningAction SilentlyContinue
        $node.OS | Should -BeNullOrEmpty
        "$node" | Should -Be 'linux-unknown-neoverse_v1'
        $warned.Count | Should -Be 1
        "$($warned[0])" | Should -Match 'give -OS'
    }

    It 'tells a big-endian POWER when -TargetFamily says ppc64' {
        $file = Join-Path $TestDrive 'power9.txt'
        Set-Content -LiteralPath $file -Value "processor`t: 0", "cpu`t`t: POWER9 (raw), altivec supported"
        (Get-CacheHost $file -OS rhel8).Target | Should -Be 'power9le'
        (Get-CacheHost $file -OS rhel8 -TargetFamily ppc64).Target | Should -Be 'power9'
    }

    It 'takes files from the pipeline by path' {
        $hosts = Get-ChildItem -LiteralPath (Join-Path $SamplesRoot 'hosts') | Sort-Object Name | Get-CacheHost -OS rhel8
        $hosts.Target | Should -Be 'neoverse_v1', 'm3'
    }

    It 'reports a missing file and a file that is no CPU description, and goes on' {
        $bad = Join-Path $TestDrive 'notes.txt'
        Set-Content -LiteralPath $bad -Value 'just some notes'
        $found = Get-CacheHost -CpuInfoPath (Join-Path $TestDrive 'missing.txt'), $bad, $Graviton -OS amzn2 -ErrorVariable failed -ErrorAction SilentlyContinue
        "$found" | Should -Be 'linux-amzn2-neoverse_v1'
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'InvalidCpuInfo,*'
        $failed[1].CategoryInfo.Category | Should -Be 'InvalidData'
        $failed[1].TargetObject | Should -Be $bad
    }

    It 'refuses a malformed -Glibc or -OS at binding' {
        { Get-CacheHost $Graviton -Glibc 'two' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CacheMeta.Commands.GetCacheHostCommand'
        { Get-CacheHost $Graviton -OS 'rhel 8' } | Should -Throw -ErrorId 'ParameterArgumentValidationError,CacheMeta.Commands.GetCacheHostCommand'
    }
}

Describe 'A CacheHost from text' {
    It 'converts an arch triplet, and host, the way PowerShell converts strings' {
        $parsed = [CacheMeta.CacheHost]'linux-rhel8-zen4'
        $parsed.OS, $parsed.Target, "$($parsed.Glibc)", $parsed.Vendor | Should -Be 'rhel8', 'zen4', '2.28', 'AuthenticAMD'
        "$([CacheMeta.CacheHost]'host')" | Should -Be "$(Get-CacheHost)"
        { [CacheMeta.CacheHost]'linux-rhel8' } | Should -Throw '*not an arch triplet*'
    }
}

Describe 'The CacheHost view' {
    It 'fits 80 columns with every value whole' {
        $text = @(Get-CacheHost; Get-CacheHost $Graviton -OS windows10.0.20348) | Out-String -Width 80
        $lines = $text -split "`n"
        $lines | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        $lines[1] | Should -Match '^Platform\s+OS\s+Target\s+TargetFamily\s+Glibc\s+Vendor$'
        $lines | Where-Object { $_ -match '^linux\s+windows10\.0\.20348\s+neoverse_v1\s+aarch64\s+ARM$' } | Should -Not -BeNullOrEmpty
        (Get-CacheHost $Graviton -OS amzn2 | Format-List | Out-String) | Should -Match 'Arch\s+: linux-amzn2-neoverse_v1'
    }

    It 'completes -OS, -Platform and -TargetFamily' {
        Complete 'Get-CacheHost x -OS rhe' | Should -Contain 'rhel8'
        Complete 'Get-CacheHost x -TargetFamily ppc' | Should -Contain 'ppc64le'
        Complete 'Get-CacheHost x -Platform dar' | Should -Be 'darwin'
    }
}
