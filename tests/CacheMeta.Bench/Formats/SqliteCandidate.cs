using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Data.Sqlite;

namespace CacheMeta.Bench.Formats;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite: a records table indexed by name, an edges table indexed by record, written in
/// one transaction with prepared statements and no journal (the file would be written aside and moved into place).
/// The query is a range on the name index and a join for the edges. The file is hashed before use, like the others.
/// </summary>
internal sealed class SqliteCandidate : ICandidateFormat
{
    private const char Separator = '\u001f';

    public string Name => "SQLite (Microsoft.Data.Sqlite 10.0.15)";

    public void Write(IReadOnlyList<FormatRow> rows, string path)
    {
        File.Delete(path);
        using var connection = Open(path);
        Run(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
            + "CREATE TABLE records(id INTEGER PRIMARY KEY, key TEXT, name TEXT, version TEXT, in_buildcache INTEGER, external INTEGER,"
            + " platform TEXT, os TEXT, target TEXT, node_compiler TEXT, annotated TEXT, compiler_hash TEXT, variants TEXT);"
            + "CREATE TABLE edges(record INTEGER, ord INTEGER, name TEXT, hash TEXT, types INTEGER, virtuals TEXT);");
        using (var transaction = connection.BeginTransaction())
        {
            var record = Command(connection, "INSERT INTO records VALUES ($id, $key, $name, $version, $bc, $ext, $platform, $os, $target, $nc, $ac, $ch, $variants)");
            var edge = Command(connection, "INSERT INTO edges VALUES ($record, $ord, $name, $hash, $types, $virtuals)");
            for (int id = 0; id < rows.Count; id++)
            {
                var row = rows[id];
                Set(record, id, row.Key, row.Name, row.Version, row.InBuildcache ? 1 : 0, row.External ? 1 : 0, row.Platform, row.OS, row.Target,
                    row.NodeCompiler, row.AnnotatedCompiler, row.CompilerHash, string.Join(Separator, row.Variants));
                record.ExecuteNonQuery();
                for (int ord = 0; ord < row.Dependencies.Count; ord++)
                {
                    var dependency = row.Dependencies[ord];
                    Set(edge, id, ord, dependency.Name, dependency.Hash, (int)dependency.Types, string.Join(Separator, dependency.Virtuals));
                    edge.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        Run(connection, "CREATE INDEX records_name ON records(name); CREATE INDEX edges_record ON edges(record);");
    }

    public int ReadPy(string path)
    {
        CacheMeta.Index.Snapshot.SnapshotChecksum.Hash(File.ReadAllBytes(path)); // checked before use, like the others
        using var connection = Open(path);
        var values = new Dictionary<long, DependencyEdge[]>();
        int count = 0;
        using (var records = Command(connection, "SELECT id, key, name, version, external, platform, os, target, node_compiler, annotated,"
            + " compiler_hash, variants FROM records WHERE name >= 'py-' AND name < 'py.' AND in_buildcache = 1").ExecuteReader())
        {
            while (records.Read())
            {
                for (int field = 1; field < 12; field++)
                {
                    _ = records.IsDBNull(field) ? null : records.GetValue(field);
                }

                records.GetString(11).Split(Separator);
                count++;
            }
        }

        using var edges = Command(connection, "SELECT e.record, e.name, e.hash, e.types, e.virtuals FROM edges e JOIN records r ON e.record = r.id"
            + " WHERE r.name >= 'py-' AND r.name < 'py.' AND r.in_buildcache = 1 ORDER BY e.record, e.ord").ExecuteReader();
        var list = new List<DependencyEdge>();
        while (edges.Read())
        {
            list.Add(new DependencyEdge(edges.GetString(1), edges.GetString(2), (DependencyTypes)edges.GetInt32(3),
                edges.GetString(4).Split(Separator, StringSplitOptions.RemoveEmptyEntries)));
        }

        return count;
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    // Binds the values to the command's parameters in order ($-names are created on first use).
    private static void Set(SqliteCommand command, params object?[] values)
    {
        if (command.Parameters.Count == 0)
        {
            foreach (string name in Names(command.CommandText))
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
        }

        for (int i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static IEnumerable<string> Names(string sql)
    {
        for (int at = sql.IndexOf('$'); at >= 0; at = sql.IndexOf('$', at + 1))
        {
            int end = at + 1;
            while (end < sql.Length && char.IsLetter(sql[end]))
            {
                end++;
            }

            yield return sql.Substring(at, end - at);
        }
    }
}
