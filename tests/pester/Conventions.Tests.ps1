BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Cmdlets = @((Import-PowerShellDataFile -LiteralPath $ModuleManifest).CmdletsToExport | Sort-Object)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Module = Import-Module $ModuleManifest -Force -PassThru
    $script:Manifest = Import-PowerShellDataFile -LiteralPath $ModuleManifest
    $script:ErrorIdValues = @([CacheMeta.ErrorIds].GetFields('Public, Static') | Where-Object IsLiteral | ForEach-Object { $_.GetValue($null) })

    function Get-CallArgument {
        # The top-level arguments of the C# call whose '(' is at $Open, skipping string and char literals.
        param([string] $Text, [int] $Open)
        $arguments = [System.Collections.Generic.List[string]]::new()
        $depth = 0
        $start = $Open + 1
        for ($i = $Open; $i -lt $Text.Length; $i++) {
            $c = $Text[$i]
            if ($c -eq '"') {
                $verbatim = ($i -ge 1 -and $Text[$i - 1] -eq '@') -or ($i -ge 2 -and $Text[$i - 2] -eq '@')
                for ($i++; $i -lt $Text.Length; $i++) {
                    if (-not $verbatim -and $Text[$i] -eq '\') { $i++; continue }
                    if ($Text[$i] -eq '"') {
                        if ($verbatim -and $i + 1 -lt $Text.Length -and $Text[$i + 1] -eq '"') { $i++; continue }
                        break
                    }
                }
            }
            elseif ($c -eq "'") { $i += $(if ($Text[$i + 1] -eq '\') { 3 } else { 2 }) }
            elseif ($c -in '(', '[', '{') { $depth++ }
            elseif ($c -in ')', ']', '}') {
                $depth--
                if ($depth -eq 0) { $arguments.Add($Text.Substring($start, $i - $start).Trim()); return , $arguments.ToArray() }
            }
            elseif ($c -eq ',' -and $depth -eq 1) { $arguments.Add($Text.Substring($start, $i - $start).Trim()); $start = $i + 1 }
        }
        , $arguments.ToArray()
    }

    function Invoke-Provoked {
        # Runs a cmdlet expected to fail and returns every ErrorRecord it produced, terminating or not.
        # Cmdlets that write get -WhatIf, so a provocation never changes anything.
        param([string] $Name, [hashtable] $Arguments)
        if ((Get-Command $Name).Parameters.ContainsKey('WhatIf')) { $Arguments.WhatIf = $true }
        $records = [System.Collections.Generic.List[object]]::new()
        try {
            $null = & $Name @Arguments -ErrorVariable written -ErrorAction SilentlyContinue
            foreach ($record in $written) { $records.Add($record) }
        }
        catch {
            $records.Add($_)
        }
        , $records.ToArray()
    }

    function Assert-SpecificError {
        # A specific ErrorRecord: an id CacheMeta declares (not a .NET exception name), a category, a target.
        param([object[]] $Records, [int] $AtLeast = 0, [switch] $NoTarget)
        @($Records).Count | Should -BeGreaterOrEqual $AtLeast
        foreach ($record in $Records) {
            $id = $record.FullyQualifiedErrorId.Split(',')[0]
            $ErrorIdValues | Should -Contain $id -Because "'$($record.FullyQualifiedErrorId)' ($record) must use an ErrorIds constant"
            $record.CategoryInfo.Category | Should -Not -Be 'NotSpecified'
            if (-not $NoTarget) { $record.TargetObject | Should -Not -BeNullOrEmpty -Because "$id must name what failed" }
        }
    }
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        $info = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop
        $info.Name | Should -Be 'CacheMeta'
        $info.Version | Should -Be ([version]$Manifest.ModuleVersion)
    }

    It 'carries what the PowerShell Gallery shows' {
        foreach ($key in 'ModuleVersion', 'GUID', 'Author', 'CompanyName', 'Copyright', 'Description') {
            $Manifest[$key] | Should -Not -BeNullOrEmpty -Because "$key is required"
        }
        $Manifest.PowerShellVersion | Should -Be '5.1'
        $Manifest.CompatiblePSEditions | Sort-Object | Should -Be 'Core', 'Desktop'
        $data = $Manifest.PrivateData.PSData
        foreach ($tag in 'spack', 'hpc', 'buildcache', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS') {
            $data.Tags | Should -Contain $tag
        }
        [uri]::IsWellFormedUriString($data.ProjectUri, 'Absolute') | Should -BeTrue
        [uri]::IsWellFormedUriString($data.LicenseUri, 'Absolute') | Should -BeTrue
        $data.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'exports cmdlets by explicit name and nothing else' {
        $Manifest.CmdletsToExport.Count | Should -BeGreaterThan 0
        $Manifest.CmdletsToExport | Where-Object { [WildcardPattern]::ContainsWildcardCharacters($_) } | Should -BeNullOrEmpty
        foreach ($key in 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $Manifest.ContainsKey($key) | Should -BeTrue -Because "a missing $key exports everything"
            @($Manifest[$key]).Count | Should -Be 0
        }
    }

    It 'ships the MIT license and the files it names' {
        $folder = Split-Path $ModuleManifest
        Get-Content -LiteralPath (Join-Path $folder 'LICENSE') -TotalCount 1 | Should -Be 'MIT License'
        foreach ($file in @($Manifest.FormatsToProcess) + @($Manifest.TypesToProcess) + $Manifest.RootModule | Where-Object { $_ }) {
            Join-Path $folder $file | Should -Exist
        }
    }

    It 'is the only place the version is written' {
        # Where a version would otherwise creep in: project files, sources, build scripts, module files, README.
        $pattern = '(?<![\d.])' + [regex]::Escape($Manifest.ModuleVersion) + '(?![\d.])'
        $files = @(
            Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'src'), (Join-Path $RepoRoot 'module'), (Join-Path $RepoRoot '.build') -Recurse -File
            Get-ChildItem -LiteralPath $RepoRoot -File | Where-Object Name -In 'build.ps1', 'README.md', 'Directory.Build.props', 'Directory.Packages.props'
        ) | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
        $files.Count | Should -BeGreaterThan 10
        $files | Select-String -Pattern $pattern | ForEach-Object { "$($_.Path):$($_.LineNumber)" } | Should -BeNullOrEmpty
    }
}

Describe 'The exported cmdlets' {
    It 'are exactly the cmdlets the assembly defines' {
        $assembly = (Get-Command ($Manifest.CmdletsToExport | Select-Object -First 1)).ImplementingType.Assembly
        $defined = $assembly.GetExportedTypes() | Where-Object { -not $_.IsAbstract } | ForEach-Object {
            $attribute = [System.Attribute]::GetCustomAttribute($_, [System.Management.Automation.CmdletAttribute])
            if ($attribute) { "$($attribute.VerbName)-$($attribute.NounName)" }
        }
        @($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($defined | Sort-Object)
        @($Manifest.CmdletsToExport | Sort-Object) | Should -Be @($defined | Sort-Object)
        $Module.ExportedFunctions.Count + $Module.ExportedAliases.Count + $Module.ExportedVariables.Count | Should -Be 0
    }
}

Describe '<_> follows the conventions' -ForEach $Cmdlets {
    BeforeAll {
        $script:Command = Get-Command $_
    }

    It 'uses an approved verb and the Cache noun prefix' {
        (Get-Verb).Verb | Should -Contain $Command.Verb
        $Command.Noun | Should -MatchExactly '^Cache[A-Z][A-Za-z]+$'
    }

    It 'declares its output types, each CacheMeta type with a table and a list view' {
        @($Command.OutputType).Count | Should -BeGreaterThan 0
        foreach ($type in $Command.OutputType | Where-Object Name -Like 'CacheMeta.*') {
            $controls = (Get-FormatData -TypeName $type.Name).FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name }
            $controls | Should -Contain 'TableControl' -Because "$($type.Name) needs a table view"
            $controls | Should -Contain 'ListControl' -Because "$($type.Name) needs a list view"
        }
    }

    It 'takes -Path with wildcards beside -LiteralPath, in separate parameter sets' {
        if (-not $Command.Parameters.ContainsKey('Path')) {
            $Command.Parameters.ContainsKey('LiteralPath') | Should -BeFalse
            Set-ItResult -Skipped -Because 'it has no -Path'
            return
        }
        $path = $Command.Parameters['Path']
        $literal = $Command.Parameters['LiteralPath']
        $path.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] } | Should -Not -BeNullOrEmpty
        $literal | Should -Not -BeNullOrEmpty -Because '-Path needs a -LiteralPath sibling'
        $literal.Aliases | Should -Contain 'PSPath'
        $literal.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] } | Should -BeNullOrEmpty
        $Command.ParameterSets | Where-Object { $_.Parameters.Name -contains 'Path' -and $_.Parameters.Name -contains 'LiteralPath' } | Should -BeNullOrEmpty
    }

    It 'supports -WhatIf, -Confirm and -Force when its verb writes' {
        $writes = 'Add', 'Clear', 'Copy', 'Export', 'Install', 'Move', 'New', 'Publish', 'Remove', 'Rename', 'Reset', 'Save', 'Set', 'Update', 'Write'
        if ($Command.Verb -notin $writes) { Set-ItResult -Skipped -Because "$($Command.Verb) does not write"; return }
        foreach ($name in 'WhatIf', 'Confirm', 'Force') { $Command.Parameters.Keys | Should -Contain $name }
    }

    It 'reports failures with specific ErrorIds, categories and targets' {
        if (-not $Command.Parameters.ContainsKey('Path')) { Set-ItResult -Skipped -Because 'it has no -Path to provoke'; return }
        $pathSet = $Command.ParameterSets | Where-Object { $_.Parameters.Name -contains 'Path' } | Select-Object -First 1
        $otherMandatory = $pathSet.Parameters | Where-Object { $_.IsMandatory -and $_.Name -ne 'Path' }
        if ($otherMandatory) { Set-ItResult -Skipped -Because 'its -Path set needs more arguments'; return }
        $readsPages = $Command.ImplementingType.IsSubclassOf([CacheMeta.Commands.CacheSourceCommandBase])

        $name = $Command.Name
        Assert-SpecificError (Invoke-Provoked $name @{ Path = (Join-Path $TestDrive 'no/such/folder') }) -AtLeast 1
        Assert-SpecificError (Invoke-Provoked $name @{ Path = 'Env:HOME' }) -AtLeast 1

        $site = Join-Path $TestDrive "bad-$name"
        $null = New-Item -ItemType Directory -Path "$site/_cache/develop/broken" -Force
        Set-Content -LiteralPath "$site/_cache/develop/broken/specs.md" -Value "---`ntitle: [unclosed`n---"
        Assert-SpecificError (Invoke-Provoked $name @{ Path = $site }) -AtLeast ([int]$readsPages)

        if ($Command.Parameters.ContainsKey('MaxPageBytes')) {
            $large = New-TestPage -Root (Join-Path $TestDrive "large-$name") -Package 'zlib' -Specs @(New-TestSpec -Hash (New-TestHash 'lg'))
            $records = Invoke-Provoked $name @{ Path = $large; MaxPageBytes = 16 }
            Assert-SpecificError $records -AtLeast 1
            $records[0].FullyQualifiedErrorId | Should -BeLike 'CachePageTooLarge,*'
        }
    }
}

