using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Mail;

namespace ResponsePortal.Pages.Admin;

/// <summary>
/// /admin/mail: the mail archive (subject, recipient, time), newest first; /admin/mail/{key}: one mail's text. Reads
/// the archive in blob storage rather than the pickup folder, so it shows SMTP mail too and works on Azure. Admins only
/// (the folder's "Admin" policy): the mails carry personal data and single-use answer links.
/// </summary>
public sealed class MailModel(MailArchive archive, IConfiguration configuration) : PageModel
{
    public const int MaxListed = 200;

    public IReadOnlyList<PickupMail> Mails { get; private set; } = [];

    /// <summary>The one mail shown when the URL names a key.</summary>
    public PickupMail? Selected { get; private set; }

    public string? Key { get; private set; }

    /// <summary>Days a mail stays in the archive (0: for ever; null: the setting is not a number, and the sweep says so in the log).</summary>
    public int? RetentionDays => Housekeeping.BlobRetention.MailDays(configuration);

    public async Task<IActionResult> OnGetAsync(string? key, CancellationToken cancellationToken)
    {
        Key = key;
        if (key is not null)
        {
            Selected = await archive.FindAsync(key, cancellationToken);
            if (Selected is null)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
            }

            return Page();
        }

        Mails = await archive.ListAsync(MaxListed, cancellationToken);
        return Page();
    }
}
