using System.Text;
using Scheduler.Domain.Logs;

namespace Scheduler.Domain.Tests.Logs;

public class SecretMaskerTests
{
    private static string Run(SecretMasker masker, params string[] chunks)
    {
        var output = new List<byte>();
        foreach (var chunk in chunks)
            output.AddRange(masker.Process(Encoding.UTF8.GetBytes(chunk)));
        output.AddRange(masker.Flush());
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void Masks_every_occurrence_in_a_chunk()
    {
        var masker = new SecretMasker(["hunter2", "s3cr3t-token"]);
        Assert.Equal("pw=******** token=******** again ********\n", Run(masker, "pw=hunter2 token=s3cr3t-token again hunter2\n"));
    }

    [Fact]
    public void Masks_a_value_split_across_chunks()
    {
        var masker = new SecretMasker(["hunter2"]);
        Assert.Equal("pw=******** ok", Run(masker, "pw=hun", "ter", "2 ok"));
    }

    [Fact]
    public void Emits_at_once_what_cannot_start_a_secret_and_holds_back_only_a_possible_prefix()
    {
        var masker = new SecretMasker(["hunter2"]);
        Assert.Equal("line one\n", Encoding.UTF8.GetString(masker.Process("line one\n"u8)));
        Assert.Equal("abc ", Encoding.UTF8.GetString(masker.Process("abc hunt"u8)));
        Assert.Equal("hunting", Encoding.UTF8.GetString([.. masker.Process("ing"u8), .. masker.Flush()]));
    }

    [Fact]
    public void Prefers_the_longest_value_when_secrets_overlap()
    {
        var masker = new SecretMasker(["abcd", "abcdefgh"]);
        Assert.Equal("[********]", Run(masker, "[abcdefgh]"));
        Assert.Equal("[********efg]", Run(new SecretMasker(["abcd", "abcdefgh"]), "[abcdefg]"));
        Assert.Equal("[********]", Run(new SecretMasker(["abcd", "abcdefgh"]), "[abcde", "fgh]"));
    }

    [Fact]
    public void Handles_multibyte_utf8_split_mid_character()
    {
        var secret = "pässwörd";
        var bytes = Encoding.UTF8.GetBytes($"x {secret} y");
        var masker = new SecretMasker([secret]);
        var output = new List<byte>();
        for (var i = 0; i < bytes.Length; i++)
            output.AddRange(masker.Process(bytes.AsSpan(i, 1)));
        output.AddRange(masker.Flush());
        Assert.Equal("x ******** y", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Ignores_values_too_short_to_mask_safely()
    {
        var masker = new SecretMasker(["abc", ""]);
        Assert.True(masker.IsEmpty);
        Assert.Equal("abc abc", Run(masker, "abc abc"));
    }

    [Fact]
    public void Masks_whole_texts_without_disturbing_a_running_stream()
    {
        var masker = new SecretMasker(["hunter2"]);
        masker.Process("hun"u8);
        Assert.Equal("failed: ********", masker.MaskText("failed: hunter2"));
        Assert.Equal("********", Encoding.UTF8.GetString([.. masker.Process("ter2"u8), .. masker.Flush()]));
    }
}
