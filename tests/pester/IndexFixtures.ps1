# Build-cache indexes, mirrors, catalogs and a small HTTP server for the Pester tests of the index sources.
# Every value is invented for the tests.

function New-TestIndexNode {
    # One spec node as Spack writes it in an index record.
    param(
        [string] $Name, [string] $Version, [string] $Target = 'x86_64_v3', [string] $OS = 'ubuntu22.04', [string] $Platform = 'linux',
        [hashtable] $Compiler, [System.Collections.IDictionary] $Parameters = @{}, [object[]] $Dependencies = @()
    )
    $values = [ordered]@{} # (not $parameters: PowerShell names are case-insensitive)
    foreach ($key in $Parameters.Keys) { $values[$key] = $Parameters[$key] }
    foreach ($flag in 'cflags', 'cppflags', 'cxxflags', 'fflags', 'ldflags', 'ldlibs') { $values[$flag] = @() }
    $node = [ordered]@{
        name = $Name; version = $Version
        arch = [ordered]@{ platform = $Platform; platform_os = $OS; target = [ordered]@{ name = $Target; vendor = 'generic'; features = @(); generation = 0; parents = @() } }
        namespace = 'builtin'; parameters = $values
    }
    if ($Compiler) { $node.compiler = [ordered]@{ name = $Compiler.Name; version = $Compiler.Version } }
    if ($Dependencies) { $node.dependencies = @($Dependencies) }
    $node
}

function New-TestEdge {
    param([string] $Name, [string] $Hash, [string[]] $DepTypes = @('build'), [string[]] $Virtuals = @())
    [ordered]@{ name = $Name; hash = $Hash; parameters = [ordered]@{ deptypes = @($DepTypes); virtuals = @($Virtuals) } }
}

function ConvertTo-TestIndex {
    # Database JSON: {"database": {"version": "<n>", "installs": {hash: {spec, ref_count, in_buildcache}}}}.
    param([string] $DatabaseVersion, [object[]] $Records)
    $installs = [ordered]@{}
    foreach ($record in $Records) {
        $installs[$record.Hash] = [ordered]@{ spec = $record.Node; ref_count = 1; in_buildcache = [bool]$record.InBuildcache }
    }
    ConvertTo-Json -InputObject ([ordered]@{ database = [ordered]@{ version = $DatabaseVersion; installs = $installs } }) -Depth 20 -Compress
}

function Write-TestV2Mirror {
    # <Root>/build_cache/index.json and index.json.hash.
    param([string] $Root, [string] $IndexJson)
    $folder = Join-Path $Root 'build_cache'
    $null = New-Item -ItemType Directory -Path $folder -Force
    $bytes = [Text.UTF8Encoding]::new($false).GetBytes($IndexJson)
    [IO.File]::WriteAllBytes((Join-Path $folder 'index.json'), $bytes)
    $hash = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($bytes)).ToLowerInvariant()
    [IO.File]::WriteAllText((Join-Path $folder 'index.json.hash'), $hash)
}

function Write-TestV3Mirror {
    # <Root>/v3/manifests/index/index.manifest.json naming a gzip-compressed blob under <Root>/blobs/sha256/.
    param([string] $Root, [string] $IndexJson, [int] $DatabaseVersion = 8)
    $buffer = [IO.MemoryStream]::new()
    $gzip = [IO.Compression.GZipStream]::new($buffer, [IO.Compression.CompressionLevel]::Optimal)
    $text = [Text.UTF8Encoding]::new($false).GetBytes($IndexJson)
    $gzip.Write($text, 0, $text.Length)
    $gzip.Dispose()
    $blob = $buffer.ToArray()
    $sum = [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($blob)).ToLowerInvariant()
    $blobFolder = Join-Path $Root "blobs/sha256/$($sum.Substring(0, 2))"
    $manifestFolder = Join-Path $Root 'v3/manifests/index'
    $null = New-Item -ItemType Directory -Path $blobFolder, $manifestFolder -Force
    [IO.File]::WriteAllBytes((Join-Path $blobFolder $sum), $blob)
    $manifest = [ordered]@{ version = 3; data = @([ordered]@{ contentLength = $blob.Length; mediaType = "application/vnd.spack.db.v$DatabaseVersion+json"
                compression = 'gzip'; checksumAlgorithm = 'sha256'; checksum = $sum }) }
    Set-Content -LiteralPath (Join-Path $manifestFolder 'index.manifest.json') -Value (ConvertTo-Json $manifest -Depth 5) -NoNewline
    $sum
}

