using System.Collections.Generic;

namespace CacheMeta.Graph;

/// <summary>
/// The order Get-CacheDependency writes a walk in: the tree the breadth-first walk made (each record under the
/// <see cref="CacheDependency.Parent"/> through which it was first reached), depth first, children in the order the
/// walk found them. Every record keeps its shortest depth and first parent; only the order changes, so that a view
/// indenting by <see cref="CacheDependency.Depth"/> draws the tree as <c>spack spec</c> does.
/// </summary>
internal static class DependencyTree
{
    public static IReadOnlyList<CacheDependency> InTreeOrder(IReadOnlyList<CacheDependency> walk)
    {
        var children = new Dictionary<CacheDependency, List<CacheDependency>>(); // by reference: CacheDependency keeps object equality
        var roots = new List<CacheDependency>();
        foreach (var record in walk)
        {
            if (record.Parent is null)
            {
                roots.Add(record);
            }
            else
            {
                if (!children.TryGetValue(record.Parent, out var list))
                {
                    children.Add(record.Parent, list = new List<CacheDependency>());
                }

                list.Add(record);
            }
        }

        var ordered = new List<CacheDependency>(walk.Count);
        var stack = new Stack<CacheDependency>();
        for (int i = roots.Count - 1; i >= 0; i--)
        {
            stack.Push(roots[i]);
        }

        while (stack.Count > 0)
        {
            var record = stack.Pop();
            ordered.Add(record);
            if (children.TryGetValue(record, out var list))
            {
                for (int i = list.Count - 1; i >= 0; i--)
                {
                    stack.Push(list[i]);
                }
            }
        }

        return ordered;
    }
}
