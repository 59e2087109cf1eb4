# Builds a neutral description of one cmdlet for its help: the texts come from the doc comments
# (DocComments.ps1), everything else from the metadata PowerShell itself binds with (Get-Command), so the
# help can never describe a parameter, set, position or pipeline binding that the cmdlet does not have.

# PowerShell's own parameters that every SupportsShouldProcess cmdlet gets; they have no doc comment.
$script:ShouldProcessText = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function Get-FriendlyTypeName {
    # The type as PowerShell users write it: String[], Int64, Nullable<T> as T, generics with their arguments.
    param([Parameter(Mandatory)] [type] $Type, [switch] $FullName)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    if ($Type.IsArray) { return (Get-FriendlyTypeName $Type.GetElementType() -FullName:$FullName) + '[]' }
    $name = if ($FullName) { $Type.FullName -replace '`\d+.*$', '' } else { $Type.Name -replace '`\d+$', '' }
    if ($Type.IsGenericType) {
        $arguments = $Type.GetGenericArguments() | ForEach-Object { Get-FriendlyTypeName $_ -FullName:$FullName }
        $name = "$name[$($arguments -join ', ')]"
    }
    $name
}

function Get-ParameterDefault {
    # The value a fresh instance of the cmdlet holds, unless [PSDefaultValue] says better ("$env:X", "the current folder").
    param([System.Management.Automation.ParameterMetadata] $Parameter, [object] $Instance)
    $attribute = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.PSDefaultValueAttribute] } | Select-Object -First 1
    if ($attribute) { return $(if ($attribute.Help) { $attribute.Help } else { [string]$attribute.Value }) }
    $property = if ($Instance) { $Instance.GetType().GetProperties() | Where-Object Name -EQ $Parameter.Name | Select-Object -First 1 }
    $value = if ($property) { $property.GetValue($Instance) }
    if ($null -eq $value) { return 'None' }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return [string]$value.IsPresent }
    if ($value -is [array]) { return $(if ($value.Count) { $value -join ', ' } else { 'None' }) }
    [string]$value
}

function New-CommandInstance {
    # A throwaway instance, only to read the parameters' initial values.
    param([type] $Type)
    try { [Activator]::CreateInstance($Type) } catch { $null }
}

function Get-PipelineText {
    param([bool] $ByValue, [bool] $ByPropertyName)
    $kinds = @(if ($ByValue) { 'ByValue' }; if ($ByPropertyName) { 'ByPropertyName' })
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-ParameterModel {
    # One parameter across the sets it belongs to. In a single set everything is exact; across sets it is
    # required only when every set requires it, and positional when any set gives it a position.
    param(
        [Parameter(Mandatory)] [System.Management.Automation.CmdletInfo] $Command,
        [Parameter(Mandatory)] [string] $Name,
        [System.Management.Automation.CommandParameterInfo[]] $InSets,
        [hashtable] $Docs, [object] $Instance
    )
    $metadata = $Command.Parameters[$Name]
    $inSets = @($InSets)
    $description = if ($ShouldProcessText.ContainsKey($Name) -and -not ($Command.ImplementingType.GetProperties() | Where-Object Name -EQ $Name)) {
        , @($ShouldProcessText[$Name])
    }
    else {
        $doc = Find-DocMember -Docs $Docs -Type $Command.ImplementingType -Member $Name
        , @((Get-DocParagraph (Select-DocElement $doc 'summary')) + (Get-DocParagraph (Select-DocElement $doc 'remarks')))
    }
    $positions = @($inSets | Where-Object Position -GE 0 | ForEach-Object Position | Sort-Object -Unique)
    $validateSet = $metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    [pscustomobject]@{
        Name          = $Name
        TypeName      = Get-FriendlyTypeName $metadata.ParameterType
        FullTypeName  = Get-FriendlyTypeName $metadata.ParameterType -FullName
        IsSwitch      = $metadata.SwitchParameter
        IsArray       = $metadata.ParameterType.IsArray
        Description   = $description
        Required      = [bool]($inSets.Count -and -not ($inSets | Where-Object { -not $_.IsMandatory }))
        Position      = if ($positions.Count) { [string]$positions[0] } else { 'named' }
        PipelineInput = Get-PipelineText ([bool]($inSets | Where-Object ValueFromPipeline)) ([bool]($inSets | Where-Object ValueFromPipelineByPropertyName))
        Globbing      = [bool]($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        Aliases       = @($metadata.Aliases)
        Default       = Get-ParameterDefault $metadata $Instance
        ValidValues   = if ($validateSet) { @($validateSet.ValidValues) } else { @() }
    }
}

function Get-SyntaxModel {
    # One syntax block per parameter set, parameters in the order PowerShell shows them: positional ones by
    # position, then mandatory, then the rest as declared.
    param([System.Management.Automation.CmdletInfo] $Command, [hashtable] $ByName)
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    foreach ($set in $Command.ParameterSets) {
        $ordered = $set.Parameters | Where-Object { -not $common.Contains($_.Name) } |
            Sort-Object @{ Expression = { if ($_.Position -ge 0) { 0 } elseif ($_.IsMandatory) { 1 } else { 2 } } },
            @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { 0 } } } -Stable
        [pscustomobject]@{
            Name       = $set.Name
            IsDefault  = $set.IsDefault
            Parameters = @($ordered | ForEach-Object {
                    $shared = $ByName[$_.Name]
                    [pscustomobject]@{
                        Name          = $_.Name
                        TypeName      = $shared.TypeName
                        IsSwitch      = $shared.IsSwitch
                        IsArray       = $shared.IsArray
                        Required      = $_.IsMandatory
                        Position      = if ($_.Position -ge 0) { [string]$_.Position } else { 'named' }
                        PipelineInput = Get-PipelineText $_.ValueFromPipeline $_.ValueFromPipelineByPropertyName
                        Globbing      = $shared.Globbing
                        Aliases       = $shared.Aliases
                        Default       = $shared.Default
                        ValidValues   = $shared.ValidValues
                    }
                })
        }
    }
}

