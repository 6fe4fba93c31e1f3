using System.Net;
using System.Text.Json;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Infrastructure.Security;
using CommandCenter.Web.Tests.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Open311;

public sealed class Open311ApiTests
{
    private static Dictionary<string, string> NoiseForm() => new()
    {
        ["service_code"] = "noise",
        ["description"] = "楼下酒吧深夜噪音扰民",
        ["address_string"] = "宁海路街道某小区3栋",
        ["attribute[street]"] = "宁海路街道",
        ["first_name"] = "小明",
        ["last_name"] = "王",
        ["phone"] = "139-1234-0001",
        ["email"] = "wang.xiaoming@example.cn",
    };

    private static async Task AssertSpecErrorAsync(HttpResponseMessage response, HttpStatusCode status, string words)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await Open311Bed.JsonAsync(response);
        Assert.Equal(JsonValueKind.Array, body.ValueKind);
        var error = Assert.Single(body.EnumerateArray());
        Assert.Equal((int)status, error.GetProperty("code").GetInt32());
        Assert.Contains(words, error.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Services_WithKey_ListsTheHotlineCategoriesWithTheSpecFields()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.GetAsync("services.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var services = (await Open311Bed.JsonAsync(response)).EnumerateArray().ToList();
        Assert.True(services.Count >= 10);
        foreach (var service in services)
        {
            Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"],
                service.EnumerateObject().Select(p => p.Name));
            Assert.True(service.GetProperty("metadata").GetBoolean());
            Assert.Equal("realtime", service.GetProperty("type").GetString());
        }
        var noise = services.Single(s => s.GetProperty("service_code").GetString() == "noise");
        Assert.Equal("Noise nuisance", noise.GetProperty("service_name").GetString());
        Assert.Equal("City management", noise.GetProperty("group").GetString());
        Assert.Contains("噪音", noise.GetProperty("keywords").GetString());
    }

