using Scheduler.Kube.Steps;

namespace Scheduler.Kube.Tests.Steps;

public class ExecStatusTests
{
    [Fact]
    public void Success_is_exit_code_zero() =>
        Assert.Equal(new ExecStatus(0, null), ExecStatus.Parse("""{"metadata":{},"status":"Success"}"""));

    [Fact]
    public void Non_zero_exit_code_comes_from_the_exit_code_cause()
    {
        const string json = """
            {"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: 3","reason":"NonZeroExitCode",
             "details":{"causes":[{"reason":"ExitCode","message":"3"}]}}
            """;
        Assert.Equal(new ExecStatus(3, null), ExecStatus.Parse(json));
    }

    [Fact]
    public void Other_failures_have_no_exit_code_and_keep_the_message()
    {
        var status = ExecStatus.Parse("""{"metadata":{},"status":"Failure","message":"container not found (\"build\")","reason":"InternalError"}""");
        Assert.Null(status.ExitCode);
        Assert.Equal("container not found (\"build\")", status.FailureMessage);
    }

    [Fact]
    public void Garbage_is_a_failure_not_a_success()
    {
        var status = ExecStatus.Parse("not json");
        Assert.Null(status.ExitCode);
        Assert.Contains("not json", status.FailureMessage);
    }
}