function Get-InputModel {
    # What can be piped in, per type (an array parameter takes its elements one at a time), and which
    # parameters take it: by value, or by property name from objects with a property of that name or alias.
    param([object[]] $Parameters)
    $piped = $Parameters | Where-Object PipelineInput -NE 'False'
    foreach ($group in ($piped | Group-Object { $_.FullTypeName -replace '\[\]$', '' })) {
        $byValue = @($group.Group | Where-Object PipelineInput -Like '*ByValue*' | ForEach-Object { "-$($_.Name)" })
        $byName = @($group.Group | Where-Object PipelineInput -Like '*ByPropertyName*' | ForEach-Object {
                $names = @($_.Name) + @($_.Aliases)
                "-$($_.Name) from a $((@($names | Select-Object -SkipLast 1) -join ', ') + $(if ($names.Count -gt 1) { ' or ' }) + $names[-1]) property"
            })
        $sentences = @(
            if ($byValue) { "You can pipe $($group.Name) values to $($byValue -join ', ')." }
            if ($byName) { "Objects bind by property name to $($byName -join '; ')." }
        )
        [pscustomobject]@{ TypeName = $group.Name; Description = , @($sentences -join ' ') }
    }
}

function Get-CommandHelpModel {
    param([Parameter(Mandatory)] [System.Management.Automation.CmdletInfo] $Command, [Parameter(Mandatory)] [hashtable] $Docs)
    $type = $Command.ImplementingType
    $doc = Find-DocMember -Docs $Docs -Type $type
    $instance = New-CommandInstance $type
    try {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $byName = [ordered]@{}
        foreach ($name in ($Command.Parameters.Keys | Where-Object { -not $common.Contains($_) } | Sort-Object)) {
            $inSets = @($Command.ParameterSets | ForEach-Object { $_.Parameters | Where-Object Name -EQ $name })
            $byName[$name] = Get-ParameterModel -Command $Command -Name $name -InSets $inSets -Docs $Docs -Instance $instance
        }
    }
    finally {
        if ($instance -is [IDisposable]) { $instance.Dispose() }
    }

    [pscustomobject]@{
        Name        = $Command.Name
        Verb        = $Command.Verb
        Noun        = $Command.Noun
        Synopsis    = (Get-DocParagraph (Select-DocElement $doc 'summary')) -join ' '
        Description = Get-DocParagraph (Select-DocElement $doc 'remarks')
        Syntax      = @(Get-SyntaxModel -Command $Command -ByName $byName)
        Parameters  = @($byName.Values)
        Inputs      = @(Get-InputModel @($byName.Values))
        Outputs     = @($Command.OutputType | ForEach-Object {
                $outputDoc = if ($_.Type) { Find-DocMember -Docs $Docs -Type $_.Type }
                [pscustomobject]@{ TypeName = $_.Name; Description = Get-DocParagraph (Select-DocElement $outputDoc 'summary') }
            })
        Examples    = @(Get-DocExample $doc)
    }
}
