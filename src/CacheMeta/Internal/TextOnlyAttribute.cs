using System.Collections;
using System.Management.Automation;

namespace CacheMeta.Commands.Internal;

/// <summary>
/// Lets only text (and numbers) become names. PowerShell turns any piped object that no parameter takes as it is
/// into its ToString() for a string parameter — a CacheTag into 'develop', a CacheSpec into 'zlib@1.3 ...' — and the
/// command would then look for packages of that name and quietly find none. An object is handed on as a
/// <see cref="NotAName"/>, which no parameter takes without conversion and which refuses to convert, so the binder
/// tries the parameter that takes the object (-InputObject) and, when there is none in the set, reports the
/// object as not bound. (Throwing here instead would stop the binder before it tries the other parameters.)
/// </summary>
internal sealed class TextOnlyAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is IEnumerable items and not string)
        {
            foreach (object? item in items)
            {
                if (!IsText(item is PSObject p ? p.BaseObject : item))
                {
                    return new NotAName(item!);
                }
            }

            return inputData;
        }

        return IsText(value) ? inputData : new NotAName(value!);
    }

    private static bool IsText(object? value) => value is null or string or char or int or long or double or decimal;

    /// <summary>An object offered as a name: it converts to nothing, so binding it fails with a binding error.</summary>
    internal sealed class NotAName
    {
        private readonly object _value;

        public NotAName(object value) => _value = value;

        public override string ToString() =>
            throw new PSInvalidCastException($"A {_value.GetType().FullName} is not a name; pipe names as text.");
    }
}
