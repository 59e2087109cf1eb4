# Renders every view of every format file the module loads, at 80 and at 120 columns, on the samples and on the
# real corpus pages, and fails on what makes a table unreadable: a header drawn over several lines, a
# one-character column, a column that does not fit, a key value cut at 120 columns.

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # The views come from the module's own format files, so a view another change adds is rendered too.
    $folder = Split-Path $ModuleManifest
    $script:Views = foreach ($file in (Import-PowerShellDataFile -LiteralPath $ModuleManifest).FormatsToProcess) {
        foreach ($view in ([xml](Get-Content -LiteralPath (Join-Path $folder $file) -Raw)).Configuration.ViewDefinitions.View) {
            $table = $view.TableControl
            @{
                File     = Split-Path $file -Leaf
                Name     = $view.Name
                TypeName = $view.ViewSelectedBy.TypeName
                Kind     = if ($table) { 'Table' } else { 'List' }
                Labels   = @(if ($table) {
                        $items = @($table.TableRowEntries.TableRowEntry.TableColumnItems.TableColumnItem)
                        $headers = @($table.TableHeaders.TableColumnHeader)
                        for ($i = 0; $i -lt $headers.Count; $i++) { if ($headers[$i].Label) { $headers[$i].Label } else { $items[$i].PropertyName } }
                    }
                    else {
                        foreach ($item in $view.ListControl.ListEntries.ListEntry.ListItems.ListItem) { if ($item.Label) { $item.Label } else { $item.PropertyName } }
                    })
            }
        }
    }
    $script:Sources = @('samples') + @(if ($Corpus) { 'corpus' })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $PSStyle.OutputRendering = 'PlainText'

    # Where each source's pages are, and two tags to compare.
    $script:SourceInfo = @{
        samples = @{ Path = $SamplesRoot; Reference = 'v0.23.1'; Difference = 'develop' }
        corpus  = @{ Path = $Corpus; Reference = 'develop-2025-03-23'; Difference = 'develop-2025-03-30' }
    }

    # How to make the objects of each type a view is for, from a source: a view for a type missing here fails
    # its test, so a new output type cannot go untested. Key columns are never cut at 120 columns; a list
    # column (joined values) is at least as wide as the figure given (the longest stack of the corpus has 35).
    $script:Makers = @{
        'CacheMeta.CacheSpec'                   = @{
            Make = { param($s) Get-CacheSpec -Path $s.Path }
            Key  = 'Package', 'Version', 'Compiler', 'Target', 'ShortHash'; Wide = @{ Stacks = 35 }
        }
        'CacheMeta.CachePackage'                = @{
            Make = { param($s) Get-CachePackage -Path $s.Path }
            Key  = 'Name', 'Tag', 'Specs'; Wide = @{ Versions = 35; Stacks = 35 }
        }
        'CacheMeta.CacheStackSummary'           = @{
            Make = { param($s) Measure-CacheStack -Path $s.Path }
            Key  = 'Stack', 'Specs', 'Packages', 'Versions', 'Compilers', 'OS', 'Platforms', 'Targets', 'Families'
        }
        'CacheMeta.CacheStackSummary#Grouped'   = @{
            Make = { param($s) Measure-CacheStack -Path $s.Path -GroupBy Compiler }
            Key  = 'Stack', 'Group', 'Specs', 'Packages', 'Versions', 'Compilers', 'OS', 'Targets'
        }
        'CacheMeta.CachePageFinding'            = @{
            Make = { param($s) Test-CachePage -Path (New-FaultyCopy $s.Path) }
            Key  = 'Severity', 'Rule', 'Package', 'Message'
        }
        'CacheMeta.CacheSpecDifference'         = @{
            Make = { param($s) Compare-CacheSpec (Get-CacheSpec -Path $s.Path -Tag $s.Reference) (Get-CacheSpec -Path $s.Path -Tag $s.Difference) }
            Key  = 'Change', 'Package', 'Version', 'ShortHash', 'Details'
        }
        'CacheMeta.CacheSpecDifferenceSummary'  = @{
            Make = { param($s) Compare-CacheSpec (Get-CacheSpec -Path $s.Path -Tag $s.Reference) (Get-CacheSpec -Path $s.Path -Tag $s.Difference) -Summary }
            Key  = 'Package', 'Added', 'Removed', 'Changed', 'Equal'
        }
        'CacheMeta.CacheTag'                    = @{
            Make = { param($s) Get-CacheTag -Path $s.Path }
            Key  = 'Name', 'Kind', 'Date', 'Version'; Wide = @{ Stacks = 35 }
        }
        # The graph and the audit read the sample build caches, whatever the page source.
        'CacheMeta.CacheDependency'             = @{
            Make = { param($s) Get-CacheSpec -Catalog (Join-Path $SamplesRoot 'binaries/catalog.json') | Get-CacheDependency -Recurse -Type Build, Link, Run }
            Key  = 'Status', 'ShortHash', 'Name'
        }
        'CacheMeta.CacheIndexFinding'           = @{
            Make = { param($s) Test-CacheIndex -Catalog (Join-Path $SamplesRoot 'binaries/catalog.json') -Tag * }
            Key  = 'Severity', 'Rule', 'Package', 'Message'
        }
        # The entries of the signed sample mirror, whatever the source: pages carry no binaries.
        'CacheMeta.CacheBinary'                 = @{
            Make = { param($s) Get-CacheSpec -Mirror (Join-Path $SamplesRoot 'binaries/signed') | Get-CacheBinary }
            Key  = 'Package', 'Version', 'ShortHash', 'Layout', 'Size'
        }
        'CacheMeta.CacheSignature'              = @{
            Make = { param($s) Get-CacheSpec -Mirror (Join-Path $SamplesRoot 'binaries/signed') | Test-CacheSignature }
            Key  = 'Package', 'ShortHash', 'Status', 'KeyId'
        }
        # An export of one sample binary (and its gcc-runtime) into a folder of its own: the summary -PassThru writes.
        'CacheMeta.CacheMirrorExport'           = @{
            Make = { param($s) Get-CacheSpec -Mirror (Join-Path $SamplesRoot 'binaries/signed') -Name zlib-ng | Export-CacheMirror -Destination (Join-Path $TestDrive ([guid]::NewGuid().ToString('N').Substring(0, 8))) -PassThru }
            Key  = 'Specs', 'Binaries', 'Bytes', 'Layout', 'Destination'
        }
        # Neither comes from a source: the table of targets and the hosts of the samples and of this machine.
        'CacheMeta.CacheTarget'                 = @{
            Make = { param($s) Get-CacheTarget }
            Key  = 'Name', 'Vendor', 'Family', 'Generic'; Wide = @{ Parents = 21 }
        }
        'CacheMeta.CacheHost'                   = @{
            Make = {
                param($s)
                Get-CacheHost
                Get-CacheHost -CpuInfoPath (Join-Path $SamplesRoot 'hosts/graviton3.cpuinfo') -OS amzn2
                Get-CacheHost -CpuInfoPath (Join-Path $SamplesRoot 'hosts/macbook-m3.sysctl') -OS sequoia
            }
            Key  = 'Platform', 'OS', 'Target', 'TargetFamily', 'Glibc'
        }
        # Near misses (several sentences each, the longest wrapped) and a match with none, from a source's specs.
        'CacheMeta.CacheSpecMatch'              = @{
            Make = {
                param($s)
                Get-CacheSpec -Path $s.Path | Find-CacheSpec -Spec '*@1.16 +cuda %gcc@14' -CompatibleWith linux-rhel8-zen4 -First 4 -WarningAction SilentlyContinue
                Get-CacheSpec -Path $s.Path | Find-CacheSpec -Spec '*' -CompatibleWith host -First 1 -WarningAction SilentlyContinue
            }
            Key  = 'Package', 'Version', 'Target', 'ShortHash'
        }
    }

    function script:New-FaultyCopy {
        # A copy of the source's pages with two planted faults (a wrong count, a title that is not its folder),
        # so that Test-CachePage has findings to show.
        param([string] $Path)
        $copy = Join-Path $TestDrive ([guid]::NewGuid())
        $null = New-Item -ItemType Directory -Path $copy
        Get-ChildItem -LiteralPath $Path -Directory | Where-Object Name -NE 'binaries' | Copy-Item -Destination $copy -Recurse
        $pages = @(Get-ChildItem -LiteralPath $copy -Recurse -Filter specs.md | Sort-Object FullName)
        $pages.Count | Should -BeGreaterThan 1
        foreach ($edit in @(@{ Page = $pages[0]; From = '"num_specs": (\d+)'; To = '"num_specs": 999' }, @{ Page = $pages[-1]; From = 'title: "?[^"\n]+"?'; To = 'title: "intel-oneapi-compilers"' })) {
            $text = [IO.File]::ReadAllText($edit.Page.FullName)
            [IO.File]::WriteAllText($edit.Page.FullName, ([regex]$edit.From).Replace($text, $edit.To, 1))
        }
        $copy
    }

    function script:Get-TableProblem {
        # What is wrong with a rendered table: each table is a header line, a line of dashes (one run under each
        # label) and rows, optionally under a group line ('   Tag: develop'). A column runs from its dashes to
        # the next column's; the last one to the width.
        param([string[]] $Lines, [string[]] $Labels, [hashtable] $Maker, [int] $Width)
        $tables = 0
        for ($i = 1; $i -lt $Lines.Count; $i++) {
            if ($Lines[$i] -notmatch '^ *-[- ]*$') { continue }
            $tables++
            $runs = @([regex]::Matches($Lines[$i], '-+'))
            if ($i -ge 2 -and $Lines[$i - 2].Trim() -and $Lines[$i - 2] -notmatch '^\s+\w+: ') { "a header spans several lines: '$($Lines[$i - 2])'" }
            foreach ($run in $runs | Where-Object Length -LT 2) { "a one-character column at $($run.Index)" }
            $ends = @(for ($c = 0; $c -lt $runs.Count; $c++) { if ($c + 1 -lt $runs.Count) { $runs[$c + 1].Index - 1 } else { $Width } })
            $cell = { param([string] $line, [int] $c) $line = $line.PadRight($Width); $line.Substring($runs[$c].Index, $ends[$c] - $runs[$c].Index).Trim() }
            $shown = @(for ($c = 0; $c -lt $runs.Count; $c++) { & $cell $Lines[$i - 1] $c })
            if (($shown -join '|') -ne ($Labels -join '|')) { "the columns are '$($shown -join '|')', not '$($Labels -join '|')'" }
            if ($Width -lt 120) { continue }
            for ($c = 0; $c -lt $shown.Count; $c++) {
                if ($Maker.Wide -and $Maker.Wide.ContainsKey($shown[$c]) -and $ends[$c] - $runs[$c].Index -lt $Maker.Wide[$shown[$c]]) {
                    "$($shown[$c]) is $($ends[$c] - $runs[$c].Index) characters wide, not $($Maker.Wide[$shown[$c]])"
                }
            }
            for ($r = $i + 1; $r -lt $Lines.Count -and $Lines[$r].Trim(); $r++) {
                for ($c = 0; $c -lt $shown.Count; $c++) {
                    $value = & $cell $Lines[$r] $c
                    if ($shown[$c] -in $Maker.Key -and $value.EndsWith([char]0x2026)) { "$($shown[$c]) is cut: '$value'" }
                }
            }
        }
        if ($tables -eq 0) { 'no table was drawn' }
    }
}

