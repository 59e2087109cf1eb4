using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using CacheMeta.Binaries;
using CacheMeta.Binaries.Signing;
using CacheMeta.Commands.Internal;
using CacheMeta.Sources;

namespace CacheMeta.Commands;

/// <summary>Checks the OpenPGP signature of each spec's entry (spec manifest or spec file) in its mirror.</summary>
/// <remarks>
/// Reads the clearsigned spec manifest (v3 layout) or spec file (v2) of each spec, dependency or binary piped in and
/// checks its signature with BouncyCastle, writing one CacheMeta.CacheSignature: Valid, Invalid (the text was changed
/// or the signature is malformed), Unsigned, UnknownKey (signed by a key not allowed) or NotFound (no entry). A bad
/// signature is a status, never an error. The keys allowed are those the mirror publishes (v3
/// v3/manifests/key/keys.manifest.json and its key blobs; v2 build_cache/_pgp/index.json and &lt;fingerprint&gt;.pub),
/// read once per mirror, and the armored key files given with -KeyPath; -TrustedKeyOnly allows the -KeyPath keys
/// alone. Keys are only read, never imported into a GnuPG keyring. The signed text is canonicalised as RFC 4880 says
/// (dash escapes, trailing blanks, CR LF), so a file copied through Windows still verifies.
/// </remarks>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed | Test-CacheSignature</code>
/// <para>Checks every entry of the sample mirror against the key it publishes.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed | Test-CacheSignature | Where-Object Status -ne Valid</code>
/// <para>A signature audit: lists only the entries whose signature does not hold.</para>
/// </example>
/// <example>
/// <code>Get-CacheSpec -Mirror ./samples/binaries/signed | Test-CacheSignature -KeyPath ./samples/binaries/keys/*.pub -TrustedKeyOnly</code>
/// <para>Accepts only a key you trust yourself, whatever keys the mirror publishes.</para>
/// </example>
[Cmdlet(VerbsDiagnostic.Test, "CacheSignature", DefaultParameterSetName = SpecSet, HelpUri = HelpLinks.Reference + "test-cachesignature")]
[OutputType(typeof(CacheSignature))]
public sealed class TestCacheSignatureCommand : BinaryCommandBase
{
    private const string BinarySet = "Binary";

    private SignatureAuditor? _auditor;

    /// <summary>Binaries from Get-CacheBinary.</summary>
    [Parameter(ParameterSetName = BinarySet, Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public CacheBinary[]? Binary { get; set; }

    /// <summary>Armored (or binary) OpenPGP public key files you trust, e.g. a mirror's &lt;fingerprint&gt;.pub; wildcards allowed.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? KeyPath { get; set; }

    /// <summary>Allows only the -KeyPath keys: a signature by a key the mirror publishes but you did not give is UnknownKey.</summary>
    [Parameter]
    public SwitchParameter TrustedKeyOnly { get; set; }

    /// <inheritdoc />
    protected override string ProgressActivity => "Checking signatures";

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        var trusted = ReadKeys(this, KeyPath);
        if (TrustedKeyOnly && trusted.Count == 0)
        {
            WriteWarning("-TrustedKeyOnly was given without usable -KeyPath keys: every signed entry will be UnknownKey.");
        }

        _auditor = new SignatureAuditor(new BinaryResolver(new MirrorFiles(Fetcher)), trusted, TrustedKeyOnly.IsPresent, WorkObserver);
    }

    private protected override object[] MoreInput() => (object[]?)Binary ?? base.MoreInput();

    private protected override BinaryEntry? Locate(object item) => item is CacheBinary binary ? binary.Entry : base.Locate(item);

    private protected override object Run(BinaryEntry entry, BinaryResolver resolver, ISourceObserver observer) =>
        _auditor!.Check(entry, CancellationToken);

    /// <summary>The keys of the files named (wildcards resolved); a missing or malformed file is an error, and the others count.</summary>
    internal static KeySet ReadKeys(CacheCommandBase cmdlet, IReadOnlyList<string>? paths)
    {
        var keys = new KeySet();
        foreach (string pattern in paths ?? System.Array.Empty<string>())
        {
            Collection<string> files;
            try
            {
                files = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out _);
            }
            catch (ItemNotFoundException ex)
            {
                cmdlet.WriteError(ErrorRecords.Create(ErrorIds.PathNotFound, ErrorCategory.ObjectNotFound, ex, pattern));
                continue;
            }

            foreach (string file in files)
            {
                try
                {
                    keys.Add(File.ReadAllBytes(file), file);
                }
                catch (CacheMetaException ex)
                {
                    cmdlet.WriteError(ErrorRecords.From(ex, file));
                }
                catch (System.Exception ex) when (ex is IOException or System.UnauthorizedAccessException)
                {
                    cmdlet.WriteError(ErrorRecords.Create(ErrorIds.FileReadFailed, ErrorCategory.ReadError, ex, file));
                }
            }
        }

        return keys;
    }
}
