namespace Scheduler.Kube.Steps;

public enum OutputStream
{
    Stdout = 1,
    Stderr = 2,
}
