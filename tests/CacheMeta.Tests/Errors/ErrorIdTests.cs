using System.Linq;
using System.Reflection;
using Xunit;

namespace CacheMeta.Tests.Errors;

public sealed class ErrorIdTests
{
    [Fact]
    public void AllListsEveryDeclaredIdOnceUnderItsFieldName()
    {
        var fields = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(ErrorId)).ToList();
        Assert.Equal(fields.Count, ErrorIds.All.Count);
        Assert.Equal(fields.Select(f => f.Name), ErrorIds.All.Select(id => id.Name));
        Assert.Equal(ErrorIds.All.Count, ErrorIds.All.Select(id => id.Name).Distinct().Count());
        Assert.All(fields, f => Assert.True(f.IsInitOnly));
    }

    [Fact]
    public void AnExceptionCarriesItsIdAndIdsCompareByName()
    {
        var error = new CacheMetaException(ErrorIds.FileExists, CacheErrorKind.ResourceExists, "The page exists.", "/site/x.md");
        Assert.Same(ErrorIds.FileExists, error.ErrorId);
        Assert.True(error.ErrorId == ErrorIds.FileExists);
        Assert.False(error.ErrorId == ErrorIds.FileWriteFailed);
        Assert.Equal("FileExists", error.ErrorId.ToString());
        Assert.Empty(typeof(ErrorId).GetConstructors()); // no public constructor: ids are declared in ErrorIds
    }
}
