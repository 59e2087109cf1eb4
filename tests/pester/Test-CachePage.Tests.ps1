BeforeDiscovery {
    # Discovery needs the same facts as the run (which tests are skipped, which files to read).
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force

    function New-AuditPage {
        # A fixture page in <TestDrive>/<Name>/_cache/develop/zlib/specs.md, optionally edited to plant a fault.
        param([string] $Name, [string] $From, [string] $To, [string] $Package = 'zlib')
        $path = New-TestPage -Root (Join-Path $TestDrive $Name) -Package $Package -Specs @(
            New-TestSpec -Hash (New-TestHash 'aa') -Version '1.3.1' -Stacks e4s, root
            New-TestSpec -Hash (New-TestHash 'bb') -Version '1.2.13' -Target neoverse_v1 -Stacks root
        )
        if ($From) {
            $text = [IO.File]::ReadAllText($path)
            $text.Contains($From) | Should -BeTrue -Because 'the fault must really be planted'
            [IO.File]::WriteAllText($path, $text.Replace($From, $To))
        }
        $path
    }
}

Describe 'Test-CachePage on real pages' -Skip:$NoCorpus {
    It 'finds no Error in any generation, and only the G4 page''s entry order' {
        $findings = Test-CachePage -Path $Corpus -ErrorVariable problems
        $problems | Should -BeNullOrEmpty
        $findings.Count | Should -Be 1
        $findings[0] | Should -BeOfType CacheMeta.CachePageFinding
        $findings[0].Rule | Should -Be 'EntryOrder'
        "$($findings[0].Severity)" | Should -Be 'Warning'
        $findings[0].Path | Should -Be (Join-Path $Corpus 'legacy/develop/py-multidict/specs.md')
        Test-CachePage -Path $Corpus -Quiet | Should -BeTrue
    }
}

Describe 'Test-CachePage on fixtures' {
    It 'passes the sample tree with no finding at all' {
        Test-CachePage -Path $SamplesRoot | Should -BeNullOrEmpty
        Test-CachePage -Path $SamplesRoot -Quiet | Should -BeTrue
    }

    It 'reports a wrong <Rule> exactly' -ForEach @(
        @{ Rule = 'NumSpecs'; From = '"num_specs":2'; To = '"num_specs":3'; Expected = '2'; Actual = '3' }
        @{ Rule = 'NumSpecsByStack'; From = '"e4s":1'; To = '"e4s":2'; Expected = '1'; Actual = '2' }
        @{ Rule = 'MetaVersions'; From = '"versions":["1.2.13","1.3.1"]'; To = '"versions":["1.3.1"]'; Expected = '1.2.13, 1.3.1'; Actual = '1.3.1' }
        @{ Rule = 'MetaTargets'; From = '"targets":["neoverse_v1","x86_64_v3"]'; To = '"targets":["neoverse_v1","x86_64_v3","zen4"]'
            Expected = 'neoverse_v1, x86_64_v3'; Actual = 'neoverse_v1, x86_64_v3, zen4' }
        @{ Rule = 'DuplicateHash'; From = (New-TestHash 'bb'); To = (New-TestHash 'aa'); Expected = '1'; Actual = '2' }
        @{ Rule = 'MalformedHash'; From = (New-TestHash 'bb'); To = 'bb-not-a-hash'; Expected = '^[a-z0-9]{32}$'; Actual = 'bb-not-a-hash' }
    ) {
        $path = New-AuditPage -Name $Rule -From $From -To $To
        $finding = Test-CachePage -LiteralPath $path
        @($finding).Count | Should -Be 1
        $finding.Rule | Should -Be $Rule
        "$($finding.Severity)" | Should -Be 'Error'
        $finding.Expected | Should -Be $Expected
        $finding.Actual | Should -Be $Actual
        $finding.Package | Should -Be 'zlib'
        $finding.Tag | Should -Be 'develop'
        Test-CachePage -LiteralPath $path -Quiet | Should -BeFalse
    }

    It 'reports a title that is not its folder' {
        $path = New-AuditPage -Name 'moved' -Package 'zlib-ng' -From 'title: "zlib-ng"' -To 'title: "zlib"'
        $finding = Test-CachePage -LiteralPath $path
        $finding.Rule | Should -Be 'TitleFolder'
        $finding.Expected, $finding.Actual | Should -Be 'zlib-ng', 'zlib'
    }

    It 'warns about entries out of hash order without failing -Quiet' {
        $path = New-AuditPage -Name 'order' -From (New-TestHash 'aa') -To (New-TestHash 'cc')
        $finding = Test-CachePage -LiteralPath $path
        $finding.Rule | Should -Be 'EntryOrder'
        "$($finding.Severity)" | Should -Be 'Warning'
        Test-CachePage -LiteralPath $path -Quiet | Should -BeTrue
    }

    It 'reports a page that does not parse as InvalidCachePage, and -Quiet is false' {
        $path = New-AuditPage -Name 'broken' -From '"num_specs":2' -To '"num_specs":"2"'
        Test-CachePage -LiteralPath $path -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be 'InvalidCachePage,CacheMeta.Commands.TestCachePageCommand'
        Test-CachePage -LiteralPath $path -Quiet -ErrorAction SilentlyContinue | Should -BeFalse
        @(Test-CachePage -Path (Split-Path $path), $SamplesRoot -Quiet -ErrorAction SilentlyContinue) | Should -Be @($false)
    }

    It 'audits page files from Get-ChildItem and shows a readable table' {
        $PSStyle.OutputRendering = 'PlainText'
        $path = New-AuditPage -Name 'table' -From '"num_specs":2' -To '"num_specs":5'
        $table = Get-ChildItem -LiteralPath (Join-Path $TestDrive 'table') -Recurse -Filter specs.md | Test-CachePage | Out-String -Width 120
        $table | Should -Match '(?m)^\s+Tag: develop\s*$'
        $table | Should -Match '(?m)^Severity\s+Rule\s+Package\s+Message\s*$'
        $table | Should -Match '(?m)^Error\s+NumSpecs\s+zlib\s+meta\.num_specs is 5 but the page has 2 entries\.'
    }

    It 'declares its output types and has table and list views' {
        (Get-Command Test-CachePage).OutputType.Name | Should -Be 'CacheMeta.CachePageFinding', 'System.Boolean'
        $controls = (Get-FormatData -TypeName CacheMeta.CachePageFinding).FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name }
        $controls | Should -Contain 'TableControl'
        $controls | Should -Contain 'ListControl'
    }
}
