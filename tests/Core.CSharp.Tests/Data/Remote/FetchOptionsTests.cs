using System;
using System.IO;
using Functional.Core.Data.Remote;

namespace Functional.Core.Tests.Data.Remote;

// Environment variables are process-wide: these tests share one collection so they never run beside each other.
[Collection("environment")]
public class FetchOptionsTests
{
    private static readonly string[] Variables =
        ["FUNCTIONAL_DATA", "XDG_CACHE_HOME", "FUNCTIONAL_OFFLINE", "FUNCTIONAL_DATA_MIRROR"];

    private static T With<T>(Func<T> body, params (string Name, string? Value)[] values)
    {
        var saved = Array.ConvertAll(Variables, Environment.GetEnvironmentVariable);
        try
        {
            foreach (string name in Variables)
                Environment.SetEnvironmentVariable(name, null);
            foreach (var (name, value) in values)
                Environment.SetEnvironmentVariable(name, value);
            return body();
        }
        finally
        {
            for (int i = 0; i < Variables.Length; i++)
                Environment.SetEnvironmentVariable(Variables[i], saved[i]);
        }
    }

    [Fact]
    public void The_cache_is_FUNCTIONAL_DATA_then_XDG_CACHE_HOME_functional_then_home_cache_functional()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        Assert.Equal("/tmp/mine", With(FetchOptions.DefaultCacheRoot, ("FUNCTIONAL_DATA", "/tmp/mine"), ("XDG_CACHE_HOME", "/x")));
        Assert.Equal("/x/functional", With(FetchOptions.DefaultCacheRoot, ("XDG_CACHE_HOME", "/x")));
        Assert.Equal(Path.Combine(home, ".cache", "functional"), With(FetchOptions.DefaultCacheRoot));
    }

    [Fact]
    public void Offline_and_mirror_come_from_the_environment()
    {
        var options = With(FetchOptions.FromEnvironment,
            ("FUNCTIONAL_OFFLINE", "1"), ("FUNCTIONAL_DATA_MIRROR", "http://127.0.0.1:8000/data"));

        Assert.True(options.Offline);
        Assert.Equal("http://127.0.0.1:8000/data", options.Mirror);
        Assert.False(With(FetchOptions.FromEnvironment).Offline);
        Assert.Null(With(FetchOptions.FromEnvironment).Mirror);
    }

    [Theory]
    [InlineData("FUNCTIONAL_OFFLINE", "yes", "FUNCTIONAL_OFFLINE: expected 1 or 0 (true or false), received 'yes'")]
    [InlineData("FUNCTIONAL_DATA_MIRROR", "ftp://host/", "FUNCTIONAL_DATA_MIRROR: expected an absolute http(s) base URL, received 'ftp://host/'")]
    [InlineData("FUNCTIONAL_DATA_MIRROR", "data/", "FUNCTIONAL_DATA_MIRROR: expected an absolute http(s) base URL, received 'data/'")]
    public void A_bad_variable_is_an_error_naming_it(string name, string value, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => With(FetchOptions.FromEnvironment, (name, value)));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void A_mirror_url_is_base_dataset_file()
    {
        var file = new RemoteFile("coursera-ml-ex6", "spamTrain.mat", [], 1, new string('a', 64), null);

        Assert.Equal("http://m/x/coursera-ml-ex6/spamTrain.mat", FetchOptions.MirrorUrl("http://m/x/", file));
        Assert.Equal("http://m/x/coursera-ml-ex6/spamTrain.mat", FetchOptions.MirrorUrl("http://m/x", file));
    }
}
