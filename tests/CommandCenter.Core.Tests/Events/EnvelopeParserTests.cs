using System.Text.Json;
using CommandCenter.Core.Events;
using CommandCenter.Core.Tests.Support;

namespace CommandCenter.Core.Tests.Events;

public sealed class EnvelopeParserTests
{
    private static readonly Guid IncidentId = Guid.Parse("0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b");

    private static Dictionary<string, string> ValidFields() => EnvelopeWriter.ToFields(
        new IncidentReported(IncidentId, Flow.Grid(), "占道经营", 2, "人行道流动摊贩", "早高峰占道", Flow.Start.AddHours(2), "网格员张敏"),
        Flow.Street, "grid-app", Flow.Start, Guid.Parse("9d7c6b5a-4e3f-4a2b-9c1d-0e1f2a3b4c5d"));

    private static Dictionary<string, string> With(string field, string value)
    {
        var fields = ValidFields();
        fields[field] = value;
        return fields;
    }

    private static Dictionary<string, string> WithData(string type, string data)
    {
        var fields = ValidFields();
        fields[EnvelopeFields.Type] = type;
        fields[EnvelopeFields.Data] = data;
        return fields;
    }

    private static string Fails(IReadOnlyDictionary<string, string> fields)
    {
        var result = Flow.Parser.Parse(fields);
        Assert.False(result.IsValid, "the parser accepted an entry it should refuse");
        Assert.Null(result.Envelope);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
        return result.Error!;
    }

    private static EventEnvelope Passes(IReadOnlyDictionary<string, string> fields)
    {
        var result = Flow.Parser.Parse(fields);
        Assert.True(result.IsValid, result.Error);
        return result.Envelope!;
    }

    [Fact]
    public void Parse_FieldsFromTheWriter_GiveTheTypedEnvelope()
    {
        var fields = ValidFields();

        var envelope = Passes(fields);

        Assert.Equal(("9d7c6b5a-4e3f-4a2b-9c1d-0e1f2a3b4c5d", "incident.reported", "grid-app", "ninghailu", 1),
            (envelope.Id, envelope.Type, envelope.Source, envelope.Street, envelope.Version));
        Assert.Equal(Flow.Start, envelope.OccurredAt);
        Assert.Equal(TimeSpan.FromHours(8), envelope.OccurredAt.Offset);
        Assert.Equal("incident", envelope.Family);
        Assert.Equal(fields[EnvelopeFields.Data], envelope.DataJson);
        var payload = Assert.IsType<IncidentReported>(envelope.Payload);
        Assert.Equal(new IncidentReported(IncidentId, Flow.Grid(), "占道经营", 2, "人行道流动摊贩", "早高峰占道", Flow.Start.AddHours(2), "网格员张敏"), payload);
        Assert.Null(envelope.Actor);
    }

    [Fact]
    public void Parse_DataWithActor_ReadsTheActor()
    {
        var fields = EnvelopeWriter.ToFields(new WhistleClosed(Guid.NewGuid(), "核实结项"), Flow.Street, "console", Flow.Start,
            actor: new Actor("u-1001", "street-director", Flow.Street));

        var envelope = Passes(fields);

        Assert.Equal(new Actor("u-1001", "street-director", Flow.Street), envelope.Actor);
        Assert.Contains("\"actor\":{", fields[EnvelopeFields.Data]);
    }

    [Fact]
    public void Parse_EveryPayloadTypeWrittenByTheWriter_RoundTrips()
    {
        var samples = new IEventPayload[]
        {
            new TicketEvaluated(Guid.NewGuid(), Satisfaction.BasicallySatisfied),
            new TeamStatusChanged(Flow.Team(), TeamStatus.OffDuty, "轮休"),
            new DeadlineMissed(DeadlineKind.WhistleReport, Guid.NewGuid(), Flow.Start, "market"),
            new DispatchEnRoute(Guid.NewGuid()),
            new WhistleEscalated(Guid.NewGuid(), WhistleLevel.District, "提请区领导协调"),
        };

        foreach (var sample in samples)
            Assert.Equal(sample, Passes(EnvelopeWriter.ToFields(sample, Flow.Street, "console", Flow.Start)).Payload);
    }

