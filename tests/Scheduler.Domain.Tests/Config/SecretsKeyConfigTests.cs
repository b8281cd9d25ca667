using Scheduler.Domain.Config;

namespace Scheduler.Domain.Tests.Config;

public class SecretsKeyConfigTests
{
    private const string Key = "c2NoZWR1bGVyLWZpeHR1cmUta2V5LTMyLWJ5dGVzISE=";

    private static ConfigLoadResult WithStorage(string storageJson)
    {
        var root = ConfigTrees.Parse(ConfigTrees.OneClass);
        root["storage"] = ConfigTrees.Parse(storageJson);
        return SchedulerConfigReader.Read(root);
    }

    [Fact]
    public void PostgreSQL_without_a_key_is_refused_with_the_setting_and_how_to_make_one()
    {
        var error = Assert.Single(WithStorage("""{ "postgresConnectionString": "Host=db" }""").Errors);

        Assert.Equal("storage.secretsKey", error.Key);
        Assert.Contains("required with storage.postgresConnectionString", error.Message);
        Assert.Contains("SCHED_SECRETS_KEY", error.Message);
        Assert.Contains("openssl rand -base64 32", error.Message);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_key_that_is_not_32_bytes_of_base64_is_refused_without_echoing_it(string key)
    {
        var error = Assert.Single(WithStorage($$"""{ "secretsKey": "{{key}}" }""").Errors);

        Assert.Equal("storage.secretsKey", error.Key);
        Assert.DoesNotContain(key, error.Message);
    }

    [Fact]
    public void PostgreSQL_with_a_key_is_valid_and_the_key_never_shows_in_the_options_text()
    {
        var result = WithStorage($$"""{ "postgresConnectionString": "Host=db;Password=pw", "secretsKey": "{{Key}}" }""");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(32, result.Options!.Storage.SecretsKeyValue()!.Length);
        Assert.DoesNotContain(Key, result.Options.Storage.ToString());
        Assert.DoesNotContain("pw", result.Options.Storage.ToString());
    }

    [Fact]
    public void SQLite_needs_no_key()
    {
        var result = WithStorage("""{ "dataDirectory": "/data" }""");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Null(result.Options!.Storage.SecretsKeyValue());
    }
}
