using CommandCenter.Infrastructure.Database;
using CommandCenter.Web.Localization;

namespace CommandCenter.Web.Health;

/// <summary>
/// While the database is not ready (locked, full or unreachable at start), every request but /healthz and static
/// files answers 503 with a plain reason and a Retry-After, instead of failing deep inside a page.
/// </summary>
internal static class DatabaseReadinessGate
{
    public static IApplicationBuilder UseDatabaseReadinessGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var readiness = context.RequestServices.GetRequiredService<DatabaseReadiness>();
        if (readiness.IsReady || context.Request.Path.StartsWithSegments("/healthz"))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(UiText.Local("数据库暂不可用，系统正在自动重试。") + "\n");
    });
}
