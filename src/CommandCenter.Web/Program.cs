using CommandCenter.Infrastructure;
using CommandCenter.Infrastructure.Simulation;
using CommandCenter.Web;
using CommandCenter.Web.Account;
using CommandCenter.Web.Api;
using CommandCenter.Web.Health;
using CommandCenter.Web.Hubs;
using CommandCenter.Web.Kiosk;
using CommandCenter.Web.Localization;
using CommandCenter.Web.Metrics;
using CommandCenter.Web.Open311;
using CommandCenter.Web.Security;
using CommandCenter.Web.Shared;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddCommandCenterLocalization();
builder.Services.AddCommandCenterInfrastructure(builder.Configuration);
builder.Services.AddDistrictSimulator(builder.Configuration, enabledByDefault: builder.Configuration.IsEmbeddedMode());
builder.Services.AddCommandCenterWeb(builder.Configuration);
builder.Services.AddCommandCenterSecurity(builder.Configuration, builder.Environment);

var app = builder.Build();

app.UseProductionHosting();
if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseSecurityHeaders();
app.UsePlainStatusCodesForApis();

// The top-level wwwroot/ (docs/decisions/0002); MapStaticAssets serves the framework's and MudBlazor's assets.
// Static files are public (they hold no data); everything after routing denies by default (Security/Policies).
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(WebRootLocator.Resolve(app.Configuration)) });
app.UseCommandCenterLocalization();
app.UseDatabaseReadinessGate();
app.UseRouting();
app.UseOriginCheck();
app.UseKioskLinks();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();
app.MapStaticAssets().AllowAnonymous();

app.MapGet("/", () => Results.Redirect("/wall"));
app.MapHealth();
app.MapMetrics();
app.MapAccount();
app.MapCommandCenterApi();
app.MapOpen311();
app.MapHub<LiveHub>(LiveHub.Path).RequireAuthorization(Policies.LiveHub);
// One frame-ancestors rule, the security headers' own, rather than the framework's second, looser header.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

public partial class Program;
