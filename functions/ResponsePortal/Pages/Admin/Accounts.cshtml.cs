using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Accounts;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Admin;

/// <summary>/admin/accounts: admins invite authorities and cluster managers (or change an existing account's role).</summary>
[Authorize(Policy = PortalPolicies.Admin)]
public sealed class AccountsModel(IAccountStore accounts, SignInLinks links, TimeProvider time) : PageModel
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

    public async Task OnGetAsync(string? invited, CancellationToken cancellationToken)
    {
        InvitedEmail = invited;
        All = await accounts.ListAsync(cancellationToken);
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
        await accounts.UpsertAsync(new Accounts.Account(SqliteNormalise(email!), role.Value, role == PortalRole.ClusterManager ? cluster : null,
            string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(), time.GetUtcNow(), inviter), cancellationToken);
        await links.RequestAsync(email!, $"{Request.Scheme}://{Request.Host}{Request.PathBase}", PortalLanguage.From(HttpContext), cancellationToken);
        return Redirect("/admin/accounts?invited=" + Uri.EscapeDataString(email!));
    }

    private static string SqliteNormalise(string email) => email.Trim().ToLowerInvariant();
}
