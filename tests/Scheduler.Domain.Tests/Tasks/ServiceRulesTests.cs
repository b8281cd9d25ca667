using k8s.Models;
using Scheduler.Domain.Config;
using Scheduler.Domain.Pods;
using Scheduler.Domain.Tasks;

namespace Scheduler.Domain.Tests.Tasks;

public class ServiceRulesTests
{
    private static readonly PodTemplate Template = new(new V1ObjectMeta(), new V1PodSpec
    {
        Containers = [new V1Container { Name = "build" }, new V1Container { Name = "proxy", Image = "envoy:1" }],
    });

    private static ResourceClassOptions Class(bool allowServices = true, IReadOnlyList<string>? images = null, IReadOnlyList<string>? policies = null) =>
        new("acme/ci", "token", null, ExecutionMode.Exec, Template)
        {
            AllowServices = allowServices,
            AllowedImages = images ?? [],
            AllowedPullPolicies = policies ?? [],
        };

    private static TaskSpec Spec(params ServiceSpec[] services) =>
        new("acme/ci", null, [new StepSpec("s", "true")], new Dictionary<string, string>(), new Dictionary<string, string>(), null) { Services = services };

    private static ServiceSpec Service(string name, string image) => new(name, image, null, new Dictionary<string, string>(), 5432);

    private static List<string> Errors(TaskSpec spec, ResourceClassOptions resourceClass) =>
        ServiceRules.Check(spec, resourceClass).Select(e => e.ToString()).ToList();

    [Fact]
    public void A_class_that_allows_services_and_any_image_accepts_them()
    {
        Assert.Empty(Errors(Spec(Service("db", "postgres:16")), Class()));
    }

    [Fact]
    public void A_class_with_allowServices_false_rejects_any_service()
    {
        Assert.Equal(["services: not allowed in acme/ci (allowServices = false)"], Errors(Spec(Service("db", "postgres:16")), Class(allowServices: false)));
        Assert.Empty(Errors(Spec(), Class(allowServices: false)));
    }

    [Fact]
    public void Service_images_obey_the_class_allow_list_like_the_task_image()
    {
        var errors = Errors(Spec(Service("db", "postgres:16"), Service("cache", "docker.io/redis:7")), Class(images: ["postgres:*"]));

        Assert.Equal(["services[1].image: \"docker.io/redis:7\" is not allowed in acme/ci; allowedImages: postgres:*"], errors);
    }

    [Fact]
    public void Service_images_obey_the_allowed_pull_policies()
    {
        var errors = Errors(Spec(Service("db", "postgres")), Class(policies: ["IfNotPresent"]));

        Assert.Equal(["services[0].image: \"postgres\" would be pulled with policy Always, not allowed in acme/ci; allowedPullPolicies: IfNotPresent"], errors);
    }

    [Fact]
    public void A_service_cannot_take_the_name_of_a_template_container()
    {
        Assert.Equal(
            ["services[0].name: the pod template of acme/ci already has a container named \"proxy\""],
            Errors(Spec(Service("proxy", "postgres:16")), Class()));
    }
}