Describe 'The <Kind> view <Name> (<File>)' -ForEach $Views {
    BeforeAll {
        $script:View = $_
    }

    It 'renders <_> at 80 and 120 columns without a vertical header, a one-character column or a cut key value' -ForEach $Sources {
        $maker = $Makers[$View.TypeName]
        $maker | Should -Not -BeNullOrEmpty -Because "the views test must know how to make $($View.TypeName) objects: add it to `$Makers"
        $objects = @(& $maker.Make $SourceInfo[$_] -WarningAction SilentlyContinue)
        $objects.Count | Should -BeGreaterThan 0 -Because "the $_ make $($View.TypeName) objects"
        foreach ($label in $View.Labels) {
            # A header names a property (or a hidden alias), so Sort-Object and Where-Object take what the table shows.
            $objects[0].psobject.Properties[$label] | Should -Not -BeNullOrEmpty -Because "the column '$label' of $($View.Name) must be a property"
        }
        foreach ($width in 80, 120) {
            if ($View.Kind -eq 'Table') {
                $text = $objects | Format-Table -View $View.Name | Out-String -Width $width
                $problems = @(Get-TableProblem -Lines ($text -split '\r?\n') -Labels $View.Labels -Maker $maker -Width $width)
            }
            else {
                $text = $objects | Format-List -View $View.Name | Out-String -Width $width
                $problems = @(foreach ($label in $View.Labels) { if ($text -notmatch "(?m)^$([regex]::Escape($label))\s+: ") { "no '$label' line" } }
                    if ($text.Contains([char]0x2026)) { 'a value is cut' })
            }
            $problems | Should -BeNullOrEmpty -Because "at $width columns:`n$text"
        }
    }
}
