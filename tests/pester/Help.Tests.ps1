BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # Whatever the manifest exports (Conventions.Tests.ps1 proves that is every defined cmdlet).
    $script:Cmdlets = @((Import-PowerShellDataFile -LiteralPath $ModuleManifest).CmdletsToExport | Sort-Object)
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    Import-Module $ModuleManifest -Force
    $PSStyle.OutputRendering = 'PlainText'

    function Get-ExpectedParameter {
        # What the help must say about each parameter, straight from the metadata PowerShell binds with.
        param([System.Management.Automation.CmdletInfo] $Command)
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        foreach ($name in ($Command.Parameters.Keys | Where-Object { -not $common.Contains($_) })) {
            $inSets = @($Command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -EQ $name })
            $kinds = @(
                if ($inSets | Where-Object ValueFromPipeline) { 'ByValue' }
                if ($inSets | Where-Object ValueFromPipelineByPropertyName) { 'ByPropertyName' }
            )
            $position = @($inSets | Where-Object Position -GE 0 | ForEach-Object Position | Sort-Object -Unique)
            $aliases = @($Command.Parameters[$name].Aliases)
            [pscustomobject]@{
                Name          = $name
                Required      = (-not ($inSets | Where-Object { -not $_.IsMandatory })).ToString().ToLowerInvariant()
                Position      = if ($position.Count) { [string]$position[0] } else { 'named' }
                PipelineInput = if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
                Globbing      = ([bool]($Command.Parameters[$name].Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })).ToString().ToLowerInvariant()
                Aliases       = if ($aliases) { $aliases -join ', ' } else { 'none' }
            }
        }
    }
}

Describe 'Help for <_>' -ForEach $Cmdlets {
    BeforeAll {
        $script:Name = $_
        # Help first: Get-Help is what resolves the command's HelpFile to a path.
        $script:Help = Get-Help $Name -Full
        $script:Command = Get-Command $Name
    }

    It 'comes from the staged MAML file next to the module' {
        # Where Get-Help looks for a cmdlet of this module: <ModuleBase>/<culture>/<dll name>-Help.xml.
        $file = Join-Path (Split-Path $ModuleManifest) "en-US/$(Split-Path $Command.DLL -Leaf)-Help.xml"
        $file | Should -Exist
        $maml = [xml](Get-Content -LiteralPath $file -Raw)
        $maml.helpItems.command.details.name | Should -Contain $Name
        $Help.PSObject.TypeNames | Should -Contain 'MamlCommandHelpInfo'
    }

    It 'has a one-sentence synopsis and a description' {
        $Help.Synopsis | Should -Match '^[A-Z].*\.$'
        $Help.Synopsis | Should -Not -Match ([regex]::Escape($Name))
        ($Help.description.Text -join ' ').Length | Should -BeGreaterThan 40
    }

    It 'has at least two examples, each a command of this module with an explanation' {
        $examples = @($Help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Match ([regex]::Escape($Name))
            ($example.remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every parameter' {
        $expected = @(Get-ExpectedParameter $Command)
        $described = @($Help.parameters.parameter | Where-Object { ($_.description.Text -join '').Trim() } | ForEach-Object name)
        $expected.Count | Should -BeGreaterThan 0
        $expected.Name | Where-Object { $_ -notin $described } | Should -BeNullOrEmpty -Because 'every parameter needs a <summary>'
    }

    It 'states each parameter as PowerShell binds it' {
        $documented = @{}
        foreach ($parameter in $Help.parameters.parameter) { $documented[$parameter.name] = $parameter }
        foreach ($expected in Get-ExpectedParameter $Command) {
            $actual = $documented[$expected.Name]
            $actual | Should -Not -BeNullOrEmpty -Because "-$($expected.Name) must be in the help"
            foreach ($property in 'Required', 'Position', 'PipelineInput', 'Globbing', 'Aliases') {
                $actual.$property | Should -Be $expected.$property -Because "-$($expected.Name) $property"
            }
            $type = $Command.Parameters[$expected.Name].ParameterType
            if ([Nullable]::GetUnderlyingType($type)) { $type = [Nullable]::GetUnderlyingType($type) }
            # Generic types show their arguments after the name (Dictionary[String, Int32]).
            $typeName = [WildcardPattern]::Escape(($type.Name -replace '`\d+$', ''))
            if ($type -ne [switch]) { $actual.parameterValue | Should -BeLike "$typeName*" }
        }
    }

    It 'has one syntax block per parameter set, with that set''s parameters' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $syntax = @($Help.syntax.syntaxItem)
        $syntax.Count | Should -Be $Command.ParameterSets.Count
        $expected = $Command.ParameterSets | ForEach-Object { (@($_.Parameters.Name | Where-Object { -not $common.Contains($_) } | Sort-Object) -join ',') } | Sort-Object
        $actual = $syntax | ForEach-Object { (@($_.parameter.name | Sort-Object) -join ',') } | Sort-Object
        $actual | Should -Be $expected
    }

    It 'names its output types and its pipeline input' {
        $returns = @($Help.returnValues.returnValue.type.name)
        foreach ($type in $Command.OutputType) { $returns | Should -Contain $type.Name }
        $inputs = @($Help.inputTypes.inputType.type.name)
        $piped = $Command.Parameters.Values | Where-Object { $_.ParameterSets.Values | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } }
        foreach ($parameter in $piped) {
            $inputs | Should -Contain ($parameter.ParameterType.FullName -replace '\[\]$', '')
        }
    }

    It 'goes -Online to its heading in docs/cmdlets.md on the project''s site' {
        $project = (Import-PowerShellDataFile -LiteralPath $ModuleManifest).PrivateData.PSData.ProjectUri
        $Command.HelpUri | Should -Be "$project/blob/main/docs/cmdlets.md#$($Name.ToLowerInvariant())"
        Get-Content -LiteralPath (Join-Path $RepoRoot 'docs/cmdlets.md') | Should -Contain "### $Name" -Because 'the anchor of its HelpUri'
    }

    It 'links to about_CacheMeta' {
        $Help.relatedLinks.navigationLink.linkText | Should -Contain 'about_CacheMeta'
    }
}

