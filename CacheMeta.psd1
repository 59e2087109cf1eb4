@{
    RootModule           = 'CacheMeta.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '5b0f7c1e-8a34-4f0c-9d7e-2c6a1b9e4d53'
    Author               = 'CacheMeta contributors'
    CompanyName          = 'CacheMeta'
    Copyright            = '(c) CacheMeta contributors. MIT License.'
    Description          = 'Query the Spack binary build cache (cache.spack.io pages and Spack build-cache indexes) as typed PowerShell objects.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    TypesToProcess       = @('CacheMeta.types.ps1xml')
    # One file per output type: a new type brings its own file (the views test renders every one).
    FormatsToProcess     = @(
        'formats/CachePackage.format.ps1xml'
        'formats/CachePageFinding.format.ps1xml'
        'formats/CacheSpec.format.ps1xml'
        'formats/CacheSpecDifference.format.ps1xml'
        'formats/CacheStackSummary.format.ps1xml'
        'formats/CacheTag.format.ps1xml'
        'formats/CacheTarget.format.ps1xml'
        'formats/CacheHost.format.ps1xml'
        'formats/CacheDependency.format.ps1xml'
        'formats/CacheIndexFinding.format.ps1xml'
        'formats/CacheSpecMatch.format.ps1xml'
        'formats/CacheBinary.format.ps1xml'
        'formats/CacheSignature.format.ps1xml'
        'formats/CacheMirrorExport.format.ps1xml'
    )
    CmdletsToExport      = @(
        'Get-CachePackage'
        'Get-CacheSpec'
        'Export-CachePage'
        'Measure-CacheStack'
        'Test-CachePage'
        'Test-CacheIndex'
        'Get-CacheDependency'
        'Compare-CacheSpec'
        'Get-CacheTag'
        'Get-CacheTarget'
        'Get-CacheHost'
        'Find-CacheSpec'
        'Get-CacheBinary'
        'Test-CacheSignature'
        'Save-CacheBinary'
        'Export-CacheMirror'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('spack', 'hpc', 'buildcache', 'PSEdition_Core', 'PSEdition_Desktop', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/CacheMeta/CacheMeta'
            LicenseUri   = 'https://github.com/CacheMeta/CacheMeta/blob/main/LICENSE'
            # build.ps1 replaces this with CHANGELOG.md's section of ModuleVersion (or [Unreleased]) when it stages.
            ReleaseNotes = 'See https://github.com/CacheMeta/CacheMeta/blob/main/CHANGELOG.md'
        }
    }
}