function New-TestCacheTree {
    # A public-cache-like tree: develop (root v3 + e4s v2, database 8) and v0.23.1 (root v2, database 7),
    # with catalog.json naming them by relative path. Returns the hashes by name.
    param([string] $Root)
    $h = @{}
    foreach ($name in 'zlibng', 'cmake', 'aida', 'gcc', 'llvm', 'zlib', 'numpy', 'broken') { $h[$name] = New-TestHash $name }
    $gcc = New-TestEdge gcc $h.gcc -Virtuals c, cxx
    $develop = ConvertTo-TestIndex 8 @(
        @{ Hash = $h.zlibng; InBuildcache = $true; Node = New-TestIndexNode zlib-ng 2.2.1 -Target neoverse_v1 -OS ubuntu24.04 -Parameters ([ordered]@{ build_system = 'cmake'; compat = $true; pic = $false }) -Dependencies $gcc }
        @{ Hash = $h.cmake; InBuildcache = $true; Node = New-TestIndexNode cmake 3.31.6 -OS ubuntu24.04 -Parameters ([ordered]@{ patches = @('dbc3892' + '0' * 57); doc = $false; build_type = 'Release' }) -Dependencies (New-TestEdge llvm $h.llvm -Virtuals c, cxx) }
        @{ Hash = $h.llvm; InBuildcache = $false; Node = New-TestIndexNode llvm 19.1.0 -OS ubuntu24.04 }
        @{ Hash = $h.aida; InBuildcache = $true; Node = New-TestIndexNode aida 3.2.1 -OS ubuntu24.04 -Parameters @{ build_system = 'generic' } }
        @{ Hash = $h.broken; InBuildcache = $true; Node = [ordered]@{ name = 'broken'; version = 1; parameters = 'not an object' } }
        @{ Hash = $h.gcc; InBuildcache = $false; Node = New-TestIndexNode gcc 13.3.0 -OS ubuntu24.04 }
    )
    $e4s = ConvertTo-TestIndex 8 @(
        @{ Hash = $h.zlibng; InBuildcache = $true; Node = New-TestIndexNode zlib-ng 2.2.1 -Target neoverse_v1 -OS ubuntu24.04 -Parameters ([ordered]@{ build_system = 'cmake'; compat = $true; pic = $false }) -Dependencies $gcc }
        @{ Hash = $h.gcc; InBuildcache = $false; Node = New-TestIndexNode gcc 13.3.0 -OS ubuntu24.04 }
    )
    $release = ConvertTo-TestIndex 7 @(
        @{ Hash = $h.zlib; InBuildcache = $true; Node = New-TestIndexNode zlib 1.3.1 -Compiler @{ Name = 'gcc'; Version = '11.4.0' } -Parameters ([ordered]@{ shared = $true; optimize = $true; build_system = 'makefile' }) }
        @{ Hash = $h.numpy; InBuildcache = $true; Node = New-TestIndexNode py-numpy 1.26.4 -Target aarch64 -Compiler @{ Name = 'gcc'; Version = '11.4.0' } -Parameters ([ordered]@{ blas = @('openblas', 'armpl'); build_system = 'python_pip' }) }
    )
    $null = Write-TestV3Mirror -Root (Join-Path $Root 'develop') -IndexJson $develop
    Write-TestV2Mirror -Root (Join-Path $Root 'develop/e4s') -IndexJson $e4s
    Write-TestV2Mirror -Root (Join-Path $Root 'v0.23.1') -IndexJson $release
    $catalog = [ordered]@{
        develop = @([ordered]@{ label = 'root'; url = 'develop' }, [ordered]@{ label = 'e4s'; url = 'develop/e4s/build_cache/index.json' })
        'v0.23.1' = @([ordered]@{ label = 'root'; url = 'v0.23.1' })
    }
    Set-Content -LiteralPath (Join-Path $Root 'catalog.json') -Value (ConvertTo-Json $catalog -Depth 5)
    $h
}

