using System.Net;
using System.Net.Http.Json;
using CommandCenter.Web.Live;
using CommandCenter.Web.Tests.Fakes;
using CommandCenter.Web.Tests.Hosting;
using CommandCenter.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Web.Tests.Whistles;

/// <summary>An export carries text as people wrote it, but for the personal numbers in it.</summary>
public sealed class WhistleExportTextTests
{
    [Fact]
    public async Task Export_WhistleTitleWithAPhoneAndAnIdCard_IsMasked()
    {
        await using var factory = new WallAppFactory();
        using var director = await factory.SignedInClientAsync("director.ninghailu");
        var id = Guid.NewGuid();
        using var blown = await director.PostAsJsonAsync("/api/v1/commands", new
        {
            type = "whistle.blown", street = "ninghailu",
            data = new
            {
                whistleId = id, level = "work-advance", title = "业主0086 139 1234 0001反映管线迁移，证件320106199001011234",
                departments = new[] { "chengguan" }, reportDueAt = DateTimeOffset.UtcNow.AddHours(4),
            },
        });
        Assert.True(blown.StatusCode == HttpStatusCode.Accepted, await blown.Content.ReadAsStringAsync());
        var live = factory.Services.GetRequiredService<LiveState>();
        await TestWait.UntilAsync(() => live.Current.State.Whistles.ContainsKey(id), "the whistle reaches the live state");

        var export = await director.GetStringAsync("/api/v1/export/whistles.csv");

        Assert.Contains("业主139****0001反映管线迁移，证件3201**********1234", export);
        Assert.DoesNotContain("1234 0001", export);
    }
}
