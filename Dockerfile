# The agent image: `sched agent --config /etc/scheduler/agent.conf` (deploy/kubernetes mounts that file).
# Not built in CI: the development machines have no Docker engine. tests/Scheduler.Agent.Tests/Deploy/DockerfileTests
# checks that every path copied below exists and that the publish command succeeds on exactly those files.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json NuGet.config Directory.Build.props Directory.Packages.props ./
COPY hocon/ hocon/
COPY src/ src/
RUN dotnet publish src/Scheduler.Cli/Scheduler.Cli.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The only writable paths, mounted as volumes so the root filesystem can be read-only: the data directory
# (storage.dataDirectory) and /tmp (the .NET runtime's diagnostics sockets).
RUN mkdir -p /var/lib/scheduler && chown 1654:1654 /var/lib/scheduler
VOLUME ["/var/lib/scheduler", "/tmp"]
# 1654 is the "app" user of the .NET images, not root; deploy/kubernetes pins the same UID.
USER 1654:1654
# /app/sched is the published app host: `kubectl exec scheduler-0 -- sched pbm cluster show` works.
ENV PATH=/app:$PATH
EXPOSE 8080 4053
ENTRYPOINT ["/app/sched"]
CMD ["agent", "--config", "/etc/scheduler/agent.conf"]
