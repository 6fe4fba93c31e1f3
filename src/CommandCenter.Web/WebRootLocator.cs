namespace CommandCenter.Web;

/// <summary>
/// Finds the web root (docs/decisions/0002): the <c>WebRoot</c> setting if given, else the nearest <c>wwwroot/</c>
/// holding <c>css/app.css</c>, looking up from the app's base directory, then from the current directory.
/// </summary>
public static class WebRootLocator
{
    public const string SettingKey = "WebRoot";
    private const string Marker = "css/app.css";

    public static string Resolve(IConfiguration configuration) =>
        configuration[SettingKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : FindUpwards(AppContext.BaseDirectory) ?? FindUpwards(Directory.GetCurrentDirectory())
              ?? throw new InvalidOperationException(
                  $"No web root found: no wwwroot/{Marker} above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}; set '{SettingKey}'.");

    internal static string? FindUpwards(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "wwwroot");
            if (File.Exists(Path.Combine(candidate, Marker))) return candidate;
        }
        return null;
    }
}
