using System.Net;
using System.Xml.Linq;
using CommandCenter.Core.EventLog;
using CommandCenter.Core.Events;
using CommandCenter.Web.Tests.Fakes;

namespace CommandCenter.Web.Tests.Open311;

/// <summary>GeoReport v2 as its clients send it: a location, not our street codes; JSON and XML.</summary>
public sealed class Open311LocationTests
{
    private static Dictionary<string, string> Located(params (string Key, string Value)[] location)
    {
        var form = new Dictionary<string, string> { ["service_code"] = "noise", ["description"] = "楼下酒吧深夜噪音扰民，请回电 0086 139 1234 0001" };
        foreach (var (key, value) in location) form[key] = value;
        return form;
    }

    private static async Task<string> StreetOfLastAsync(Open311Bed bed)
    {
        var entries = await bed.Factory.MemoryLog.AppendedAsync(10);
        return Assert.Single(entries).Fields[EnvelopeFields.Street];
    }

    [Fact]
    public async Task Post_OnlyLatLong_RoundTripsInJsonAndXml()
    {
        await using var bed = await Open311Bed.StartAsync();

        // The Yuejianglou street office (WGS-84): inside Gulou, in that street.
        using var posted = await bed.PostAsync(Located(("lat", "32.09026"), ("long", "118.73555")));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var id = (await Open311Bed.JsonAsync(posted))[0].GetProperty("service_request_id").GetString()!;
        Assert.Equal("yuejianglou", await StreetOfLastAsync(bed));

        await TestWait.UntilAsync(() => bed.Live.Current.State.Tickets.ContainsKey(Guid.Parse(id)), "the ticket is live");
        using var json = await bed.GetAsync($"requests/{id}.json");
        var request = (await Open311Bed.JsonAsync(json))[0];
        Assert.Equal(32.09026, request.GetProperty("lat").GetDouble(), 5);
        Assert.Equal(118.73555, request.GetProperty("long").GetDouble(), 5);
        Assert.Equal("yuejianglou", request.GetProperty("street").GetString());
        Assert.Contains("139****0001", request.GetProperty("description").GetString());

        using var xml = await bed.GetAsync($"requests/{id}.xml");
        Assert.Equal(HttpStatusCode.OK, xml.StatusCode);
        Assert.Equal("text/xml", xml.Content.Headers.ContentType?.MediaType);
        var doc = XDocument.Parse(await xml.Content.ReadAsStringAsync());
        var item = Assert.Single(doc.Root!.Elements("request"));
        Assert.Equal("service_requests", doc.Root.Name.LocalName);
        Assert.Equal(id, item.Element("service_request_id")?.Value);
        Assert.Equal("32.09026", item.Element("lat")?.Value);
        Assert.Equal("open", item.Element("status")?.Value);
        Assert.Equal("", item.Element("media_url")?.Value);
        Assert.DoesNotContain("1234 0001", item.Element("description")?.Value);
    }

    [Fact]
    public async Task Post_OnlyAddressInXml_IsFiledAndListedInXml()
    {
        await using var bed = await Open311Bed.StartAsync();
        var form = Located(("address_string", "南京市鼓楼区清凉山社区广州路口"));
        form["api_key"] = bed.Secret;

        using var posted = await bed.Client.PostAsync("/open311/v2/requests.xml", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var created = XDocument.Parse(await posted.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("service_requests", created.Name.LocalName);
        var id = created.Element("request")!.Element("service_request_id")!.Value;
        Assert.NotNull(created.Element("request")!.Element("account_id"));
        Assert.EndsWith($"/requests/{id}.xml", posted.Headers.Location?.ToString());
        Assert.Equal("huaqiaolu", await StreetOfLastAsync(bed));

        await TestWait.UntilAsync(() => bed.Live.Current.State.Tickets.ContainsKey(Guid.Parse(id)), "the ticket is live");
        using var list = await bed.GetAsync("requests.xml", $"&service_request_id={id}");
        var listed = XDocument.Parse(await list.Content.ReadAsStringAsync()).Root!.Element("request")!;
        Assert.Equal("南京市鼓楼区清凉山社区广州路口", listed.Element("address")?.Value);
        Assert.Equal("huaqiaolu", listed.Element("street")?.Value);
    }

    [Fact]
    public async Task Post_StreetAttribute_OverridesTheLocation()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var posted = await bed.PostAsync(Located(("lat", "32.09026"), ("long", "118.73555"), ("attribute[street]", "xiaoshi")));

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal("xiaoshi", await StreetOfLastAsync(bed));
    }

    [Theory]
    [InlineData("NaN", "118.75", "lat 'NaN' is not a finite number")]
    [InlineData("32.06", "Infinity", "long 'Infinity' is not a finite number")]
    [InlineData("95", "118.75", "lat '95' is out of range")]
    [InlineData("31.2304", "121.4737", "is outside 鼓楼区")]
    public async Task Post_UnusableOrOutsideCoordinates_Is400SayingWhy(string lat, string lon, string words)
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.PostAsync(Located(("lat", lat), ("long", lon)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await Open311Bed.JsonAsync(response))[0];
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Contains(words, error.GetProperty("description").GetString());
        Assert.Empty(await bed.Factory.MemoryLog.AppendedAsync(10));
    }

    [Fact]
    public async Task Post_AddressOfAnotherDistrict_Is400NamingIt()
    {
        await using var bed = await Open311Bed.StartAsync();

        using var response = await bed.PostAsync(Located(("address_string", "玄武区珠江路100号")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("玄武区, which is outside 鼓楼区", (await Open311Bed.JsonAsync(response))[0].GetProperty("description").GetString());
    }
}