    [Fact]
    public async Task Services_AndErrors_ClientAskingNoLanguage_AreAnsweredInChinese()
    {
        await using var bed = await Open311Bed.StartAsync();
        bed.Client.DefaultRequestHeaders.AcceptLanguage.Clear();

        using var services = await bed.GetAsync("services.json");
        using var unknown = await bed.GetAsync("services/potholes.json");

        var noise = (await Open311Bed.JsonAsync(services)).EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "noise");
        Assert.Equal("噪音扰民", noise.GetProperty("service_name").GetString());
        Assert.Equal("城市管理", noise.GetProperty("group").GetString());
        Assert.Equal("夜间施工、装修、商铺噪音", noise.GetProperty("description").GetString());
        await AssertSpecErrorAsync(unknown, HttpStatusCode.NotFound, "service_code 'potholes' 不是本系统的服务");
    }

    [Fact]
    public async Task Services_WithoutKey_Is401InTheSpecErrorFormat()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.Client.GetAsync("/open311/v2/services.json");

        await AssertSpecErrorAsync(response, HttpStatusCode.Unauthorized, "api_key is required");
    }

    [Fact]
    public async Task Requests_RevokedKey_Is403ForReadsAndWrites()
    {
        await using var bed = await Open311Bed.StartAsync();
        Assert.True(await bed.Factory.Services.GetRequiredService<ApiKeyStore>().RevokeAsync(bed.Key.Id, "admin"));

        using var read = await bed.GetAsync("requests.json");
        using var write = await bed.PostAsync(NoiseForm());

        await AssertSpecErrorAsync(read, HttpStatusCode.Forbidden, "api_key is not valid");
        await AssertSpecErrorAsync(write, HttpStatusCode.Forbidden, "api_key is not valid");
        Assert.Empty(await bed.Factory.MemoryLog.AppendedAsync());
    }

    [Fact]
    public async Task Requests_UnknownKey_Is403()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.Client.GetAsync("/open311/v2/requests.json?api_key=cck_not-a-key");

        await AssertSpecErrorAsync(response, HttpStatusCode.Forbidden, "api_key is not valid");
    }

    [Fact]
    public async Task Post_ValidForm_Returns201WithTheIdAndAppendsTicketReceivedFromTheKeysSource()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.PostAsync(NoiseForm());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = Assert.Single((await Open311Bed.JsonAsync(response)).EnumerateArray());
        var id = created.GetProperty("service_request_id").GetString()!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.StartsWith("Received; due by ", created.GetProperty("service_notice").GetString());
        Assert.Equal($"/open311/v2/requests/{id}.json", response.Headers.Location?.OriginalString);

        var entry = Assert.Single(await bed.Factory.MemoryLog.AppendedAsync());
        Assert.Equal(EventTypes.TicketReceived, entry.Fields[EnvelopeFields.Type]);
        Assert.Equal(Open311Bed.Source, entry.Fields[EnvelopeFields.Source]);
        Assert.Equal("ninghailu", entry.Fields[EnvelopeFields.Street]);
        var data = entry.Fields[EnvelopeFields.Data];
        Assert.Contains("\"callerMasked\":\"139****0001\"", data);
        Assert.Contains("噪音扰民", data);
        Assert.DoesNotContain("小明", data);
        Assert.DoesNotContain("example.cn", data);
        Assert.DoesNotContain("12340001", data);
    }

    [Fact]
    public async Task Post_ThenGet_ListsTheRequestWithTheSpecFieldsAndNoPersonalData()
    {
        await using var bed = await Open311Bed.StartAsync();
        using var posted = await bed.PostAsync(NoiseForm());
        var id = (await Open311Bed.JsonAsync(posted))[0].GetProperty("service_request_id").GetString()!;

        // The live state applies the posted event shortly after the append.
        await TestWait.UntilAsync(() => bed.Live.Current.State.Tickets.ContainsKey(Guid.Parse(id)), "the live state has the ticket");
        using var one = await bed.GetAsync($"requests/{id}.json");
        using var list = await bed.GetAsync("requests.json");

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var text = await one.Content.ReadAsStringAsync();
        var request = Assert.Single(JsonDocument.Parse(text).RootElement.EnumerateArray());
        Assert.Equal(id, request.GetProperty("service_request_id").GetString());
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.StartsWith("received:", request.GetProperty("status_notes").GetString());
        Assert.Equal("noise", request.GetProperty("service_code").GetString());
        Assert.Equal("Noise nuisance", request.GetProperty("service_name").GetString());
        Assert.Equal("楼下酒吧深夜噪音扰民", request.GetProperty("description").GetString());
        Assert.Equal("宁海路街道某小区3栋", request.GetProperty("address").GetString());
        Assert.Equal("Ninghailu Street", request.GetProperty("agency_responsible").GetString());
        Assert.Equal("ninghailu", request.GetProperty("street").GetString());
        var requested = DateTimeOffset.Parse(request.GetProperty("requested_datetime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var expected = DateTimeOffset.Parse(request.GetProperty("expected_datetime").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(8), requested.Offset);
        Assert.Equal(TimeSpan.FromDays(1), expected - requested);
        Assert.True(request.TryGetProperty("updated_datetime", out _));
        foreach (var personal in new[] { "小明", "example.cn", "****", "phone", "email", "first_name", "caller" })
            Assert.DoesNotContain(personal, text);
        Assert.Contains(id, await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_KeyInTheQuery_IsAcceptedToo()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.Client.PostAsync($"/open311/v2/requests.json?api_key={Uri.EscapeDataString(bed.Secret)}",
            new FormUrlEncodedContent(NoiseForm()));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithoutKey_Is401AndAppendsNothing()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.PostAsync(NoiseForm(), keyInForm: false);

        await AssertSpecErrorAsync(response, HttpStatusCode.Unauthorized, "api_key is required");
        Assert.Empty(await bed.Factory.MemoryLog.AppendedAsync());
    }

    [Theory]
    [InlineData("service_code", "potholes", "service_code 'potholes' is not a service")]
    [InlineData("service_code", "", "service_code is required")]
    [InlineData("attribute[street]", "玄武门", "is not a street of")]
    [InlineData("description", "", "description is required")]
    [InlineData("address_string", "", "a location is required")]
    public async Task Post_InvalidField_Is400NamingIt(string field, string value, string words)
    {
        await using var bed = await Open311Bed.StartAsync();
        var form = NoiseForm();
        form[field] = value;

        using var response = await bed.PostAsync(form);

        await AssertSpecErrorAsync(response, HttpStatusCode.BadRequest, words);
        Assert.Empty(await bed.Factory.MemoryLog.AppendedAsync());
    }

    [Fact]
    public async Task Post_JsonBody_Is400AskingForAForm()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.Client.PostAsync($"/open311/v2/requests.json?api_key={Uri.EscapeDataString(bed.Secret)}",
            new StringContent("{\"service_code\":\"noise\"}", System.Text.Encoding.UTF8, "application/json"));

        await AssertSpecErrorAsync(response, HttpStatusCode.BadRequest, "form-encoded");
    }

    [Fact]
    public async Task Post_CoordinatesOnly_AreListedBackAsLatAndLong()
    {
        await using var bed = await Open311Bed.StartAsync();
        var form = NoiseForm();
        form.Remove("address_string");
        form["lat"] = "32.0603";
        form["long"] = "118.7969";
        form["attribute[street]"] = "320106001000";

        using var posted = await bed.PostAsync(form);
        var id = Guid.Parse((await Open311Bed.JsonAsync(posted))[0].GetProperty("service_request_id").GetString()!);
        await TestWait.UntilAsync(() => bed.Live.Current.State.Tickets.ContainsKey(id), "the live state has the ticket");
        using var response = await bed.GetAsync($"requests/{id}.json");

        var request = (await Open311Bed.JsonAsync(response))[0];
        Assert.Equal(32.0603, request.GetProperty("lat").GetDouble(), 6);
        Assert.Equal(118.7969, request.GetProperty("long").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, request.GetProperty("address").ValueKind);
        Assert.Equal("ninghailu", request.GetProperty("street").GetString());
    }

    [Fact]
    public async Task Get_UnknownId_Is404InTheSpecErrorFormat()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var unknown = await bed.GetAsync($"requests/{Guid.NewGuid()}.json");
        using var malformed = await bed.GetAsync("requests/12345.json");

        await AssertSpecErrorAsync(unknown, HttpStatusCode.NotFound, "not found");
        await AssertSpecErrorAsync(malformed, HttpStatusCode.NotFound, "not found");
    }

    [Fact]
    public async Task Get_OtherResource_AnswersInTheSpecErrorFormat()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var other = await bed.GetAsync("discovery.json");

        await AssertSpecErrorAsync(other, HttpStatusCode.NotFound, "no such");
    }
}
