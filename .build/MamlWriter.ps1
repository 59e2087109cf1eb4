# Writes command help models (CommandModel.ps1) as MAML, the XML format Get-Help reads from
# <module>/<culture>/<assembly>.dll-Help.xml. Once a cmdlet has an entry there, Get-Help takes its syntax and
# parameters from the file alone, so every set and every parameter is written out.

$script:Maml = @{
    Msh     = 'http://msh'
    Maml    = 'http://schemas.microsoft.com/maml/2004/10'
    Command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    Dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Write-MamlElement {
    # <prefix:name>text</prefix:name>
    param([System.Xml.XmlWriter] $Writer, [string] $Prefix, [string] $Name, [string] $Text)
    $Writer.WriteElementString($Prefix, $Name, $Maml[$Prefix], $Text)
}

function Write-MamlParagraph {
    # <maml:description> (or another container) holding one maml:para per paragraph.
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraph, [string] $Prefix = 'maml', [string] $Name = 'description')
    $Writer.WriteStartElement($Prefix, $Name, $Maml[$Prefix])
    foreach ($text in $Paragraph) { Write-MamlElement $Writer 'maml' 'para' $text }
    $Writer.WriteEndElement()
}

function Write-MamlType {
    param([System.Xml.XmlWriter] $Writer, [string] $TypeName)
    $Writer.WriteStartElement('dev', 'type', $Maml.Dev)
    Write-MamlElement $Writer 'maml' 'name' $TypeName
    Write-MamlElement $Writer 'maml' 'uri' ''
    $Writer.WriteEndElement()
}

function Write-MamlParameter {
    # One <command:parameter>: in a syntax block (no description) or in the parameters section.
    param([System.Xml.XmlWriter] $Writer, [object] $Parameter, [switch] $WithDescription)
    $Writer.WriteStartElement('command', 'parameter', $Maml.Command)
    $Writer.WriteAttributeString('required', $Parameter.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $Parameter.IsArray.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $Parameter.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $Parameter.PipelineInput)
    $Writer.WriteAttributeString('position', $Parameter.Position)
    $Writer.WriteAttributeString('aliases', $(if (@($Parameter.Aliases).Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
    Write-MamlElement $Writer 'maml' 'name' $Parameter.Name
    if ($WithDescription) { Write-MamlParagraph $Writer $Parameter.Description }
    if (@($Parameter.ValidValues).Count) {
        # Get-Help shows these as {A | B | C} in the syntax.
        $Writer.WriteStartElement('command', 'parameterValueGroup', $Maml.Command)
        foreach ($value in $Parameter.ValidValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $Maml.Command)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('variableLength', 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    if (-not $Parameter.IsSwitch) {
        # A switch takes no value, so it shows no <Type> in the syntax.
        $Writer.WriteStartElement('command', 'parameterValue', $Maml.Command)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', $Parameter.IsArray.ToString().ToLowerInvariant())
        $Writer.WriteString($Parameter.TypeName)
        $Writer.WriteEndElement()
    }
    Write-MamlType $Writer $Parameter.TypeName
    Write-MamlElement $Writer 'dev' 'defaultValue' $Parameter.Default
    $Writer.WriteEndElement()
}

function Write-MamlTypeList {
    # <command:inputTypes>/<command:returnValues>: one entry per type, "None" when there is none.
    param([System.Xml.XmlWriter] $Writer, [string] $List, [string] $Item, [object[]] $Types)
    $Writer.WriteStartElement('command', $List, $Maml.Command)
    if (-not @($Types).Count) { $Types = @([pscustomobject]@{ TypeName = 'None'; Description = @('This cmdlet takes no pipeline input.') }) }
    foreach ($type in $Types) {
        $Writer.WriteStartElement('command', $Item, $Maml.Command)
        Write-MamlType $Writer $type.TypeName
        Write-MamlParagraph $Writer $type.Description
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-MamlCommand {
    param([System.Xml.XmlWriter] $Writer, [object] $Command, [string[]] $RelatedLink)
    $Writer.WriteStartElement('command', 'command', $Maml.Command)

    $Writer.WriteStartElement('command', 'details', $Maml.Command)
    Write-MamlElement $Writer 'command' 'name' $Command.Name
    Write-MamlElement $Writer 'command' 'verb' $Command.Verb
    Write-MamlElement $Writer 'command' 'noun' $Command.Noun
    Write-MamlParagraph $Writer @($Command.Synopsis)
    $Writer.WriteEndElement()

    Write-MamlParagraph $Writer $Command.Description

    $Writer.WriteStartElement('command', 'syntax', $Maml.Command)
    foreach ($set in $Command.Syntax) {
        $Writer.WriteStartElement('command', 'syntaxItem', $Maml.Command)
        Write-MamlElement $Writer 'maml' 'name' $Command.Name
        foreach ($parameter in $set.Parameters) { Write-MamlParameter $Writer $parameter }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'parameters', $Maml.Command)
    foreach ($parameter in $Command.Parameters) { Write-MamlParameter $Writer $parameter -WithDescription }
    $Writer.WriteEndElement()

    Write-MamlTypeList $Writer 'inputTypes' 'inputType' $Command.Inputs
    Write-MamlTypeList $Writer 'returnValues' 'returnValue' $Command.Outputs

    $Writer.WriteStartElement('command', 'examples', $Maml.Command)
    $number = 0
    foreach ($example in $Command.Examples) {
        $number++
        $Writer.WriteStartElement('command', 'example', $Maml.Command)
        Write-MamlElement $Writer 'maml' 'title' "-------------------------- Example $number --------------------------"
        Write-MamlParagraph $Writer @('PS > ') -Name 'introduction'
        Write-MamlElement $Writer 'dev' 'code' $example.Code
        # The empty paragraph keeps a blank line between one example's text and the next example's title.
        Write-MamlParagraph $Writer (@($example.Remarks) + '') -Prefix 'dev' -Name 'remarks'
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $Maml.Command)
    foreach ($link in $RelatedLink) {
        $Writer.WriteStartElement('maml', 'navigationLink', $Maml.Maml)
        Write-MamlElement $Writer 'maml' 'linkText' $link
        Write-MamlElement $Writer 'maml' 'uri' ''
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteEndElement()
}

function Write-MamlHelp {
    # The whole help file, commands in name order so the output is the same on every build.
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [object[]] $Command)
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', $Maml.Msh)
        $writer.WriteAttributeString('schema', 'maml')
        $writer.WriteAttributeString('xmlns', 'maml', $null, $Maml.Maml)
        $writer.WriteAttributeString('xmlns', 'command', $null, $Maml.Command)
        $writer.WriteAttributeString('xmlns', 'dev', $null, $Maml.Dev)
        foreach ($item in ($Command | Sort-Object Name)) {
            $related = @('about_CacheMeta') + @($Command.Name | Where-Object { $_ -ne $item.Name } | Sort-Object)
            Write-MamlCommand $writer $item $related
        }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally {
        $writer.Dispose()
    }
}
