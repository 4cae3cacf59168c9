using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ResponsePortal.Mail;

namespace ResponsePortal.Pages.Admin;

/// <summary>
/// /admin/mail: what the pickup folder holds (subject, recipient, time), newest first; /admin/mail/{key}: one mail's
/// text. Admins only (the folder's "Admin" policy): the mails carry personal data and single-use answer links.
/// </summary>
public sealed class MailModel(PickupFolderMailSender pickup, IOptions<SmtpOptions> smtp) : PageModel
{
    public const int MaxListed = 200;

    public IReadOnlyList<PickupMail> Mails { get; private set; } = [];

    /// <summary>The one mail shown when the URL names a key.</summary>
    public PickupMail? Selected { get; private set; }

    public string? Key { get; private set; }

    /// <summary>Set when mail goes out by SMTP, so the folder is not where current mail is.</summary>
    public string? SmtpHost => string.IsNullOrWhiteSpace(smtp.Value.Host) ? null : smtp.Value.Host;

    public IActionResult OnGet(string? key)
    {
        Key = key;
        if (key is not null)
        {
            Selected = PickupMailReader.Find(pickup.Folder, key);
            if (Selected is null)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
            }

            return Page();
        }

        Mails = PickupMailReader.List(pickup.Folder, MaxListed);
        return Page();
    }
}
