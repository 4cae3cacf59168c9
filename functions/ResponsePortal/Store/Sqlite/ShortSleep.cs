using System.Runtime.InteropServices;

namespace ResponsePortal.Store.Sqlite;

/// <summary>
/// Sleeps for less than a millisecond where the system can: <see cref="Thread.Sleep(TimeSpan)"/> counts whole milliseconds
/// (a shorter span becomes a yield), and the writer's linger (<see cref="GroupCommitWriter"/>) looks for new writes every
/// 150 µs. Linux and macOS sleep with <c>nanosleep</c>; elsewhere the sleep rounds up to one millisecond.
/// </summary>
internal static class ShortSleep
{
    public static void For(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        if (duration < TimeSpan.FromMilliseconds(1) && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            var request = new TimeSpec { Seconds = 0, Nanoseconds = (nint)(duration.Ticks * 100) };
            // An interrupted sleep (EINTR) returns early: a shorter linger is harmless, so the result is not checked.
            _ = NanoSleep(ref request, IntPtr.Zero);
            return;
        }

        Thread.Sleep(duration < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : duration);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    // DllImport rather than LibraryImport: the struct is blittable, so no marshalling code is generated either way, and
    // LibraryImport would need unsafe code enabled for the whole app.
    [DllImport("libc", EntryPoint = "nanosleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NanoSleep(ref TimeSpec request, IntPtr remaining);
}
