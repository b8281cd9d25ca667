# The agent image: `sched agent --config /etc/scheduler/agent.conf`.
# Not built in CI: the development machines have no Docker engine (packaging is a later stage).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Scheduler.Cli -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /var/lib/scheduler && chown app /var/lib/scheduler
USER app
ENV SCHED_DATA_DIR=/var/lib/scheduler SCHED_API_URL=http://0.0.0.0:8080
EXPOSE 8080 4053
ENTRYPOINT ["dotnet", "sched.dll"]
CMD ["agent", "--config", "/etc/scheduler/agent.conf"]
