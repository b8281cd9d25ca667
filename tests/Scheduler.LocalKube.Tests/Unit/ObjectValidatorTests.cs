using k8s.Models;
using Scheduler.LocalKube.Tests.Support;
using Scheduler.LocalKube.Validation;
using Xunit;

namespace Scheduler.LocalKube.Tests.Unit;

public class ObjectValidatorTests
{
    [Fact]
    public void A_valid_pod_has_no_causes() => Assert.Empty(ObjectValidator.Validate(Objects.Pod("ok")));

    [Fact]
    public void Pod_without_containers()
    {
        var pod = Objects.Pod("p");
        pod.Spec.Containers = [];
        var cause = Assert.Single(ObjectValidator.Validate(pod));
        Assert.Equal(("spec.containers", "FieldValueRequired"), (cause.Field, cause.Reason));
    }

    [Fact]
    public void Container_without_image_or_name()
    {
        var pod = Objects.Pod("p");
        pod.Spec.Containers = [new V1Container { Name = "a" }, new V1Container { Image = "x" }];
        var fields = ObjectValidator.Validate(pod).Select(c => c.Field).ToList();
        Assert.Equal(["spec.containers[0].image", "spec.containers[1].name"], fields);
    }

    [Theory]
    [InlineData("Bad_Name")]
    [InlineData("-x")]
    [InlineData("UPPER")]
    public void Names_must_be_dns_1123_subdomains(string name)
    {
        var cause = Assert.Single(ObjectValidator.Validate(Objects.Pod(name)));
        Assert.Equal(("metadata.name", "FieldValueInvalid"), (cause.Field, cause.Reason));
    }

    [Fact]
    public void Name_or_generate_name_is_required()
    {
        var pod = Objects.Pod("x");
        pod.Metadata.Name = null;
        Assert.Equal("metadata.name", Assert.Single(ObjectValidator.Validate(pod)).Field);
        pod.Metadata.GenerateName = "job-";
        Assert.Empty(ObjectValidator.Validate(pod));
    }
}
