BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # The module's own cmdlets do not yet use everything the generator must handle (switches, ShouldProcess,
    # ValidateSet, nullable values, object pipeline input, inherited parameters, <para>, <see>, <list>), so a
    # fixture cmdlet with invented doc comments does. Compiled to a dll in TestDrive, documented, imported.
    $script:Folder = Join-Path $TestDrive 'fixture'
    $null = New-Item -ItemType Directory -Path $Folder
    $script:Dll = Join-Path $Folder 'HelpFixture.dll'
    Add-Type -OutputAssembly $Dll -OutputType Library -TypeDefinition @'
using System.Management.Automation;
namespace HelpFixture {
    public abstract class FixtureBase : PSCmdlet {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "Path")]
        [SupportsWildcards]
        public string[] Path { get; set; }
    }

    [Cmdlet(VerbsData.Export, "HelpFixture", SupportsShouldProcess = true, DefaultParameterSetName = "Path")]
    [OutputType(typeof(System.IO.FileInfo))]
    public sealed class ExportHelpFixtureCommand : FixtureBase {
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Object")]
        public PSObject InputObject { get; set; }

        [Parameter]
        [ValidateSet("Table", "List")]
        public string View { get; set; } = "Table";

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [Alias("Limit")]
        public int? Count { get; set; }

        protected override void ProcessRecord() { }
    }
}
'@
    $script:DocFile = Join-Path $Folder 'HelpFixture.xml'
    Set-Content -LiteralPath $DocFile -Value @'
<?xml version="1.0"?>
<doc>
    <assembly><name>HelpFixture</name></assembly>
    <members>
        <member name="T:HelpFixture.ExportHelpFixtureCommand">
            <summary>Exports
            fixtures.</summary>
            <remarks>
            Writes <c>-Path</c> files, like <see cref="T:System.IO.FileInfo"/> objects.

            <para>A second paragraph.</para>
            <list type="bullet"><item><description>one item</description></item></list>
            </remarks>
            <example>
            <code>Export-HelpFixture ./a -View List</code>
            <para>Exports one fixture as a list.</para>
            </example>
            <example>
            <code>
            Get-Item ./a |
                Export-HelpFixture -Force
            </code>
            <para>Pipes an item.</para>
            </example>
        </member>
        <member name="P:HelpFixture.FixtureBase.Path"><summary>Where the fixtures go.</summary></member>
        <member name="P:HelpFixture.ExportHelpFixtureCommand.InputObject"><summary>What to export.</summary></member>
        <member name="P:HelpFixture.ExportHelpFixtureCommand.View"><summary>The view.</summary></member>
        <member name="P:HelpFixture.ExportHelpFixtureCommand.Force"><summary>Replaces existing files.</summary></member>
        <member name="P:HelpFixture.ExportHelpFixtureCommand.Count"><summary>How many, at most.</summary></member>
        <member name="T:System.IO.FileInfo"><summary>A written file.</summary></member>
    </members>
</doc>
'@
    $helpFile = Join-Path $Folder 'en-US/HelpFixture.dll-Help.xml'
    $null = Invoke-FreshPwsh "& '$(Join-Path $RepoRoot '.build/New-MamlHelp.ps1')' -ModuleManifest '$Dll' -DocFile '$DocFile' -OutFile '$helpFile' *> `$null; 0"
    $script:Help = Invoke-FreshPwsh @"
Import-Module '$Dll'
`$PSStyle.OutputRendering = 'PlainText'
`$help = Get-Help Export-HelpFixture -Full
[pscustomobject]@{
    Synopsis    = `$help.Synopsis
    Description = @(`$help.description.Text | ForEach-Object Trim)
    Syntax      = (`$help.syntax | Out-String -Width 300) -split '\r?\n' | Where-Object { `$_.Trim() } | ForEach-Object Trim
    Parameters  = @(`$help.parameters.parameter | ForEach-Object { [pscustomobject]@{ Name = `$_.name; Text = (`$_.description.Text -join ' ')
        Required = `$_.required; Position = `$_.position; Pipeline = `$_.pipelineInput; Globbing = `$_.globbing; Aliases = `$_.aliases
        Default = `$_.defaultValue; Value = `$_.parameterValue } })
    Inputs      = @(`$help.inputTypes.inputType | ForEach-Object { '{0}: {1}' -f `$_.type.name, (`$_.description.Text -join ' ') })
    Outputs     = @(`$help.returnValues.returnValue | ForEach-Object { '{0}: {1}' -f `$_.type.name, (`$_.description.Text -join ' ') })
    Examples    = @(`$help.examples.example | ForEach-Object { [pscustomobject]@{ Code = `$_.code; Remarks = (`$_.remarks.Text -join '').Trim() } })
}
"@
    $script:Parameter = @{}
    foreach ($item in $Help.Parameters) { $Parameter[$item.Name] = $item }
}

Describe 'The help generator' {
    It 'joins wrapped lines and splits paragraphs, flattening inline tags' {
        $Help.Synopsis | Should -Be 'Exports fixtures.'
        $Help.Description | Should -Be 'Writes -Path files, like System.IO.FileInfo objects.', 'A second paragraph.', '- one item'
    }

    It 'writes one syntax line per set: positional, then mandatory, then as declared' {
        $Help.Syntax | Should -Be @(
            'Export-HelpFixture [-Path] <String[]> [-View {Table | List}] [-Force] [-Count <Int32>] [-WhatIf] [-Confirm] [<CommonParameters>]'
            'Export-HelpFixture -InputObject <PSObject> [-View {Table | List}] [-Force] [-Count <Int32>] [-WhatIf] [-Confirm] [<CommonParameters>]'
        )
    }

    It 'documents every parameter, inherited ones and PowerShell''s own -WhatIf and -Confirm too' {
        $Help.Parameters.Name | Sort-Object | Should -Be 'Confirm', 'Count', 'Force', 'InputObject', 'Path', 'View', 'WhatIf'
        $Parameter.Path.Text | Should -Be 'Where the fixtures go.'
        $Parameter.WhatIf.Text | Should -Match 'Shows what would happen'
        $Parameter.Confirm.Text | Should -Match 'Prompts you for confirmation'
    }

    It 'states binding facts: required, position, pipeline, wildcards, aliases, defaults, types' {
        $Parameter.Path.Required | Should -Be 'true'
        $Parameter.Path.Position | Should -Be '0'
        $Parameter.Path.Globbing | Should -Be 'true'
        $Parameter.InputObject.Pipeline | Should -Be 'True (ByValue)'
        $Parameter.Count.Aliases | Should -Be 'Limit'
        $Parameter.Count.Value | Should -Be 'Int32'
        $Parameter.Count.Default | Should -Be 'None'
        $Parameter.View.Default | Should -Be 'Table'
        $Parameter.Force.Default | Should -Be 'False'
        $Parameter.Force.Value | Should -BeNullOrEmpty
    }

    It 'names inputs and outputs with their descriptions' {
        $Help.Inputs | Should -Be 'System.Management.Automation.PSObject: You can pipe System.Management.Automation.PSObject values to -InputObject.'
        $Help.Outputs | Should -Be 'System.IO.FileInfo: A written file.'
    }

    It 'keeps example code with its line breaks and indentation' {
        $Help.Examples.Count | Should -Be 2
        $Help.Examples[0].Code | Should -Be 'Export-HelpFixture ./a -View List'
        $Help.Examples[1].Code | Should -Be "Get-Item ./a |`n    Export-HelpFixture -Force"
        $Help.Examples[1].Remarks | Should -Be 'Pipes an item.'
    }
}
