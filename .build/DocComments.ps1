# Reads the compiler's XML documentation files (GenerateDocumentationFile) and turns doc comments into the
# plain-text paragraphs Get-Help shows. Inline tags are flattened (<c>x</c> -> x, <see cref="T:A.B"/> -> A.B),
# <para>, <code>, <list> and blank lines start new paragraphs, and line wrapping from the source is undone.

function Read-DocComment {
    # All members of the given files, by documentation id ("T:CacheMeta.Commands.GetCacheSpecCommand").
    param([Parameter(Mandatory)] [string[]] $Path)
    $members = @{}
    foreach ($file in $Path) {
        $document = [System.Xml.XmlDocument]::new()
        $document.PreserveWhitespace = $true
        $document.Load($file)
        foreach ($member in $document.SelectNodes('/doc/members/member')) {
            $members[$member.GetAttribute('name')] = $member
        }
    }
    $members
}

function Find-DocMember {
    # The doc comment of a type or of one of its members, following <inheritdoc/> and missing comments up
    # the base types: a parameter declared on a shared base class is documented there.
    param([Parameter(Mandatory)] [hashtable] $Docs, [Parameter(Mandatory)] [type] $Type, [string] $Member)
    for ($current = $Type; $current; $current = $current.BaseType) {
        $id = if ($Member) { "P:$($current.FullName).$Member" } else { "T:$($current.FullName)" }
        $node = $Docs[$id]
        if ($node -and -not $node.SelectSingleNode('inheritdoc')) { return $node }
    }
}

function Select-DocElement {
    # A child element of a doc comment, or nothing (PowerShell's XML adapter would return bare strings).
    param([System.Xml.XmlNode] $Node, [Parameter(Mandatory)] [string] $Name)
    if ($Node) { $Node.SelectSingleNode($Name) }
}

function Get-DocParagraph {
    # The paragraphs of one doc element (summary, remarks, para), as trimmed single-line strings.
    param([System.Xml.XmlNode] $Node)
    if (-not $Node) { return , @() }
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Text.StringBuilder]::new()
    $flush = {
        $text = ($current.ToString() -replace '\s+', ' ').Trim()
        if ($text) { $paragraphs.Add($text) }
        $null = $current.Clear()
    }
    foreach ($child in $Node.ChildNodes) {
        if ($child -is [System.Xml.XmlText] -or $child -is [System.Xml.XmlWhitespace] -or $child -is [System.Xml.XmlSignificantWhitespace]) {
            # A blank line inside the comment separates paragraphs.
            $parts = $child.Value -split '\r?\n[ \t]*\r?\n'
            for ($i = 0; $i -lt $parts.Count; $i++) {
                if ($i -gt 0) { & $flush }
                $null = $current.Append($parts[$i])
            }
            continue
        }
        switch ($child.LocalName) {
            'para' { & $flush; foreach ($p in (Get-DocParagraph $child)) { $paragraphs.Add($p) } }
            'code' { & $flush; $code = Format-DocCode $child.InnerText; if ($code) { $paragraphs.Add($code) } }
            'list' {
                & $flush
                foreach ($item in $child.SelectNodes('item')) {
                    $term = $item.SelectSingleNode('term')
                    $description = $item.SelectSingleNode('description')
                    $text = if ($description) { ConvertTo-DocInline $description } else { ConvertTo-DocInline $item }
                    if ($term) { $text = "$(ConvertTo-DocInline $term): $text" }
                    $paragraphs.Add("- $text")
                }
            }
            'br' { & $flush }
            default { $null = $current.Append((ConvertTo-DocInline $child -Outer)) }
        }
    }
    & $flush
    , $paragraphs.ToArray()
}

function ConvertTo-DocInline {
    # Flattens inline markup to text: references become names, everything else its inner text.
    param([System.Xml.XmlNode] $Node, [switch] $Outer)
    if ($Outer) {
        switch ($Node.LocalName) {
            { $_ -in 'see', 'seealso' } {
                if ($Node.InnerText.Trim()) { return $Node.InnerText }
                foreach ($attribute in 'langword', 'href') { if ($Node.GetAttribute($attribute)) { return $Node.GetAttribute($attribute) } }
                return Get-DocCrefName $Node.GetAttribute('cref')
            }
            { $_ -in 'paramref', 'typeparamref' } { return $Node.GetAttribute('name') }
        }
    }
    $text = [System.Text.StringBuilder]::new()
    foreach ($child in $Node.ChildNodes) {
        if ($child -is [System.Xml.XmlElement]) { $null = $text.Append((ConvertTo-DocInline $child -Outer)) }
        else { $null = $text.Append($child.Value) }
    }
    $text.ToString()
}

function Get-DocCrefName {
    # "T:CacheMeta.CacheSpec" -> "CacheMeta.CacheSpec"; "P:CacheMeta.CacheSpec.Hash" -> "CacheSpec.Hash".
    param([string] $Cref)
    $name = ($Cref -replace '^[A-Z]:', '') -replace '\(.*$', ''
    if ($Cref -like 'T:*') { return $name }
    $parts = $name.Split('.')
    ($parts | Select-Object -Last 2) -join '.'
}

function Format-DocCode {
    # Code keeps its line breaks; only the comment's indentation and surrounding blank lines go.
    param([string] $Text)
    $lines = @($Text -split '\r?\n')
    while ($lines.Count -and -not $lines[0].Trim()) { $lines = @($lines | Select-Object -Skip 1) }
    while ($lines.Count -and -not $lines[-1].Trim()) { $lines = @($lines | Select-Object -SkipLast 1) }
    if (-not $lines.Count) { return '' }
    $indent = ($lines | Where-Object { $_.Trim() } | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
    ($lines | ForEach-Object { if ($_.Length -ge $indent) { $_.Substring($indent).TrimEnd() } else { $_.Trim() } }) -join "`n"
}

function Get-DocExample {
    # The <example> elements of a type: the first <code> is the command, the rest are its explanation.
    param([System.Xml.XmlNode] $Node)
    if (-not $Node) { return }
    foreach ($example in $Node.SelectNodes('example')) {
        $codes = @($example.SelectNodes('code'))
        $remarks = [System.Collections.Generic.List[string]]::new()
        foreach ($child in $example.ChildNodes) {
            if ($child -is [System.Xml.XmlElement] -and $child.LocalName -eq 'code' -and $child -eq $codes[0]) { continue }
            if ($child -is [System.Xml.XmlElement] -and $child.LocalName -eq 'para') { $remarks.AddRange([string[]](Get-DocParagraph $child)); continue }
            if ($child -is [System.Xml.XmlElement] -and $child.LocalName -eq 'code') { $remarks.Add((Format-DocCode $child.InnerText)); continue }
            $text = if ($child -is [System.Xml.XmlElement]) { ConvertTo-DocInline $child -Outer } else { $child.Value }
            $text = ($text -replace '\s+', ' ').Trim()
            if ($text) { $remarks.Add($text) }
        }
        [pscustomobject]@{
            Code    = if ($codes.Count) { Format-DocCode $codes[0].InnerText } else { '' }
            Remarks = $remarks.ToArray()
        }
    }
}
