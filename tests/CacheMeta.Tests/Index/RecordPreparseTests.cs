using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using CacheMeta.Index;
using CacheMeta.Query;
using CacheMeta.Tests.Support;
using CacheMeta.Tests.Support.Generated;
using Xunit;

namespace CacheMeta.Tests.Index;

/// <summary>
/// Records the cutter's thread parses while the parse thread is behind read exactly as the parse thread reads them:
/// same values, same problems, same order; and they are taken only for the names they were parsed for.
/// </summary>
public sealed class RecordPreparseTests
{
    private static readonly Func<string, bool> PyOnly = name => name.StartsWith("py-", StringComparison.Ordinal);

    // 3,000 records in six batches and more: a reader that dawdles at the first record makes the cutter parse the rest.
    // Every 7th record is malformed (a parameter holding an object), every 3rd is a py- package.
    private static byte[] Index()
    {
        var text = new StringBuilder("{\"database\":{\"version\":\"7\",\"installs\":{");
        for (int i = 0; i < 3000; i++)
        {
            string name = (i % 3 == 0 ? "py-p" : "p") + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string parameters = i % 7 == 0 ? "{\"x\":{\"y\":1}}" : "{\"shared\":" + (i % 2 == 0 ? "true" : "false") + ",\"cuda_arch\":[\"80\",\"90\"]}";
            text.Append(i == 0 ? "" : ",").Append('"').Append(Hash(i)).Append("\":{\"spec\":{\"name\":\"").Append(name)
                .Append("\",\"version\":\"1.").Append(i % 13).Append("\",\"arch\":{\"platform\":\"linux\",\"platform_os\":\"ubuntu24.04\",\"target\":\"x86_64_v3\"},")
                .Append("\"compiler\":{\"name\":\"gcc\",\"version\":\"13.").Append(i % 3).Append("\"},\"parameters\":").Append(parameters)
                .Append(",\"dependencies\":[{\"name\":\"zlib\",\"hash\":\"").Append(Hash(i / 2)).Append("\",\"type\":[\"build\",\"link\"]}]},")
                .Append("\"ref_count\":0,\"in_buildcache\":").Append(i % 11 == 0 ? "false" : "true").Append('}');
        }

        return Encoding.UTF8.GetBytes(text.Append("}}}").ToString());
    }

    private static string Hash(int i) => i.ToString("d32", System.Globalization.CultureInfo.InvariantCulture).Replace('0', 'a');

    // Every record as the reading gives it: key, problem and values.
    private static (List<string> Rows, int Preparsed) Read(string path, Func<string, bool>? preparseFor, Func<string, bool> wantName, bool dawdle)
    {
        using var index = LocalIndex.TryOpen(path, "index.json")!;
        using var records = new JsonIndexRecords(index, new RecordingObserver(), recorder: null, preparseFor);
        records.Open();
        var rows = new List<string>();
        var record = new IndexRecord();
        while (records.Next(null, out string key))
        {
            if (dawdle && rows.Count == 0)
            {
                Thread.Sleep(300); // the cutter meanwhile fills its queue and parses what it cuts next
            }

            string? problem = records.Parse(wantName, record);
            rows.Add(string.Join("|", key, problem ?? "-", record.Name, record.Version, record.InBuildcache, record.Complete,
                record.Arch.Platform, record.Arch.OS, record.Arch.Target, record.NodeCompiler, string.Join(",", record.Variants),
                string.Join(",", EdgeFixtures.Rows(record.Dependencies))));
        }

        records.Complete();
        return (rows, records.Preparsed);
    }

    [Fact]
    public void PreparsedRecordsReadAsTheParseThreadReadsThem()
    {
        using var tree = new TempTree();
        string path = tree.WriteBytes("index.json", Index());

        var (reference, none) = Read(path, preparseFor: null, PyOnly, dawdle: false);
        var (preparsed, count) = Read(path, preparseFor: PyOnly, PyOnly, dawdle: true);

        Assert.Equal(0, none);
        Assert.Equal(3000, reference.Count);
        // At least the batch the cutter cut while the queue was full (512 records); never the first three batches the queue
        // took (the first of 8 records: the parse thread may take it before or after the next two are queued).
        Assert.InRange(count, 512, 3000 - 8 - (2 * 512));
        Assert.Equal(reference, preparsed);
        Assert.Equal(143, reference.Count(r => r.Split('|')[1] != "-")); // every 21st: malformed and wanted (py-)
        Assert.Equal(1000, reference.Count(r => r.Split('|')[2].StartsWith("py-", StringComparison.Ordinal)));
    }

    [Fact]
    public void RecordsParsedForOtherNamesAreParsedAgain()
    {
        using var tree = new TempTree();
        string path = tree.WriteBytes("index.json", Index());
        Func<string, bool> all = _ => true;

        var (reference, _) = Read(path, preparseFor: null, all, dawdle: false);
        var (read, count) = Read(path, preparseFor: PyOnly, all, dawdle: true);

        Assert.Equal(0, count);
        Assert.Equal(reference, read);
        Assert.Equal(429, read.Count(r => r.Split('|')[1] != "-")); // every 7th; parsed for PyOnly, only 143 would be found
    }

    [Fact]
    public void ASlowConsumerGetsTheSpecsAFastOneGets()
    {
        using var tree = new TempTree();
        var generated = GeneratedIndex.Create(new GeneratorOptions { Specs = 4000, Seed = 41, MissingEdges = 8, NotInCache = 12, BuildOnlyTools = 3 });
        string path = tree.WriteBytes("index.json", GeneratedIndexWriter.ToBytes(generated));

        string[] Specs(bool dawdle)
        {
            using var index = LocalIndex.TryOpen(path, "index.json")!;
            var rows = new List<string>();
            foreach (var spec in new IndexSpecReader(index, new IndexReadScope(null), CompiledQuery.All, new RecordingObserver()).Read(CancellationToken.None))
            {
                if (dawdle && rows.Count == 0)
                {
                    Thread.Sleep(300);
                }

                rows.Add(string.Join(" ", IndexFixtures.Row(spec)) + " " + string.Join(",", EdgeFixtures.Rows(spec.Dependencies!)));
            }

            return rows.ToArray();
        }

        var fast = Specs(dawdle: false);
        Assert.Equal(generated.Nodes.Count(n => n.InBuildcache && !n.External), fast.Length);
        Assert.Equal(fast, Specs(dawdle: true));
    }
}
