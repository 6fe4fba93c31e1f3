using System.Runtime.CompilerServices;
using Bunit;

namespace CommandCenter.Web.Tests.Fakes;

/// <summary>
/// How long bunit's WaitFor* give a page, set once for the assembly. Its default (1 s) failed a passing test on a
/// busy 2-core CI machine: the Playwright tests' browsers and servers share the thread pool, and a wait's check never
/// got to run ("Check count: 0"). A wait ends as soon as its condition holds, so a longer ceiling costs nothing when
/// the page is right (so no test sets a ceiling of its own); more minimum threads let a check run while other tests block theirs.
/// </summary>
internal static class BunitWaits
{
    [ModuleInitializer]
    internal static void Configure()
    {
        BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 8), io);
    }
}
