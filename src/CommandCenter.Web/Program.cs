using CommandCenter.Infrastructure;
using CommandCenter.Infrastructure.Simulation;
using CommandCenter.Web;
using CommandCenter.Web.Components;
using CommandCenter.Web.Health;
using CommandCenter.Web.Hubs;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddCommandCenterInfrastructure(builder.Configuration);
builder.Services.AddDistrictSimulator(builder.Configuration, enabledByDefault: builder.Configuration.IsEmbeddedMode());
builder.Services.AddCommandCenterWeb(builder.Configuration);

var app = builder.Build();

if (!app.Environment.IsDevelopment())
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);

// The top-level wwwroot/ (docs/decisions/0002); MapStaticAssets serves the framework's and MudBlazor's assets.
app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(WebRootLocator.Resolve(app.Configuration)) });
app.UseAntiforgery();
app.MapStaticAssets();

app.MapGet("/", () => Results.Redirect("/wall"));
app.MapHealth();
app.MapHub<LiveHub>(LiveHub.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
app.Run();

public partial class Program;
