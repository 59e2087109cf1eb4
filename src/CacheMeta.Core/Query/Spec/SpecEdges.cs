using System.Collections.Generic;

namespace CacheMeta.Query.Spec;

/// <summary>
/// The parts of Spack's spec syntax that describe an edge rather than a node: the head of a <c>^</c> dependency
/// (<c>^[virtuals=mpi deptypes=link]</c>, <c>^mpi=</c>) and the bracketed attributes of a compiler edge.
/// </summary>
internal static class SpecEdges
{
    // ^zlib, ^[virtuals=mpi deptypes=link] openmpi, ^mpi=openmpi: the head of a dependency, with the edge's
    // attributes; the dependency itself (name, version, variants) follows as ordinary tokens.
    public static SpecToken Dependency(SpecCursor c)
    {
        int start = c.At++;
        var token = new SpecToken(SpecTokenKind.Dependency, start, c.At, "^");
        c.SkipSpace();
        if (c.Peek(0) == '[')
        {
            Attributes(c, token, compiler: false);
        }
        else if (VirtualAssignmentAhead(c))
        {
            var virtuals = new List<string>();
            do
            {
                if (c.Peek(0) == ',')
                {
                    c.At++;
                }

                virtuals.Add(c.Run(SpecChars.IsIdentifierChar));
            }
            while (c.Peek(0) == ',');

            c.At++; // '='
            token.Virtuals = virtuals;
            if (!SpecChars.IsNameStart(c.Peek(0)))
            {
                throw c.Error(start, c.At - start, $"A package that provides {string.Join(",", virtuals)} is expected after '='.");
            }
        }

        c.SkipSpace();
        if (c.AtEnd || c.Peek(0) == '^')
        {
            throw c.Error(start, 1, "A dependency is expected after '^'.");
        }

        return token;
    }

    // mpi=openmpi or c,cxx=gcc right after '^' (but not key==value, a propagated variant).
    private static bool VirtualAssignmentAhead(SpecCursor c)
    {
        int at = c.At;
        while (true)
        {
            int runStart = at;
            while (at < c.Text.Length && SpecChars.IsIdentifierChar(c.Text[at]))
            {
                at++;
            }

            if (at == runStart || at >= c.Text.Length)
            {
                return false;
            }

            if (c.Text[at] == ',')
            {
                at++;
                continue;
            }

            return c.Text[at] == '=' && (at + 1 >= c.Text.Length || c.Text[at + 1] != '=');
        }
    }

    // [virtuals=c,cxx deptypes=build]: the virtuals the edge provides and its types. For a compiler they are read and
    // checked but constrain nothing (a record's compiler is one value); for a dependency they go on the token.
    public static void Attributes(SpecCursor c, SpecToken token, bool compiler)
    {
        int open = c.At++;
        while (true)
        {
            c.SkipSpace();
            if (c.Peek(0) == ']')
            {
                c.At++;
                return;
            }

            int keyStart = c.At;
            string key = c.Run(SpecChars.IsIdentifierChar);
            if (key.Length == 0 || c.Peek(0) != '=')
            {
                throw c.Error(c.At < c.Text.Length ? c.At : open, 1, "Edge attributes are written [virtuals=c,cxx] and end with ']'.");
            }

            if (key != "virtuals" && key != "deptypes")
            {
                throw c.Error(keyStart, key.Length, compiler
                    ? $"The edge attribute '{key}' is not supported; cache pages record only the compiler."
                    : $"The edge attribute '{key}' is not supported; indexes record an edge's virtuals and deptypes.");
            }

            c.At++;
            int valueStart = c.At;
            string value = c.Run(c => SpecChars.IsIdentifierChar(c) || c == ',');
            if (value.Length == 0)
            {
                throw c.Error(keyStart, c.At - keyStart, $"A value is expected after '{key}='.");
            }

            string[] items = value.Split(',');
            if (key == "virtuals")
            {
                token.Virtuals = items;
                continue;
            }

            foreach (string item in items)
            {
                token.DependencyTypes |= item switch
                {
                    "build" => DependencyTypes.Build,
                    "link" => DependencyTypes.Link,
                    "run" => DependencyTypes.Run,
                    "test" => DependencyTypes.Test,
                    _ => throw c.Error(valueStart, value.Length, $"'{item}' is not a dependency type: write build, link, run or test."),
                };
            }
        }
    }
}
