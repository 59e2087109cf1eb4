BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Cmdlets = @((Import-PowerShellDataFile -LiteralPath $ModuleManifest).CmdletsToExport | Sort-Object)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Module = Import-Module $ModuleManifest -Force -PassThru
    $script:Manifest = Import-PowerShellDataFile -LiteralPath $ModuleManifest
    $script:ErrorIdValues = @([CacheMeta.ErrorIds]::All.Name)

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
    It 'are distinct names that scripts can test for, each declared once in ErrorIds' {
        # The compiler sees to the rest: CacheMetaException and ErrorRecords.Create take an ErrorId, not a
        # string, and ErrorRecord's constructors are banned outside ErrorRecords (src/CacheMeta/BannedSymbols.txt).
        $fields = @([CacheMeta.ErrorIds].GetFields('Public, Static') | Where-Object FieldType -EQ ([CacheMeta.ErrorId]))
        $fields.Count | Should -BeGreaterThan 20
        $ErrorIdValues.Count | Should -Be $fields.Count
        foreach ($field in $fields) {
            $field.IsInitOnly | Should -BeTrue
            $field.GetValue($null).Name | Should -BeExactly $field.Name
            $field.Name | Should -MatchExactly '^[A-Z][a-z]+([A-Z][a-z0-9]*)+$'
        }
        @($ErrorIdValues | Sort-Object -Unique).Count | Should -Be $ErrorIdValues.Count
        $ErrorIdValues | Should -Not -Contain 'NotSpecified'
        [CacheMeta.ErrorId].GetConstructors().Count | Should -Be 0 -Because 'only CacheMeta itself declares ids'
    }

    It 'are the ones a malformed filter value stops the cmdlet with' {
        $records = Invoke-Provoked Get-CacheSpec @{ Path = $SamplesRoot; Version = '1:2:3' }
        Assert-SpecificError $records -AtLeast 1 -NoTarget
        $records[0].FullyQualifiedErrorId | Should -BeLike 'InvalidQuery,*'
        $records[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Rules no compiler checks' {
    BeforeAll {
        $script:Engine = [CacheMeta.CacheSpec].Assembly
        $script:Commands = @($Manifest.CmdletsToExport | ForEach-Object { Get-Command $_ })
        # Each ValidateSet that copies names the engine owns, with the engine's names (a value the engine does
        # not know would fail only when used; a name the set lacks could never be asked for).
        $script:EngineNames = @{
            'Measure-CacheStack -GroupBy'  = @([Enum]::GetNames([CacheMeta.StackGrouping]) | Where-Object { $_ -ne 'None' })
            # SpecDiff is internal (only output types are public): its list is read by reflection.
            'Compare-CacheSpec -Property' = @($Engine.GetType('CacheMeta.Comparison.SpecDiff', $true).GetProperty('ComparedProperties').GetValue($null))
            'Get-CacheDependency -Type'   = @([Enum]::GetNames([CacheMeta.DependencyTypes]) | Where-Object { $_ -ne 'None' })
        }
        foreach ($name in 'Get-CacheSpec', 'Get-CachePackage', 'Measure-CacheStack', 'Find-CacheSpec') {
            $EngineNames["$name -OSCompatibility"] = [Enum]::GetNames([CacheMeta.OSCompatibility])
        }
    }

    It 'no cmdlet parameter is of an engine value type' {
        # A property (so a field) of an engine enum or struct, or of one made nullable, makes the runtime load the
        # engine to lay out the cmdlet class while PowerShell scans the cmdlet classes, before the module has taught
        # it where the engine is (see Measure-CacheStack -GroupBy). An array is a reference: its element type is
        # loaded only when the parameter is bound (Get-CacheTag -Kind).
        $offenders = foreach ($command in $Commands) {
            foreach ($property in $command.ImplementingType.GetProperties()) {
                if (-not $property.IsDefined([System.Management.Automation.ParameterAttribute], $true)) { continue }
                $type = $property.PropertyType
                if ([Nullable]::GetUnderlyingType($type)) { $type = [Nullable]::GetUnderlyingType($type) }
                if ($type.IsValueType -and $type.Assembly -eq $Engine) { "$($command.Name) -$($property.Name): $($type.FullName)" }
            }
        }
        $Commands.Count | Should -BeGreaterThan 6
        $offenders | Should -BeNullOrEmpty
    }

    It 'every ValidateSet that copies engine names has exactly those names' {
        $sets = foreach ($command in $Commands) {
            foreach ($parameter in $command.Parameters.Values) {
                foreach ($set in $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }) {
                    [pscustomobject]@{ Name = "$($command.Name) -$($parameter.Name)"; Values = @($set.ValidValues) }
                }
            }
        }
        @($sets.Name | Sort-Object) | Should -Be @($EngineNames.Keys | Sort-Object) -Because 'a new ValidateSet of engine names belongs in $EngineNames'
        foreach ($set in $sets) {
            @($set.Values | Sort-Object) | Should -Be @($EngineNames[$set.Name] | Sort-Object) -Because "$($set.Name) copies the engine's names"
        }
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
            'Find-CacheSpec'     = $any + @{ InputObject = '' }
            'Test-CachePage'     = $pages
            # Indexes only: the graph and the audit need what pages do not record.
            'Test-CacheIndex'    = @{ Default = 'Offline'; Catalog = 'Catalog,Offline'; Mirror = 'Mirror,Offline' }
            'Get-CacheDependency' = @{ __AllParameterSets = '' }
            'Get-CacheTag'       = @{ Default = 'MaxPageBytes,Offline'; Path = 'MaxPageBytes,Path'; LiteralPath = 'LiteralPath,MaxPageBytes'; Catalog = 'Catalog,Offline' }
            'Export-CachePage'   = @{ __AllParameterSets = '' }
            'Compare-CacheSpec'  = @{ Difference = ''; Summary = '' }
            # The table of targets and the machine itself: no cache source at all.
            'Get-CacheTarget'    = @{ __AllParameterSets = '' }
            'Get-CacheHost'      = @{ ThisMachine = ''; CpuInfo = '' }
            # The entries behind piped specs, read from the mirror each came from: only the cache folder is a choice.
            'Get-CacheBinary'    = @{ Spec = 'Offline'; Dependency = 'Offline' }
            'Test-CacheSignature' = @{ Spec = 'Offline'; Dependency = 'Offline'; Binary = 'Offline' }
            'Save-CacheBinary'   = @{ Spec = 'Offline'; Dependency = 'Offline'; Binary = 'Offline' }
            # Piped index specs, whose index and entries are read where each came from: the same choice only.
            'Export-CacheMirror' = @{ Spec = 'Offline'; Dependency = 'Offline' }
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