    [Fact]
    public void Parse_EnumValues_AreKebabCaseOnTheWire()
    {
        var fields = EnvelopeWriter.ToFields(new TicketEvaluated(Guid.NewGuid(), Satisfaction.BasicallySatisfied), Flow.Street, "hotline-12345", Flow.Start);

        Assert.Contains("\"satisfaction\":\"basically-satisfied\"", fields[EnvelopeFields.Data]);
    }

    public static TheoryData<string> FieldNames => new(EnvelopeFields.All);

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Parse_MissingField_FailsNamingTheField(string field)
    {
        var fields = ValidFields();
        fields.Remove(field);

        Assert.Equal($"missing field '{field}'", Fails(fields));
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Parse_BlankField_FailsAsMissing(string field) => Assert.Equal($"missing field '{field}'", Fails(With(field, "  ")));

    [Theory]
    [InlineData("12345")]
    [InlineData("not-a-uuid")]
    [InlineData("9d7c6b5a-4e3f-4a2b-9c1d-0e1f2a3b4c5")]
    public void Parse_IdNotUuid_Fails(string id) => Assert.Equal($"field 'id' is not a UUID: '{id}'", Fails(With(EnvelopeFields.Id, id)));

    [Theory]
    [InlineData("incident.deleted")]
    [InlineData("Incident.Reported")]
    [InlineData("ticket")]
    public void Parse_UnknownType_Fails(string type) => Assert.Equal($"unknown event type '{type}'", Fails(With(EnvelopeFields.Type, type)));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-11-27 09:00:00+08:00")]
    [InlineData("2026-11-27T09:00:00")]
    [InlineData("2026-13-01T09:00:00+08:00")]
    [InlineData("1764205200")]
    public void Parse_OccurredAtNotIsoWithOffset_Fails(string occurredAt) =>
        Assert.StartsWith("field 'occurredAt' is not ISO 8601 with an offset", Fails(With(EnvelopeFields.OccurredAt, occurredAt)));

    [Theory]
    [InlineData("2026-11-27T09:00:00+08:00")]
    [InlineData("2026-11-27T09:00:00.123+08:00")]
    [InlineData("2026-11-27T01:00:00Z")]
    [InlineData("2026-11-27T01:00:00.1234567Z")]
    [InlineData("2026-11-27T01:00:00.000+00:00")]
    public void Parse_OccurredAtIsoWithOffset_KeepsTheInstant(string occurredAt)
    {
        var envelope = Passes(With(EnvelopeFields.OccurredAt, occurredAt));

        Assert.Equal(new DateTimeOffset(2026, 11, 27, 1, 0, 0, TimeSpan.Zero), envelope.OccurredAt.AddTicks(-(envelope.OccurredAt.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Theory]
    [InlineData("gulou")]
    [InlineData("宁海路")]
    [InlineData("Ninghailu")]
    [InlineData("xiaguan")]
    public void Parse_UnknownStreet_Fails(string street) => Assert.Equal($"unknown street '{street}'", Fails(With(EnvelopeFields.Street, street)));

    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("1.0")]
    [InlineData("v1")]
    public void Parse_VersionNotOne_Fails(string version) =>
        Assert.Equal($"unsupported schema version '{version}' (expected 1)", Fails(With(EnvelopeFields.Version, version)));

    [Fact]
    public void Parse_SourceOverLimit_Fails() =>
        Assert.Equal("field 'source' is longer than 200 characters", Fails(With(EnvelopeFields.Source, new string('s', 201))));

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"incidentId\": ")]
    [InlineData("<incident/>")]
    public void Parse_DataNotJson_Fails(string data) =>
        Assert.StartsWith("incident.reported: data is not valid for this type", Fails(With(EnvelopeFields.Data, data)));

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"a string\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void Parse_DataNotAnObject_Fails(string data) =>
        Assert.Equal("incident.reported: data is not a JSON object", Fails(With(EnvelopeFields.Data, data)));

    [Theory]
    [InlineData("incident.reported", """{"incidentId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","category":"占道","severity":2,"title":"摊贩"}""", "gridId")]
    [InlineData("ticket.received", """{"ticketId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","channel":"12345","category":"噪音","content":"夜间施工","callerMasked":"138****0000"}""", "dueAt")]
    [InlineData("whistle.blown", """{"whistleId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","level":"work-advance","title":"协调","reportDueAt":"2026-11-27T12:00:00+08:00"}""", "departments")]
    [InlineData("dispatch.created", """{"dispatchId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b"}""", "teamId")]
    [InlineData("ticket.evaluated", """{"ticketId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b"}""", "satisfaction")]
    public void Parse_DataMissingRequiredMember_FailsNamingIt(string type, string data, string member)
    {
        var error = Fails(WithData(type, data));

        Assert.StartsWith($"{type}: data is not valid for this type", error);
        Assert.Contains(member, error);
    }

    [Fact]
    public void Parse_RequiredMemberExplicitlyNull_Fails() =>
        Assert.StartsWith("dispatch.completed: data is not valid for this type",
            Fails(WithData("dispatch.completed", """{"dispatchId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","outcome":null}""")));

    [Theory]
    [InlineData("ticket.evaluated", """{"ticketId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","satisfaction":"very-happy"}""")]
    [InlineData("ticket.evaluated", """{"ticketId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","satisfaction":1}""")]
    [InlineData("whistle.blown", """{"whistleId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","level":"urgent","title":"协调","departments":["market"],"reportDueAt":"2026-11-27T12:00:00+08:00"}""")]
    [InlineData("team.status-changed", """{"teamId":"ninghailu-chengguan-squad-1","status":"on-break"}""")]
    [InlineData("deadline.missed", """{"kind":"whistle","entityId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","dueAt":"2026-11-27T12:00:00+08:00"}""")]
    public void Parse_WrongEnumValue_Fails(string type, string data) =>
        Assert.StartsWith($"{type}: data is not valid for this type", Fails(WithData(type, data)));

    [Theory]
    [InlineData("incident.accepted", """{"incidentId":"not-a-uuid"}""")]
    [InlineData("incident.reported", """{"incidentId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","gridId":"g","category":"c","severity":"high","title":"t"}""")]
    [InlineData("ticket.received", """{"ticketId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","channel":"12345","category":"c","content":"x","callerMasked":"m","dueAt":"tomorrow"}""")]
    public void Parse_WrongMemberType_Fails(string type, string data) =>
        Assert.StartsWith($"{type}: data is not valid for this type", Fails(WithData(type, data)));

    [Fact]
    public void Parse_DataOverSixtyFourKilobytes_FailsWithItsSize()
    {
        // Chinese text is 3 bytes a character in UTF-8: the limit is on bytes, not characters.
        var data = $$"""{"incidentId":"{{IncidentId}}","note":"{{new string('巡', 22_000)}}"}""";
        var bytes = System.Text.Encoding.UTF8.GetByteCount(data);

        Assert.Equal($"data is {bytes} bytes, over the limit of 65536", Fails(WithData("incident.accepted", data)));
    }

    [Fact]
    public void Parse_DataJustUnderTheSizeLimitButTextOverItsLimit_FailsOnTheText()
    {
        var data = $$"""{"incidentId":"{{IncidentId}}","note":"{{new string('x', 4001)}}"}""";

        Assert.Equal("incident.accepted: note is longer than 4000 characters", Fails(WithData("incident.accepted", data)));
    }

    [Theory]
    [InlineData("title", 201, "title is longer than 200 characters")]
    [InlineData("category", 201, "category is longer than 200 characters")]
    [InlineData("gridId", 201, "gridId is longer than 200 characters")]
    [InlineData("description", 4001, "description is longer than 4000 characters")]
    [InlineData("reportedBy", 201, "reportedBy is longer than 200 characters")]
    public void Parse_IncidentTextOverLimit_Fails(string member, int length, string reason)
    {
        var fields = ValidFields();
        var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(fields[EnvelopeFields.Data])!
            .ToDictionary(p => p.Key, p => (object)p.Value);
        data[member] = new string('长', length);
        fields[EnvelopeFields.Data] = JsonSerializer.Serialize(data);

        Assert.Equal($"incident.reported: {reason}", Fails(fields));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(1)]
    public void Parse_TitleWithinLimit_Passes(int length)
    {
        var payload = new IncidentReported(IncidentId, Flow.Grid(), "占道经营", 2, new string('题', length));

        Assert.Equal(length, ((IncidentReported)Passes(EnvelopeWriter.ToFields(payload, Flow.Street, "grid-app", Flow.Start)).Payload).Title.Length);
    }

    [Theory]
    [InlineData(new object[] { "ticket.received", """{"ticketId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","channel":"12345","category":"噪音","content":"   ","callerMasked":"138****0000","dueAt":"2026-11-28T09:00:00+08:00"}""", "content is required" })]
    [InlineData(new object[] { "incident.reported", """{"incidentId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","gridId":"ninghailu-c01-g001","category":"占道","severity":5,"title":"摊贩"}""", "severity must be 1 (most severe) to 4" })]
    [InlineData(new object[] { "incident.accepted", """{"incidentId":"00000000-0000-0000-0000-000000000000"}""", "incidentId is missing or the empty UUID" })]
    [InlineData(new object[] { "whistle.blown", """{"whistleId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","level":"district","title":"协调","departments":["market"],"reportDueAt":"2026-11-27T12:00:00+08:00"}""", "district level comes only by escalation" })]
    [InlineData(new object[] { "whistle.blown", """{"whistleId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","level":"work-advance","title":"协调","departments":[],"reportDueAt":"2026-11-27T12:00:00+08:00"}""", "a whistle must summon at least one department" })]
    [InlineData(new object[] { "whistle.blown", """{"whistleId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","level":"work-advance","title":"协调","departments":["market","market"],"reportDueAt":"2026-11-27T12:00:00+08:00"}""", "a department is summoned twice" })]
    [InlineData(new object[] { "whistle.evaluated", """{"whistleId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","ratings":[{"department":"market","score":101}]}""", "scores are 0 to 100" })]
    [InlineData(new object[] { "whistle.evaluated", """{"whistleId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","ratings":[]}""", "an evaluation rates at least one department" })]
    [InlineData(new object[] { "team.status-changed", """{"teamId":"ninghailu-chengguan-squad-1","status":"on-scene"}""", "a team's status can be set only to available or off-duty" })]
    [InlineData(new object[] { "deadline.missed", """{"kind":"whistle-report","entityId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","dueAt":"2026-11-27T12:00:00+08:00"}""", "department is required" })]
    [InlineData(new object[] { "dispatch.created", """{"dispatchId":"0b8e2f4a-6c1d-4e5f-8a9b-1c2d3e4f5a6b","teamId":"ninghailu-chengguan-squad-1","incidentId":"00000000-0000-0000-0000-000000000000"}""", "incidentId is the empty UUID" })]
    public void Parse_PayloadBreakingAShapeRule_FailsWithTheRule(string type, string data, string reason)
    {
        var error = Fails(WithData(type, data));

        Assert.StartsWith($"{type}: ", error);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Parse_WhistleSummoningTooManyDepartments_Fails()
    {
        var departments = Enumerable.Range(1, 21).Select(i => $"dept-{i}").ToArray();
        var fields = EnvelopeWriter.ToFields(new WhistleBlown(Guid.NewGuid(), WhistleLevel.WorkAdvance, "协调", departments, Flow.Start.AddHours(1)),
            Flow.Street, "console", Flow.Start);

        Assert.Equal("whistle.blown: a whistle summons at most 20 departments", Fails(fields));
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("\"; DROP TABLE incidents; --")]
    [InlineData("{{7*7}} @code { }")]
    public void Parse_ScriptOrMarkupInText_IsAcceptedVerbatimAsText(string text)
    {
        var payload = new IncidentReported(IncidentId, Flow.Grid(), "其他", 3, text, text);

        var parsed = (IncidentReported)Passes(EnvelopeWriter.ToFields(payload, Flow.Street, "grid-app", Flow.Start)).Payload;

        Assert.Equal(text, parsed.Title);
        Assert.Equal(text, parsed.Description);
    }

    [Fact]
    public void Parse_UnknownDataMembers_AreIgnored()
    {
        var envelope = Passes(WithData("incident.accepted", $$$"""{"incidentId":"{{{IncidentId}}}","priority":"high","extra":{"a":1}}"""));

        Assert.Equal(new IncidentAccepted(IncidentId), envelope.Payload);
    }

    [Theory]
    [InlineData("id", "\0\u0001")]
    [InlineData("data", "\uFFFF{")]
    [InlineData("occurredAt", "9999-99-99T99:99:99+99:99")]
    [InlineData("data", "{\"incidentId\":{\"$ref\":\"x\"}}")]
    [InlineData("data", "{\"actor\":[1]}")]
    public void Parse_Garbage_NeverThrows(string field, string value)
    {
        var result = Flow.Parser.Parse(With(field, value));

        Assert.False(result.IsValid);
        Assert.NotNull(result.Error);
    }
}
