namespace CommandCenter.Benchmarks;

/// <summary>
/// What the benchmarks' Markdown reports share: the machine they ran on, and the notes a person wrote under the
/// generated part, which a new run keeps. Each report ends its generated part with a marker line; everything from
/// the marker on is copied from the old file into the new one.
/// </summary>
internal static class ReportFile
{
    /// <summary>"2 cores (Intel(R) Xeon(R) Processor), 23 GiB, Debian GNU/Linux 12 (bookworm)": figures move with the CPU, so the model is named.</summary>
    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, "
            + System.Runtime.InteropServices.RuntimeInformation.OSDescription;
    }

    /// <summary>
    /// Writes <paramref name="generated"/> to <paramref name="path"/>, followed by the marker and whatever stood
    /// from the marker on in the file before (only the marker when the file had none).
    /// </summary>
    public static async Task WriteKeepingNotesAsync(string path, string generated, string marker)
    {
        var old = File.Exists(path) ? await File.ReadAllTextAsync(path) : "";
        var at = old.IndexOf(marker, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, generated + Environment.NewLine + (at < 0 ? marker + Environment.NewLine : old[at..]));
    }
}