function Start-TestHttpServer {
    # Serves the files under $Root on 127.0.0.1 from a background runspace, with ETags (304 on If-None-Match),
    # Last-Modified (the file's time), HEAD answers, and a log of "<status> <path>" lines ("HEAD <status> <path>"). Stop it with Stop-TestHttpServer.
    param([string] $Root)
    $probe = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
    $probe.Start()
    $port = $probe.LocalEndpoint.Port
    $probe.Stop()
    $listener = [Net.HttpListener]::new()
    $listener.Prefixes.Add("http://127.0.0.1:$port/")
    $listener.Start()
    $log = [Collections.ArrayList]::Synchronized([Collections.ArrayList]::new())
    $runspace = [PowerShell]::Create()
    $null = $runspace.AddScript({
            param($Listener, $Root, $Log)
            while ($Listener.IsListening) {
                try { $context = $Listener.GetContext() } catch { break }
                $relative = [Uri]::UnescapeDataString($context.Request.Url.AbsolutePath.TrimStart('/'))
                $file = Join-Path $Root $relative
                $response = $context.Response
                $bytes = $null
                if (Test-Path -LiteralPath $file -PathType Leaf) {
                    $bytes = [IO.File]::ReadAllBytes($file)
                    $etag = '"' + [Convert]::ToHexString([Security.Cryptography.SHA256]::HashData($bytes)).Substring(0, 16) + '"'
                    $response.Headers['ETag'] = $etag
                    $response.Headers['Last-Modified'] = [IO.File]::GetLastWriteTimeUtc($file).ToString('R')
                    if ($context.Request.Headers['If-None-Match'] -eq $etag) { $response.StatusCode = 304; $bytes = $null }
                }
                else { $response.StatusCode = 404 }
                # Logged before any byte of the body is sent: a client that has read a whole body may go on at once,
                # and it must then find the request in the log.
                $head = $context.Request.HttpMethod -eq 'HEAD'
                $null = $Log.Add("$(if ($head) { 'HEAD ' })$($response.StatusCode) /$relative")
                if ($null -ne $bytes) {
                    $response.ContentLength64 = $bytes.Length
                    if (-not $head) { $response.OutputStream.Write($bytes, 0, $bytes.Length) }
                }
                $response.Close()
            }
        }).AddArgument($listener).AddArgument($Root).AddArgument($log)
    $handle = $runspace.BeginInvoke()
    [pscustomobject]@{ Url = "http://127.0.0.1:$port/"; Log = $log; Listener = $listener; Runspace = $runspace; Handle = $handle }
}

function Stop-TestHttpServer {
    param($Server)
    $Server.Listener.Close()
    $null = $Server.Handle.AsyncWaitHandle.WaitOne(5000)
    $Server.Runspace.Dispose()
}