Describe 'ErrorIds' {
    It 'are distinct names that scripts can test for' {
        $fields = [CacheMeta.ErrorIds].GetFields('Public, Static') | Where-Object IsLiteral
        $fields.Count | Should -BeGreaterThan 0
        foreach ($field in $fields) {
            $field.GetValue($null) | Should -BeExactly $field.Name
            $field.Name | Should -MatchExactly '^[A-Z][a-z]+([A-Z][a-z0-9]*)+$'
        }
        @($ErrorIdValues | Sort-Object -Unique).Count | Should -Be $ErrorIdValues.Count
        $ErrorIdValues | Should -Not -Contain 'NotSpecified'
    }

    It 'are the only error ids in the source: no string literal is passed as one' {
        $calls = @{ 'new\s+ErrorRecord\s*\(' = 1; 'ErrorRecords\.Create\s*\(' = 0; 'new\s+CacheMetaException\s*\(' = 0 }
        $offenders = foreach ($file in Get-ChildItem (Join-Path $RepoRoot 'src') -Recurse -Filter *.cs | Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]') {
            $text = (Get-Content -LiteralPath $file.FullName -Raw) -replace '(?m)^\s*//.*$', ''
            foreach ($call in $calls.GetEnumerator()) {
                foreach ($match in [regex]::Matches($text, $call.Key)) {
                    $arguments = Get-CallArgument $text ($match.Index + $match.Length - 1)
                    $id = $arguments[$call.Value]
                    if ($id -match '^[$@]*"') { "$($file.Name): $($match.Value) $id" }
                }
            }
        }
        $offenders | Should -BeNullOrEmpty
    }

    It 'are the ones a malformed filter value stops the cmdlet with' {
        $records = Invoke-Provoked Get-CacheSpec @{ Path = $SamplesRoot; Version = '1:2:3' }
        Assert-SpecificError $records -AtLeast 1 -NoTarget
        $records[0].FullyQualifiedErrorId | Should -BeLike 'InvalidQuery,*'
        $records[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Source parameters' {
    BeforeAll {
        # The design: which parameter sets each cmdlet has, and which source parameters each set allows. Pages are
        # read by every cmdlet that reads; -Catalog and -Mirror only where specs are read; -Offline and
        # -CompleteStacks only where an index is read (the Default set reads the public catalog); specs, packages
        # and tags from the pipeline are used or reopened as they are, with no source parameter beside them.
        $pages = @{ Default = 'MaxPageBytes'; Path = 'MaxPageBytes,Path'; LiteralPath = 'LiteralPath,MaxPageBytes' }
        $any = @{ Default = 'CompleteStacks,MaxPageBytes,Offline'; Path = 'MaxPageBytes,Path'; LiteralPath = 'LiteralPath,MaxPageBytes'
            Catalog = 'Catalog,CompleteStacks,Offline'; Mirror = 'Mirror,Offline' }
        $script:Design = @{
            'Get-CacheSpec'      = $any + @{ InputObject = ''; InputPackage = ''; InputTag = '' }
            'Get-CachePackage'   = $any + @{ InputObject = '' }
            'Measure-CacheStack' = $any + @{ InputObject = '' }
            'Test-CachePage'     = $pages
            'Get-CacheTag'       = @{ Default = 'MaxPageBytes,Offline'; Path = 'MaxPageBytes,Path'; LiteralPath = 'LiteralPath,MaxPageBytes'; Catalog = 'Catalog,Offline' }
            'Export-CachePage'   = @{ __AllParameterSets = '' }
            'Compare-CacheSpec'  = @{ Difference = ''; Summary = '' }
        }
        $script:SourceParameters = 'Path', 'LiteralPath', 'Catalog', 'Mirror', 'Offline', 'CompleteStacks', 'MaxPageBytes'
    }

    It '<_> has the parameter sets and source parameters its design allows' -ForEach $Cmdlets {
        $Design.ContainsKey($_) | Should -BeTrue -Because "every cmdlet's sources are part of the design (add $_ to the table)"
        $actual = @{}
        foreach ($set in (Get-Command $_).ParameterSets) {
            $actual[$set.Name] = @($set.Parameters.Name | Where-Object { $_ -in $SourceParameters } | Sort-Object) -join ','
        }
        @($actual.Keys | Sort-Object) | Should -Be @($Design[$_].Keys | Sort-Object)
        foreach ($set in $actual.Keys) { $actual[$set] | Should -Be $Design[$_][$set] -Because "the $set set of $_" }
    }

    It 'gives each source parameter one type and one meaning in every cmdlet' {
        foreach ($name in $SourceParameters) {
            $types = @($Cmdlets | ForEach-Object { (Get-Command $_).Parameters[$name] } | Where-Object { $_ } | ForEach-Object ParameterType | Sort-Object -Unique)
            $types.Count | Should -Be 1 -Because "-$name has one type"
        }
        (Get-Command Get-CacheSpec).Parameters['LiteralPath'].Aliases | Should -Be 'PSPath', 'LP' -Because 'CacheMeta objects must not bind to -LiteralPath'
    }
}
