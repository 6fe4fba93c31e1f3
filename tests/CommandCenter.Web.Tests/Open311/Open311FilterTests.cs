using System.Net;
using System.Text.Json;
using CommandCenter.Core.Events;

namespace CommandCenter.Web.Tests.Open311;

/// <summary>GET requests.json's filters over tickets the hotline produced, and the open/closed mapping.</summary>
public sealed class Open311FilterTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>A recent open noise ticket, a closed property ticket (assigned, answered, verified, closed), an assigned one, and a noise ticket of 120 days ago.</summary>
    private sealed record Seeded(Guid Noise, Guid Closed, Guid Assigned, Guid Old);

    private static async Task<Seeded> SeedAsync(Open311Bed bed)
    {
        var seeded = new Seeded(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Dictionary<string, string> Received(Guid id, string category, DateTimeOffset at, string street = "ninghailu") =>
            Open311Bed.Event(new TicketReceived(id, "12345", category, $"{category} 诉求", "138****0000", at.AddDays(3), "某小区"), at, street);
        var closedAt = Now.AddHours(-5);
        await bed.AppendAsync(
            Received(seeded.Old, "噪音扰民", Now.AddDays(-120)),
            Received(seeded.Closed, "物业管理", Now.AddHours(-10)),
            Open311Bed.Event(new TicketAssigned(seeded.Closed, "livelihood"), closedAt.AddHours(1)),
            Open311Bed.Event(new TicketFeedback(seeded.Closed, "电梯已修复"), closedAt.AddHours(2)),
            Open311Bed.Event(new TicketVerified(seeded.Closed, "市民表示问题已解决"), closedAt.AddHours(3)),
            Open311Bed.Event(new TicketClosed(seeded.Closed), closedAt.AddHours(4)),
            Received(seeded.Assigned, "市容环境", Now.AddHours(-3), "hunanlu"),
            Open311Bed.Event(new TicketAssigned(seeded.Assigned, "city-management"), Now.AddHours(-2), "hunanlu"),
            Received(seeded.Noise, "噪音扰民", Now.AddHours(-1)));
        Assert.Equal(4, bed.Live.Current.State.Tickets.Count);
        return seeded;
    }

    private static async Task<List<JsonElement>> ListAsync(Open311Bed bed, string query)
    {
        using var response = await bed.GetAsync("requests.json", query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Open311Bed.JsonAsync(response)).EnumerateArray()];
    }

    private static List<string> Ids(List<JsonElement> requests) => [.. requests.Select(r => r.GetProperty("service_request_id").GetString()!)];

    [Fact]
    public async Task List_NoFilters_IsTheLast90DaysNewestFirst()
    {
        await using var bed = await Open311Bed.StartAsync();
        var s = await SeedAsync(bed);

        var ids = Ids(await ListAsync(bed, ""));

        Assert.Equal([s.Noise.ToString(), s.Assigned.ToString(), s.Closed.ToString()], ids);
    }

    [Fact]
    public async Task List_ServiceRequestIds_ReturnsThoseWhateverTheOtherFilters()
    {
        await using var bed = await Open311Bed.StartAsync();
        var s = await SeedAsync(bed);

        var ids = Ids(await ListAsync(bed, $"&service_request_id={s.Old},{s.Closed}&status=open"));

        Assert.Equal([s.Closed.ToString(), s.Old.ToString()], ids);
    }

    [Fact]
    public async Task List_ServiceCode_KeepsThatCategory()
    {
        await using var bed = await Open311Bed.StartAsync();
        var s = await SeedAsync(bed);

        var requests = await ListAsync(bed, "&service_code=property-management");

        var request = Assert.Single(requests);
        Assert.Equal(s.Closed.ToString(), request.GetProperty("service_request_id").GetString());
        Assert.Equal("Property management", request.GetProperty("service_name").GetString());
    }

    [Fact]
    public async Task List_DateRange_ReachesOlderRequests()
    {
        await using var bed = await Open311Bed.StartAsync();
        var s = await SeedAsync(bed);
        string W3c(DateTimeOffset at) => Uri.EscapeDataString(at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));

        var old = Ids(await ListAsync(bed, $"&start_date={W3c(Now.AddDays(-130))}&end_date={W3c(Now.AddDays(-100))}&service_code=noise"));
        var recent = Ids(await ListAsync(bed, $"&start_date={W3c(Now.AddHours(-4))}"));

        Assert.Equal([s.Old.ToString()], old);
        Assert.Equal([s.Noise.ToString(), s.Assigned.ToString()], recent);
    }

    [Fact]
    public async Task List_Status_MapsTheLoopToOpenAndClosed()
    {
        await using var bed = await Open311Bed.StartAsync();
        var s = await SeedAsync(bed);

        var closed = Assert.Single(await ListAsync(bed, "&status=closed"));
        var open = await ListAsync(bed, "&status=open");
        var both = await ListAsync(bed, "&status=open,closed");

        Assert.Equal(s.Closed.ToString(), closed.GetProperty("service_request_id").GetString());
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.StartsWith("closed:", closed.GetProperty("status_notes").GetString());
        Assert.Equal("Ninghailu Street Livelihood Security", closed.GetProperty("agency_responsible").GetString());
        Assert.Equal([s.Noise.ToString(), s.Assigned.ToString()], Ids(open));
        Assert.All(open, r => Assert.Equal("open", r.GetProperty("status").GetString()));
        var assigned = open.Single(r => r.GetProperty("service_request_id").GetString() == s.Assigned.ToString());
        Assert.Equal("assigned: Hunanlu Street City Management", assigned.GetProperty("status_notes").GetString());
        Assert.Equal("Hunanlu Street City Management", assigned.GetProperty("agency_responsible").GetString());
        Assert.Equal(3, both.Count);
    }

    [Fact]
    public async Task List_Limit_CapsTheNewest()
    {
        await using var bed = await Open311Bed.StartAsync();
        var s = await SeedAsync(bed);

        Assert.Equal([s.Noise.ToString()], Ids(await ListAsync(bed, "&limit=1")));
    }

    [Theory]
    [InlineData("&status=pending", "status 'pending' is not open or closed")]
    [InlineData("&service_code=potholes", "service_code 'potholes' is not a service")]
    [InlineData("&start_date=yesterday", "start_date 'yesterday' is not a W3C date-time")]
    [InlineData("&service_request_id=abc", "service_request_id 'abc' is not a request id")]
    [InlineData("&limit=5000", "limit '5000'")]
    [InlineData("&start_date=2026-11-20T00:00:00Z&end_date=2026-11-01T00:00:00Z", "start_date is after end_date")]
    [InlineData("&jurisdiction_id=nanjing", "jurisdiction_id 'nanjing' is not served here")]
    public async Task List_InvalidFilter_AnswersInTheSpecErrorFormat(string query, string words)
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.GetAsync("requests.json", query);

        var error = Assert.Single((await Open311Bed.JsonAsync(response)).EnumerateArray());
        var expected = query.StartsWith("&jurisdiction_id", StringComparison.Ordinal) ? 404 : 400;
        Assert.Equal(expected, (int)response.StatusCode);
        Assert.Equal(expected, error.GetProperty("code").GetInt32());
        Assert.Contains(words, error.GetProperty("description").GetString());
    }
}
