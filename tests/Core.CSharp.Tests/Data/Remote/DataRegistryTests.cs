using System;
using System.Linq;
using Functional.Core.Data.Remote;

namespace Functional.Core.Tests.Data.Remote;

public class DataRegistryTests
{
    [Fact]
    public void Every_lecture_dataset_is_registered()
    {
        Assert.Equal(
            ["kaityo256-python_zero", "coursera-ml-ex5", "coursera-ml-ex6", "mnist"], DataRegistry.Datasets);
        Assert.Equal(16, DataRegistry.Files.Count);
    }

    [Fact]
    public void Mnist_is_pinned_by_md5_and_everything_else_by_sha256_every_file_with_an_https_origin()
    {
        Assert.All(DataRegistry.Files, f =>
        {
            Assert.Equal(f.Dataset == "mnist", f.Md5 is not null);
            Assert.NotEmpty(f.Urls);
            Assert.All(f.Urls, u => Assert.StartsWith("https://", u));
            Assert.True(f.Size > 0);
        });
    }

    [Fact]
    public void Github_origins_are_pinned_to_a_commit_where_the_host_allows_it()
    {
        var nomadlife = DataRegistry.Files.SelectMany(f => f.Urls).Where(u => u.Contains("nomadlife")).ToArray();

        Assert.Equal(11, nomadlife.Length);
        Assert.All(nomadlife, u => Assert.Contains("/8f221aa334aed33c5161ceadf2f3a341a57f8a22/", u));
    }

    [Fact]
    public void Find_names_what_exists_when_asked_for_what_does_not()
    {
        Assert.Equal(428814, DataRegistry.Find("coursera-ml-ex6", "spamTrain.mat").Size);

        var noFile = Assert.Throws<ArgumentException>(() => DataRegistry.Find("coursera-ml-ex5", "ex5data2.mat"));
        var noSet = Assert.Throws<ArgumentException>(() => DataRegistry.Of("iris"));

        Assert.StartsWith(
            "DataRegistry.Find: expected a file of dataset 'coursera-ml-ex5' (ex5data1.mat), received 'ex5data2.mat'",
            noFile.Message);
        Assert.StartsWith(
            "DataRegistry: expected a registered dataset (kaityo256-python_zero, coursera-ml-ex5, coursera-ml-ex6, mnist), received 'iris'",
            noSet.Message);
    }

    [Theory]
    [InlineData("a/b", "f", null, "0123456789abcdef0123456789abcdef", "without path separators")]
    [InlineData("a", ".f", null, "0123456789abcdef0123456789abcdef", "leading dot")]
    [InlineData("a", "f", null, null, "expected exactly one pin (SHA-256 or MD5), received none")]
    [InlineData("a", "f", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef", "received both")]
    [InlineData("a", "f", null, "0123456789ABCDEF0123456789ABCDEF", "expected the pin as 32 lower-case hex digits")]
    [InlineData("a", "f", "abc", null, "expected the pin as 64 lower-case hex digits, received 'abc'")]
    public void A_half_pinned_or_misnamed_file_cannot_be_described(string dataset, string name, string? sha, string? md5, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => new RemoteFile(dataset, name, [], 1, sha, md5));

        Assert.Contains(message, e.Message);
    }
}
