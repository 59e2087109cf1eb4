# Every help example and every about_CacheMeta example runs as pasted from a fresh clone: each in a runspace of its
# own, with the repository root as location, no error and, unless it is listed below as quiet, some output. Examples
# come from the staged MAML (so every exported cmdlet's, including cmdlets added later) and from the staged
# about_CacheMeta topic.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $moduleBase = Split-Path $ModuleManifest
    $maml = [xml](Get-Content -LiteralPath (Join-Path $moduleBase 'en-US/CacheMeta.dll-Help.xml') -Raw)
    $namespaces = [System.Xml.XmlNamespaceManager]::new($maml.NameTable)
    $namespaces.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
    $namespaces.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
    $script:Examples = @(foreach ($command in $maml.SelectNodes('//command:command', $namespaces)) {
            $name = $command.SelectSingleNode('command:details/command:name', $namespaces).InnerText.Trim()
            foreach ($code in $command.SelectNodes('command:examples/command:example/dev:code', $namespaces)) {
                @{ Where = $name; Code = $code.InnerText.Trim() }
            }
        })

    # about_CacheMeta: a block of lines indented by eight or more spaces that starts like a command is an example;
    # tables of values (also indented) start otherwise.
    $about = Get-Content -LiteralPath (Join-Path $moduleBase 'en-US/about_CacheMeta.help.txt')
    $block = [System.Collections.Generic.List[string]]::new()
    $section = ''
    $script:AboutExamples = @(foreach ($line in @($about) + '') {
            if ($line -match '^[A-Z][A-Z ]+$') { $section = $line }
            if ($line -match '^ {8}\S' -or ($block.Count -and $line -match '^ {9,}\S')) { $block.Add($line.Substring(8)); continue }
            if ($block.Count) {
                $code = ($block -join "`n").Trim()
                # (A list of cmdlets and what they do is a table, not an example.)
                $isTable = $code -match '^[A-Z][a-z]+-Cache\w+ {2,}[a-z]'
                if (-not $isTable -and $code -match '^(\$|\(|''|if |[A-Z][a-z]+-(Cache\w+|ChildItem|Help)\b)') { @{ Where = "about_CacheMeta $section"; Code = $code } }
                $block.Clear()
            }
        })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')

    # Examples that need what a fresh clone on a test machine lacks, by their first line, with the reason. Keep this
    # short: an example that can use ./samples should.
    $script:NotRun = @{
        'Get-CacheSpec hdf5 -Tag develop-2025-03-30'     = 'reads the public cache over the network'
        'Get-CacheSpec -Stack e4s            # downloads the e4s index once' = 'downloads from the public cache (and then reads it -Offline)'
    }

    # Examples that rightly write nothing to the output: -WhatIf, a throw that does not happen, an assignment, an
    # audit of the sample pages or of the signed sample mirror's signatures (they are consistent: no findings), what
    # runs on this machine (that depends on the machine).
    function script:Test-Quiet([string] $Code) {
        $Code -match '^Test-CachePage -Path \./samples' -or $Code -match 'Where-Object Status -ne Valid|-CompatibleWith host' -or $Code -match '-WhatIf|throw|-ErrorVariable|^\$\w+ = [^|\n]*$' -or ($Code -match 'Export-CachePage' -and $Code -notmatch '-PassThru')
    }

    function script:Invoke-Example([string] $Code) {
        $runspace = [runspacefactory]::CreateRunspace()
        $runspace.Open()
        $ps = [PowerShell]::Create()
        $ps.Runspace = $runspace
        try {
            $null = $ps.AddCommand('Set-Location').AddParameter('LiteralPath', $RepoRoot).AddStatement()
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $ModuleManifest).AddStatement()
            $null = $ps.AddScript($Code)
            $output = @($ps.Invoke())
            [pscustomobject]@{ Output = $output; Errors = @($ps.Streams.Error) }
        }
        finally {
            $ps.Dispose()
            $runspace.Dispose()
        }
    }
}

Describe 'Help example of <Where>' -ForEach ($Examples + $AboutExamples) {
    It 'runs as pasted: <Code>' {
        $first = $Code.Split("`n")[0].Trim()
        if ($NotRun.ContainsKey($first)) { Set-ItResult -Skipped -Because $NotRun[$first]; return }
        $result = Invoke-Example $Code
        $result.Errors | ForEach-Object { "$_" } | Should -BeNullOrEmpty
        if (-not (Test-Quiet $Code)) { $result.Output.Count | Should -BeGreaterThan 0 -Because 'the example promises output' }
    }
}

Describe 'The examples found' -ForEach @(@{ Found = $Examples; About = $AboutExamples }) {
    It 'include at least two of every exported cmdlet, and the topic''s' {
        $exported = @((Import-PowerShellDataFile -LiteralPath $ModuleManifest).CmdletsToExport)
        foreach ($name in $exported) { @($Found | Where-Object { $_.Where -eq $name }).Count | Should -BeGreaterOrEqual 2 -Because $name }
        @($About).Count | Should -BeGreaterThan 15
    }

    It 'about_CacheMeta names every exported cmdlet, and an example of each' {
        $exported = @((Import-PowerShellDataFile -LiteralPath $ModuleManifest).CmdletsToExport)
        $text = Get-Content -LiteralPath (Join-Path (Split-Path $ModuleManifest) 'en-US/about_CacheMeta.help.txt') -Raw
        foreach ($name in $exported) {
            $text | Should -Match "(?m)^ {8}$name\s" -Because "the topic's list of cmdlets names $name"
            @($About | Where-Object { $_.Code -match "\b$name\b" }).Count | Should -BeGreaterThan 0 -Because "the topic shows $name at work"
        }
        $text | Should -Not -Match 'Compare-Object' -Because 'Compare-CacheSpec is the way to compare specs'
    }
}
