using System.Net;
using System.Text;
using Scheduler.Agent.Tests.Support;
using Scheduler.Domain.Tasks;
using static Scheduler.Agent.Tests.BadInput.SweepAgent;

namespace Scheduler.Agent.Tests.BadInput;

/// <summary>The bad HTTP requests of the sweep: task specs, then the requests around them.</summary>
public static class BadRequestCases
{
    private const string Tasks = "/api/v1/tasks";
    private static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post;
    private const HttpStatusCode BadRequest400 = HttpStatusCode.BadRequest;

    public static readonly IReadOnlyList<BadRequest> All =
    [
        .. Specs(),
        .. Requests(),
        .. Tokens(),
    ];

    public static TheoryData<string> Names => new(All.Select(c => c.Name));

    public static BadRequest Named(string name) => All.Single(c => c.Name == name);

    /// <summary>A submit of <paramref name="spec"/> with the parked class's token.</summary>
    private static BadRequest Submit(string name, string spec, string field, string message, HttpStatusCode status = BadRequest400) =>
        new(name, Post, Tasks, ParkedToken, status, field, message) { Text = spec };

    private static string Spec(string rest) => $"resource_class: {Parked}\nimage: alpine:3.20\n{rest}";

    private static IEnumerable<BadRequest> Specs()
    {
        yield return Submit("spec: empty body", "", "", "the task spec is empty");
        yield return Submit("spec: missing resource_class", "steps: [echo hi]\n", "resource_class", "required");
        yield return Submit("spec: resource_class is a list", $"resource_class: [{Parked}]\nsteps: [echo hi]\n", "resource_class", "must be a string");
        yield return Submit("spec: missing steps", Spec(""), "steps", "at least one step is required");
        yield return Submit("spec: steps is a string", Spec("steps: echo hi\n"), "steps", "must be a list of steps");
        yield return Submit("spec: steps is empty", Spec("steps: []\n"), "steps", "at least one step is required");
        yield return Submit("spec: unknown top-level field", Spec("steps: [echo hi]\nimagePullPolicy: Always\n"), "imagePullPolicy", "unknown field");
        yield return Submit("spec: unknown step field", Spec("steps:\n  - {name: a, run: echo, shell: bash}\n"), "steps[0].shell", "unknown field");
        yield return Submit("spec: step without run", Spec("steps:\n  - name: x\n"), "steps[0].run", "required");
        yield return Submit("spec: step run is a list", Spec("steps:\n  - {name: a, run: [echo, hi]}\n"), "steps[0].run", "must be a string");
        yield return Submit("spec: step name is empty", Spec("steps:\n  - {name: '', run: echo}\n"), "steps[0].name", "must be a non-empty string");
        yield return Submit("spec: step is a number list", Spec("steps:\n  - [1, 2]\n"), "steps[0]", "must be a mapping {name, run} or a shell command string");
        yield return Submit("spec: too many steps",
            Spec("steps:\n" + string.Concat(Enumerable.Range(0, TaskSpecParser.MaxSteps + 1).Select(i => $"  - echo {i}\n"))),
            "steps", $"at most {TaskSpecParser.MaxSteps} steps, got {TaskSpecParser.MaxSteps + 1}");
        yield return Submit("spec: oversized script",
            Spec($"steps:\n  - run: \"{new string('x', TaskSpecParser.MaxScriptBytes + 1)}\"\n"),
            "steps[0].run", $"at most {TaskSpecParser.MaxScriptBytes} bytes, got {TaskSpecParser.MaxScriptBytes + 1}");
        yield return Submit("spec: image with a space", $"resource_class: {Parked}\nimage: 'alpine 3.20'\nsteps: [echo hi]\n", "image", "must be an image reference");
        yield return Submit("spec: image not a reference", $"resource_class: {Parked}\nimage: 'Alpine::3..'\nsteps: [echo hi]\n", "image", "must be an image reference");
        yield return Submit("spec: image is a mapping", $"resource_class: {Parked}\nimage: {{name: alpine}}\nsteps: [echo hi]\n", "image", "must be an image reference");
        yield return Submit("spec: image outside allowedImages", $"resource_class: {Parked}\nimage: evil/miner:1\nsteps: [echo hi]\n",
            "image", "allowedImages: alpine:*", HttpStatusCode.UnprocessableEntity);
        yield return Submit("spec: image pulled Always", $"resource_class: {Parked}\nimage: alpine:latest\nsteps: [echo hi]\n",
            "image", "allowedPullPolicies: IfNotPresent", HttpStatusCode.UnprocessableEntity);
        yield return Submit("spec: environment name starts with a digit", Spec("steps: [echo hi]\nenvironment: {1BAD: x}\n"), "environment.1BAD", "invalid variable name");
        yield return Submit("spec: environment name with '='", Spec("steps: [echo hi]\nenvironment: {'A=B': x}\n"), "environment.A=B", "invalid variable name");
        yield return Submit("spec: environment is a list", Spec("steps: [echo hi]\nenvironment: [A=1]\n"), "environment", "must be a mapping of NAME: value");
        yield return Submit("spec: environment value is a mapping", Spec("steps: [echo hi]\nenvironment: {A: {b: c}}\n"), "environment.A", "must be a string");
        yield return Submit("spec: secret name with '-'", Spec("steps: [echo hi]\nsecrets: {'API-KEY': x}\n"), "secrets.API-KEY", "invalid variable name");
        yield return Submit("spec: secret also in environment", Spec("steps: [echo hi]\nenvironment: {A: x}\nsecrets: {A: y}\n"), "secrets.A", "also defined in environment");
        yield return Submit("spec: timeout not a duration", Spec("steps: [echo hi]\ntimeout: soon\n"), "timeout", "invalid duration \"soon\"");
        yield return Submit("spec: timeout without a unit", Spec("steps: [echo hi]\ntimeout: 30\n"), "timeout", "invalid duration \"30\"");
        yield return Submit("spec: timeout negative", Spec("steps: [echo hi]\ntimeout: -5m\n"), "timeout", "invalid duration \"-5m\"");
        yield return Submit("spec: timeout zero", Spec("steps: [echo hi]\ntimeout: 0s\n"), "timeout", "must be positive");
        yield return Submit("spec: timeout beyond maxRunTime", Spec("steps: [echo hi]\ntimeout: 2h\n"), "timeout",
            "exceeds agent.maxRunTime (1h0m0s)", HttpStatusCode.UnprocessableEntity);
        yield return Submit("spec: a list instead of a mapping", "- echo hi\n", "", "must be a mapping of fields");
        yield return Submit("spec: two YAML documents", Spec("steps: [echo hi]\n") + "---\n" + Spec("steps: [echo hi]\n"), "", "expected exactly one YAML document");
        yield return Submit("spec: unterminated flow sequence", $"resource_class: [{Parked}\nsteps: [echo hi]\n", "", "is a [ or { left open?");
        yield return Submit("spec: unterminated quote", $"resource_class: '{Parked}\nsteps: [echo hi]\n", "", "malformed YAML/JSON at line");
        yield return Submit("spec: duplicate key", Spec("steps: [echo hi]\nsteps: [echo again]\n"), "", "Duplicate key");
        yield return Submit("spec: undefined alias", Spec("steps: *nowhere\n"), "", "malformed YAML/JSON");
        yield return Submit("spec: YAML alias bomb in an unknown field", Spec("steps: [echo hi]\n") + AliasBomb(), "lol0", "unknown field");
        yield return Submit("spec: YAML alias bomb as a mapping key", Spec("steps: [echo hi]\n") + AliasBomb() + "? *lol8\n: x\n", "<sequence>", "unknown field");
        yield return Submit("spec: YAML alias bomb as an environment value", Spec("steps: [echo hi]\n") + AliasBomb() + "environment: {A: *lol8}\n",
            "environment.A", "must be a string");
        yield return Submit("spec: nested 60000 levels deep",
            $"resource_class: {Parked}\nsteps: {new string('[', 60_000)}{new string(']', 60_000)}\n", "", $"nested deeper than 32 levels");
        yield return new BadRequest("spec: malformed JSON", Post, Tasks, ParkedToken, BadRequest400, "", "malformed YAML/JSON")
        {
            ContentType = "application/json", Text = $$"""{"resource_class": "{{Parked}}", "steps": [""",
        };
        yield return new BadRequest("spec: JSON steps is a number", Post, Tasks, ParkedToken, BadRequest400, "steps", "must be a list of steps")
        {
            ContentType = "application/json", Text = $$"""{"resource_class": "{{Parked}}", "image": "alpine:3.20", "steps": 3}""",
        };
        yield return new BadRequest("spec: JSON null steps", Post, Tasks, ParkedToken, BadRequest400, "steps", "at least one step is required")
        {
            ContentType = "application/json", Text = $$"""{"resource_class": "{{Parked}}", "image": "alpine:3.20", "steps": null}""",
        };
        yield return new BadRequest("spec: body not UTF-8", Post, Tasks, ParkedToken, BadRequest400, "", "not valid UTF-8")
        {
            Body = [.. Encoding.UTF8.GetBytes(Spec("steps: [\"echo ")), 0xC3, 0x28, .. "\"]\n"u8.ToArray()],
        };
    }

