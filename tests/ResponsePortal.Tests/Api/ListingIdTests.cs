using ResponsePortal.Listings;

namespace ResponsePortal.Tests.Api;

public sealed class ListingIdTests
{
    [Fact]
    public void Ids_are_well_formed_and_name_their_side()
    {
        var offer = ListingService.NewId(ListingSide.Offer);
        var request = ListingService.NewId(ListingSide.Request);

        Assert.True(ListingService.IsWellFormedId(offer), offer);
        Assert.True(ListingService.IsWellFormedId(request), request);
        Assert.Equal(ListingSide.Offer, ListingService.SideOf(offer));
        Assert.Equal(ListingSide.Request, ListingService.SideOf(request));
    }

    [Fact]
    public void Ids_sort_like_the_time_they_were_made_so_the_store_appends_them()
    {
        var start = new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);
        var instants = new[] { TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(32),
            TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), TimeSpan.FromDays(3650) };
        var ids = instants.Select(offset => ListingService.NewId(ListingSide.Offer, start + offset)).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.All(ids, id => Assert.True(ListingService.IsWellFormedId(id), id));
    }

    [Fact]
    public void Ids_made_in_the_same_millisecond_still_differ()
    {
        var now = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 10_000).Select(_ => ListingService.NewId(ListingSide.Request, now)).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Single(ids.Select(id => id[..10]).Distinct());
    }
}
