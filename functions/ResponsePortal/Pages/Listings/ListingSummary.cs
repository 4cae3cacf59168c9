using ResponsePortal.Listings;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Listings;

/// <param name="ShowContact">Only for the poster (management page): email and phone are never public.</param>
public sealed record ListingSummary(Listing Listing, bool ShowContact);

/// <summary>Status words and their tag style, shared by the details, browse and management pages.</summary>
public static class ListingStatusView
{
    public static UiText Label(ListingStatus status) => status switch
    {
        ListingStatus.Open => Texts.StatusOpen,
        ListingStatus.Withdrawn => Texts.StatusWithdrawn,
        _ => Texts.StatusExpired,
    };
}
