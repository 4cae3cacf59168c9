using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Accounts;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Admin;

/// <summary>
/// /admin/accounts: admins invite authorities and cluster managers (or change an existing account's role), and remove
/// someone's access. Removal refuses the admin's own account (nobody locks themselves out) and admins from Portal:Admins
/// (the next start would bring them back, so the page would have lied).
/// </summary>
[Authorize(Policy = PortalPolicies.Admin)]
public sealed class AccountsModel(IAccountStore accounts, SignInLinks links, TimeProvider time, IConfiguration configuration) : PageModel
{
    public IReadOnlyList<Accounts.Account> All { get; private set; } = [];

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Cluster { get; set; }

    public List<UiText> Errors { get; } = [];

    public string? InvitedEmail { get; private set; }

    /// <summary>After a removal (post/redirect/get): whose access was removed, or who was already gone.</summary>
    public string? RemovedEmail { get; private set; }

    public string? GoneEmail { get; private set; }

    /// <summary>The signed-in admin: their own row has no remove button.</summary>
    public string? ViewerEmail => Viewer.From(User)?.Email is { } email ? AccountEmails.Normalise(email) : null;

    public async Task OnGetAsync(string? invited, string? removed, string? gone, CancellationToken cancellationToken)
    {
        InvitedEmail = invited;
        RemovedEmail = removed;
        GoneEmail = gone;
        All = await accounts.ListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(string? account, CancellationToken cancellationToken)
    {
        var email = AccountEmails.Normalise(account ?? "");
        if (email.Length == 0)
        {
            return Redirect("/admin/accounts");
        }

        if (email == ViewerEmail)
        {
            Errors.Add(Texts.CannotRemoveSelf);
        }
        else if (AccountsSetup.ConfiguredAdminEmails(configuration).Contains(email))
        {
            Errors.Add(Texts.CannotRemoveConfigured.With(email));
        }

        if (Errors.Count > 0)
        {
            All = await accounts.ListAsync(cancellationToken);
            return Page();
        }

        var removed = await accounts.RemoveAsync(email, cancellationToken);
        return Redirect($"/admin/accounts?{(removed ? "removed" : "gone")}={Uri.EscapeDataString(email)}");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var email = Email?.Trim();
        var role = RoleCodes.Parse(Role);
        var cluster = string.IsNullOrWhiteSpace(Cluster) ? null : Cluster.Trim();
        if (!AddAdminCommand.IsEmail(email))
        {
            Errors.Add(Texts.EmailInvalid);
        }

        if (role == PortalRole.ClusterManager && cluster is null)
        {
            Errors.Add(Texts.ClusterRequired);
        }

        if (Errors.Count > 0 || role is null)
        {
            All = await accounts.ListAsync(cancellationToken);
            return Page();
        }

        var inviter = Viewer.From(User)?.Email;
        await accounts.UpsertAsync(new Accounts.Account(AccountEmails.Normalise(email!), role.Value, role == PortalRole.ClusterManager ? cluster : null,
            string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(), time.GetUtcNow(), inviter), cancellationToken);
        await links.RequestAsync(email!, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", PortalLanguage.From(HttpContext), cancellationToken);
        return Redirect("/admin/accounts?invited=" + Uri.EscapeDataString(email!));
    }
}
