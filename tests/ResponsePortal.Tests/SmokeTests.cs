namespace ResponsePortal.Tests;
public class SmokeTests { [Fact] public void Works() => Assert.Equal(0, ResponsePortal.Allocation.Placeholder.Zero); }