    /// <summary>Nine levels of nine aliases each: expanded, 9^9 (387 million) strings.</summary>
    private static string AliasBomb()
    {
        var text = new StringBuilder("lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 8; i++)
            text.Append($"lol{i}: &lol{i} [{string.Join(", ", Enumerable.Repeat($"*lol{i - 1}", 9))}]\n");
        return text.ToString();
    }

    private static IEnumerable<BadRequest> Requests()
    {
        var valid = Encoding.UTF8.GetBytes(ValidSpec);
        yield return new BadRequest("request: text/plain content type", Post, Tasks, ParkedToken, HttpStatusCode.UnsupportedMediaType, "Content-Type", "got \"text/plain\"")
        {
            ContentType = "text/plain", Body = valid,
        };
        yield return new BadRequest("request: no content type", Post, Tasks, ParkedToken, HttpStatusCode.UnsupportedMediaType, "Content-Type", "use one of application/json")
        {
            ContentType = null, Body = valid,
        };
        yield return new BadRequest("request: a charset other than UTF-8", Post, Tasks, ParkedToken, HttpStatusCode.UnsupportedMediaType, "Content-Type", "latin1")
        {
            ContentType = "application/yaml; charset=latin1", Body = valid,
        };
        yield return new BadRequest("request: multipart form", Post, Tasks, ParkedToken, HttpStatusCode.UnsupportedMediaType, "Content-Type", "multipart/form-data")
        {
            ContentType = "multipart/form-data; boundary=x", Body = valid,
        };
        yield return new BadRequest("request: body over maxBodyBytes", Post, Tasks, ParkedToken, HttpStatusCode.RequestEntityTooLarge, "body", $"the limit is {MaxBodyBytes} bytes")
        {
            Text = ValidSpec + "# " + new string('x', MaxBodyBytes) + "\n",
        };
        yield return new BadRequest("request: chunked body over maxBodyBytes", Post, Tasks, ParkedToken, HttpStatusCode.RequestEntityTooLarge, "body", $"the limit is {MaxBodyBytes} bytes")
        {
            Text = ValidSpec + "# " + new string('x', MaxBodyBytes) + "\n", Chunked = true,
        };
        yield return new BadRequest("request: PUT on the task list", HttpMethod.Put, Tasks, TestTokens.Operator, HttpStatusCode.MethodNotAllowed, "method", "PUT is not allowed on /api/v1/tasks")
        {
            Body = valid,
        };
        yield return new BadRequest("request: DELETE a task", HttpMethod.Delete, Tasks + "/{parked}", TestTokens.Operator, HttpStatusCode.MethodNotAllowed, "method", "DELETE is not allowed");
        yield return new BadRequest("request: GET on cancel", Get, Tasks + "/{parked}/cancel", TestTokens.Operator, HttpStatusCode.MethodNotAllowed, "method", "GET is not allowed");
        yield return new BadRequest("request: an unknown route", Get, "/api/v2/tasks", TestTokens.Operator, HttpStatusCode.NotFound, "path", "/api/v2/tasks is not a route");
        yield return new BadRequest("request: an unknown task", Get, Tasks + "/" + BadRequest.UnknownTaskId, TestTokens.Operator, HttpStatusCode.NotFound, "id", "no job with id");
        yield return new BadRequest("request: path traversal in the id", Get, Tasks + "/..%2F..%2Fhocon%2Fagent.conf", TestTokens.Operator, HttpStatusCode.NotFound, "id", "no job with id \"..%2F..%2Fhocon%2Fagent.conf\"");
        yield return new BadRequest("request: path traversal in the id of a log", Get, Tasks + "/..%2F..%2Fetc%2Fpasswd/logs", TestTokens.Operator, HttpStatusCode.NotFound, "id", "no job with id");
        yield return new BadRequest("request: path traversal with a class token", Get, Tasks + "/..%2F..%2Fetc%2Fpasswd", ParkedToken, HttpStatusCode.Forbidden, "Authorization", "reaches only the tasks of its class");
        yield return new BadRequest("request: dot segments out of the API", Get, Tasks + "/%2E%2E/%2E%2E/%2E%2E/etc/passwd", TestTokens.Operator, HttpStatusCode.NotFound, "path", "is not a route");
        yield return new BadRequest("request: an uppercase id", Post, Tasks + "/T-01ABC/cancel", TestTokens.Operator, HttpStatusCode.NotFound, "id", "no job with id \"T-01ABC\"");
        yield return new BadRequest("request: a 4000-character id", Get, Tasks + "/" + new string('a', 4000), TestTokens.Operator, HttpStatusCode.NotFound, "id", "no job with id");
        yield return new BadRequest("request: unknown state filter", Get, Tasks + "?state=bogus", TestTokens.Operator, BadRequest400, "state", "unknown state \"bogus\"");
        yield return new BadRequest("request: limit 0", Get, Tasks + "?limit=0", TestTokens.Operator, BadRequest400, "limit", "from 1 to 1000");
        yield return new BadRequest("request: limit not a number", Get, Tasks + "?limit=all", TestTokens.Operator, BadRequest400, "limit", "from 1 to 1000");
        yield return new BadRequest("request: negative log offset", Get, Tasks + "/{parked}/logs?offset=-1", TestTokens.Operator, BadRequest400, "offset", "a whole number");
        yield return new BadRequest("request: log offset beyond the end", Get, Tasks + "/{parked}/logs?offset=99999", TestTokens.Operator, BadRequest400, "offset", "beyond the end of the log (0 bytes)");
        yield return new BadRequest("request: follow is not a boolean", Get, Tasks + "/{parked}/logs/events?follow=maybe", TestTokens.Operator, BadRequest400, "follow", "must be true or false");
        yield return new BadRequest("request: unknown class by the operator", Post, Tasks, TestTokens.Operator, HttpStatusCode.UnprocessableEntity, "resource_class", "no resource class \"nope/none\"")
        {
            Text = "resource_class: nope/none\nsteps: [echo hi]\n",
        };
        yield return new BadRequest("request: run the disabled garbage collector", Post, "/api/v1/gc/run", TestTokens.Operator, HttpStatusCode.Conflict, "agent.kubeGCEnabled", "is false");
    }

    private static IEnumerable<BadRequest> Tokens()
    {
        const string missing = "expected \"Bearer <resource class or operator token>\"";
        const string unknown = "neither a resource class's nor the operator's";
        const string otherClass = "reaches only the tasks of its class";
        yield return new BadRequest("token: none to read a task", Get, Tasks + "/{parked}", null, HttpStatusCode.Unauthorized, "Authorization", missing) { SameForUnknownTask = true };
        yield return new BadRequest("token: none to list", Get, Tasks, null, HttpStatusCode.Unauthorized, "Authorization", missing);
        yield return new BadRequest("token: none to submit", Post, Tasks, null, HttpStatusCode.Unauthorized, "Authorization", missing) { Text = ValidSpec };
        yield return new BadRequest("token: wrong one to cancel", Post, Tasks + "/{parked}/cancel", "not-a-token", HttpStatusCode.Unauthorized, "Authorization", unknown) { SameForUnknownTask = true };
        yield return new BadRequest("token: Basic credentials for a log", Get, Tasks + "/{parked}/logs", null, HttpStatusCode.Unauthorized, "Authorization", missing)
        {
            RawAuthorization = "Basic c3dlZXA6cGFya2Vk", SameForUnknownTask = true,
        };
        yield return new BadRequest("token: bearer with two tokens", Get, Tasks + "/{parked}", null, HttpStatusCode.Unauthorized, "Authorization", missing)
        {
            RawAuthorization = $"Bearer {ParkedToken} {OtherToken}", SameForUnknownTask = true,
        };
        yield return new BadRequest("token: a prefix of a class token", Get, Tasks + "/{parked}", ParkedToken[..^1], HttpStatusCode.Unauthorized, "Authorization", unknown) { SameForUnknownTask = true };
        yield return new BadRequest("token: another class reads a task", Get, Tasks + "/{other}", ParkedToken, HttpStatusCode.Forbidden, "Authorization", otherClass) { SameForUnknownTask = true };
        yield return new BadRequest("token: another class cancels a task", Post, Tasks + "/{other}/cancel", ParkedToken, HttpStatusCode.Forbidden, "Authorization", otherClass) { SameForUnknownTask = true };
        yield return new BadRequest("token: another class follows a log", Get, Tasks + "/{other}/logs/events?follow=true", ParkedToken, HttpStatusCode.Forbidden, "Authorization", otherClass) { SameForUnknownTask = true };
        yield return new BadRequest("token: another class lists its tasks", Get, Tasks + $"?resourceClass={Other}", ParkedToken, HttpStatusCode.Forbidden, "resourceClass", "only its own class");
        yield return new BadRequest("token: submit to another class", Post, Tasks, ParkedToken, HttpStatusCode.Forbidden, "resource_class", $"submits only to {Parked}")
        {
            Text = $"resource_class: {Other}\nsteps: [echo hi]\n",
        };
        yield return new BadRequest("token: submit to an unknown class", Post, Tasks, ParkedToken, HttpStatusCode.Forbidden, "resource_class", $"submits only to {Parked}")
        {
            Text = "resource_class: nope/none\nsteps: [echo hi]\n",
        };
        yield return new BadRequest("token: a class token runs the garbage collector", Post, "/api/v1/gc/run", ParkedToken, HttpStatusCode.Forbidden, "Authorization", "a resource class's token is not enough");
        yield return new BadRequest("token: a class token lists the classes", Get, "/api/v1/resource-classes", ParkedToken, HttpStatusCode.Forbidden, "Authorization", "a resource class's token is not enough");
    }
}
