namespace CommandCenter.Web.Tests.Fakes;

internal static class RepoPaths
{
    /// <summary>The checkout's root: the first folder above the test binaries that holds CommandCenter.sln.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("CommandCenter.sln not found above the test binaries");
    }
}