function New-TestDependencyModel {
    # A random DAG in Spack 1.x's shape (database 8) with planted faults, as plain values the tests compute their
    # expectations from: each record @{ Hash; Name; Version; InBuildcache; External; Edges = @(@{ Name; Hash; Types }) }.
    # Every record builds with gcc (a build edge to a gcc record that is not in the cache: a hole only build edges
    # reach, which is no fault); every fifth record is not in the cache, one is an external, and some edges lead to
    # hashes no record has. Returns @{ Records; Missing (the hashes no record has) }.
    param([int] $Seed = 7, [int] $Count = 30)
    $random = [Random]::new($Seed)
    $letters = { param([int] $i) [string][char](97 + [int][Math]::Floor($i / 26)) + [char](97 + $i % 26) }
    $gcc = @{ Hash = New-TestHash 'gccdag'; Name = 'gcc'; Version = '13.2.0'; InBuildcache = $false; External = $false; Edges = @() }
    $records = [Collections.Generic.List[object]]::new()
    $records.Add($gcc)
    $missing = [Collections.Generic.List[string]]::new()
    $kinds = @(@('build'), @('build', 'link'), @('link'), @('link', 'run'), @('run'), @('build', 'link', 'run'))
    for ($i = 0; $i -lt $Count; $i++) {
        $tag = & $letters $i
        $edges = [Collections.Generic.List[object]]::new()
        $edges.Add(@{ Name = 'gcc'; Hash = $gcc.Hash; Types = @('build'); Virtuals = @('c') })
        $earlier = @($records | Select-Object -Skip 1)
        foreach ($target in @($earlier | Sort-Object { $random.Next() } | Select-Object -First ([Math]::Min($earlier.Count, $random.Next(0, 4))))) {
            $edges.Add(@{ Name = $target.Name; Hash = $target.Hash; Types = $kinds[$random.Next($kinds.Count)]; Virtuals = @() })
        }
        if ($i % 7 -eq 3) {
            $lost = New-TestHash "lost$tag"
            $missing.Add($lost)
            $edges.Add(@{ Name = "lost-$tag"; Hash = $lost; Types = @('build', 'link'); Virtuals = @() })
        }
        $records.Add(@{ Hash = New-TestHash "dep$tag"; Name = "pkg-$tag"; Version = "1.$i"; InBuildcache = ($i % 5 -ne 2 -and $i -ne 4)
                External = ($i -eq 4); Edges = $edges.ToArray() })
    }
    @{ Records = $records.ToArray(); Missing = $missing.ToArray() }
}

function ConvertTo-TestDependencyIndex {
    # The model as index JSON, records in a shuffled order (dependencies often after their dependents), plus
    # -Malformed records the readers skip.
    param($Model, [int] $Seed = 7, [object[]] $Malformed = @())
    $random = [Random]::new($Seed)
    $records = foreach ($record in $Model.Records | Sort-Object { $random.Next() }) {
        $edges = @(foreach ($edge in $record.Edges) { New-TestEdge $edge.Name $edge.Hash -DepTypes $edge.Types -Virtuals $edge.Virtuals })
        $node = New-TestIndexNode $record.Name $record.Version -Parameters ([ordered]@{ build_system = 'generic' }) -Dependencies $edges
        if ($record.External) { $node.external = [ordered]@{ path = '/usr'; module = $null; extra_attributes = @{} } }
        @{ Hash = $record.Hash; InBuildcache = $record.InBuildcache; Node = $node }
    }
    ConvertTo-TestIndex 8 (@($records) + $Malformed)
}

function Get-TestClosure {
    # Every hash reachable from $Hash through edges with one of $Types, with its shortest distance: relaxed until
    # nothing changes (no queue, no order), so it shares nothing with the engine's breadth-first walk.
    param($Model, [string] $Hash, [string[]] $Types = @('link', 'run'))
    $byHash = @{}
    foreach ($record in $Model.Records) { $byHash[$record.Hash] = $record }
    $depth = @{ $Hash = 0 }
    do {
        $changed = $false
        foreach ($from in @($depth.Keys)) {
            foreach ($edge in @($byHash[$from].Edges)) {
                if (-not $edge -or -not ($edge.Types | Where-Object { $_ -in $Types })) { continue }
                if (-not $depth.ContainsKey($edge.Hash) -or $depth[$edge.Hash] -gt $depth[$from] + 1) {
                    $depth[$edge.Hash] = $depth[$from] + 1
                    $changed = $true
                }
            }
        }
    } while ($changed)
    $depth.Remove($Hash)
    $depth
}

function Get-TestStatus {
    # What installing from the index finds for a hash.
    param($Model, [string] $Hash)
    $record = $Model.Records | Where-Object Hash -EQ $Hash
    if (-not $record) { 'Missing' } elseif ($record.InBuildcache) { 'InCache' } elseif ($record.External) { 'External' } else { 'NotInCache' }
}
