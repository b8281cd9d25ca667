using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Tasks;

public class KubeQuantityTests
{
    [Theory]
    [InlineData("500m", "0.5")]
    [InlineData("2", "2")]
    [InlineData("1.5", "1.5")]
    [InlineData(".5", "0.5")]
    [InlineData("100k", "100000")]
    [InlineData("1M", "1000000")]
    [InlineData("1Ki", "1024")]
    [InlineData("512Mi", "536870912")]
    [InlineData("1Gi", "1073741824")]
    [InlineData("1.5Gi", "1610612736")]
    [InlineData("2Ti", "2199023255552")]
    [InlineData("1e3", "1000")]
    [InlineData("1E3", "1000")]
    [InlineData("25e-2", "0.25")]
    [InlineData("+3", "3")]
    public void Parses_kubernetes_quantities_to_base_units(string text, string expected)
    {
        var quantity = KubeQuantity.Parse(text, out var error);

        Assert.NotNull(quantity);
        Assert.Equal("", error);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), quantity.Value);
        Assert.Equal(text, quantity.Text);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1 Gi")]
    [InlineData("1GB")]
    [InlineData("1gi")]
    [InlineData("1Mb")]
    [InlineData("0x10")]
    [InlineData("1e")]
    [InlineData("1e99")]
    public void Refuses_what_is_not_a_quantity(string text)
    {
        Assert.Null(KubeQuantity.Parse(text, out var error));
        Assert.Contains($"\"{text}\"", error);
    }

    [Fact]
    public void Compares_by_value_whatever_the_spelling()
    {
        var half = KubeQuantity.Parse("500m", out _)!;
        var alsoHalf = KubeQuantity.Parse("0.5", out _)!;
        var two = KubeQuantity.Parse("2", out _)!;

        Assert.Equal(half, alsoHalf);
        Assert.True(two > half);
        Assert.True(KubeQuantity.Parse("1Gi", out _)! > KubeQuantity.Parse("1G", out _)!);
        Assert.Equal(KubeQuantity.Parse("1024Mi", out _), KubeQuantity.Parse("1Gi", out _));
    }
}