Describe 'The manifest''s release notes' {
    It 'are CHANGELOG.md''s section of the module version (or [Unreleased])' {
        . (Join-Path $RepoRoot '.build/ReleaseNotes.ps1')
        $manifest = Import-PowerShellDataFile -LiteralPath $ModuleManifest
        $expected = Get-ReleaseNote -ChangelogPath (Join-Path $RepoRoot 'CHANGELOG.md') -Version $manifest.ModuleVersion
        $expected | Should -Match '### Added'
        $manifest.PrivateData.PSData.ReleaseNotes -replace "`r`n", "`n" | Should -BeExactly $expected
    }
}

Describe 'Get-Help as users call it' {
    It 'shows every section with -Full' {
        $text = Get-Help Get-CacheSpec -Full | Out-String -Width 120
        foreach ($heading in 'NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'RELATED LINKS') {
            $text | Should -Match "(?m)^$heading\s*$"
        }
        $text | Should -Match 'Get-CacheSpec \[\[-Name\] <String\[\]>\]'
        $text | Should -Match '-LiteralPath <String\[\]>'
        $text | Should -Match 'CacheMeta\.CacheSpec'
        $text | Should -Match 'Default value\s+33554432'
    }

    It 'shows the examples with -Examples' {
        $text = Get-Help Get-CachePackage -Examples | Out-String -Width 120
        $text | Should -Match 'Example 1'
        $text | Should -Match 'Example 2'
        $text | Should -Match 'PS > Get-CachePackage '
        $text | Should -Not -Match '(?m)^PARAMETERS'
    }

    It 'describes one parameter with -Parameter' {
        $path = Get-Help Get-CacheSpec -Parameter Path
        $path.globbing | Should -Be 'true'
        $path.pipelineInput | Should -Be 'True (ByPropertyName)'
        ($path.description.Text -join ' ') | Should -Match 'wildcards'
        (Get-Help Get-CacheSpec -Parameter LiteralPath).aliases | Should -Be 'PSPath, LP'
    }

    It 'finds the about_CacheMeta topic and its sections' {
        $text = Get-Help about_CacheMeta | Out-String
        foreach ($heading in 'TAGS', 'STACKS', 'SOURCES', 'TARGET FAMILIES', 'SPEC SYNTAX', 'CACHING', 'AUTOMATION EXAMPLES') {
            $text | Should -Match "(?m)^$heading\s*$"
        }
    }
}

Describe 'The about_CacheMeta examples' {
    It 'counts specs per stack as the topic shows' {
        $counts = Get-CachePackage -Path $SamplesRoot -Tag develop |
            ForEach-Object { $_.NumSpecsByStack.GetEnumerator() } |
            Group-Object Key |
            Select-Object Name, @{ n = 'Specs'; e = { ($_.Group.Value | Measure-Object -Sum).Sum } } |
            Sort-Object Specs -Descending
        # Recounted from the sample pages' records: every spec is in root.
        $records = Get-ChildItem (Join-Path $SamplesRoot '_cache/develop') -Recurse -Filter specs.md |
            ForEach-Object { (Get-Content -LiteralPath $_.FullName | Where-Object { $_ -like 'spec_details: *' }).Substring(14) | ConvertFrom-Json }
        $counts[0].Name | Should -Be 'root'
        $counts[0].Specs | Should -Be @($records).Count
        ($counts | Where-Object Name -EQ 'e4s').Specs | Should -Be @($records | Where-Object { $_.stacks -contains 'e4s' }).Count
    }
}
