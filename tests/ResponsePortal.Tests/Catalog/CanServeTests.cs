using ResponsePortal.Catalog;

namespace ResponsePortal.Tests.Catalog;

public class CanServeTests
{
    private static readonly PortalCatalog Catalog = PortalCatalog.Load();

    [Theory]
    [InlineData("ppe-mask-ffp2", "ppe-mask-ffp2", true)]
    [InlineData("ppe-mask-ffp3", "ppe-mask-ffp2", true)]
    [InlineData("ppe-mask-ffp2", "ppe-mask-ffp3", false)]
    [InlineData("ppe-mask-ffp2", "ppe-mask-ffp1", true)]
    [InlineData("ppe-mask-ffp3", "ppe-mask-ffp1", true)]
    [InlineData("ppe-mask-ffp1", "ppe-mask-ffp2", false)]
    // Surgical masks protect the patient from the wearer (and Type IIR against splashes); FFP masks, often valved, do not promise that.
    [InlineData("ppe-mask-ffp2", "ppe-mask-surgical", false)]
    [InlineData("ppe-mask-surgical", "ppe-mask-ffp2", false)]
    [InlineData("ppe-coverall", "ppe-gown", true)]
    [InlineData("ppe-gown", "ppe-coverall", false)]
    [InlineData("staff-medical", "staff-care-assistance", true)]
    [InlineData("staff-care-assistance", "staff-medical", false)]
    [InlineData("no-such-category", "ppe-mask-ffp2", false)]
    [InlineData("no-such-category", "no-such-category", false)]
    public void CanServe_follows_the_substitute_lists(string offerCategory, string requestCategory, bool expected) =>
        Assert.Equal(expected, Catalog.CanServe(offerCategory, requestCategory));

    [Fact]
    public void SubstitutesByRequestCategory_has_the_allocation_scenario_shape()
    {
        Assert.Equal(["ppe-mask-ffp3"], Catalog.SubstitutesByRequestCategory["ppe-mask-ffp2"]);
        Assert.Equal(["ppe-mask-ffp2", "ppe-mask-ffp3"], Catalog.SubstitutesByRequestCategory["ppe-mask-ffp1"]);
        // No key when there is no substitute, as the scenario format says ("Missing key: no substitutes").
        Assert.False(Catalog.SubstitutesByRequestCategory.ContainsKey("ppe-mask-ffp3"));
        Assert.All(Catalog.SubstitutesByRequestCategory, pair => Assert.NotEmpty(pair.Value));
    }
}
