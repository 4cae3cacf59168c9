using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Pipeline;

namespace ResponsePortal.Pages.Admin;

/// <summary>
/// /admin/dead-letters: work the pipeline gave up on (docs/pipeline.md, "Work queue"), each with retry and discard.
/// Admins only: the folder is authorized with the "Admin" policy (see PagesSetup). Actions are POSTs that redirect back
/// (post/redirect/get), so reloading the page repeats nothing. In Azure mode there is no local queue (Service Bus holds
/// the messages and their dead-letter subqueues), so the page says where to look instead of failing.
/// </summary>
public sealed class DeadLettersModel(IServiceProvider services) : PageModel
{
    private readonly IWorkLeases? _leases = services.GetService<IWorkLeases>();

    /// <summary>False in Azure mode: the queues are Service Bus's.</summary>
    public bool HasLocalQueue => _leases is not null;

    public IReadOnlyList<DeadWork> Items { get; private set; } = [];

    public long Pending { get; private set; }

    /// <summary>What the last action did: "retried", "discarded" or "gone", with <see cref="DoneId"/>.</summary>
    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    [BindProperty(SupportsGet = true, Name = "item")]
    public long? DoneId { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (_leases is null)
        {
            return;
        }

        Items = await _leases.ListDeadAsync(cancellationToken);
        Pending = (await _leases.CountPendingAsync(cancellationToken)).Values.Sum();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken) =>
        After(id, _leases is not null && await _leases.RetryDeadAsync(id, cancellationToken) ? "retried" : "gone");

    public async Task<IActionResult> OnPostDiscardAsync(long id, CancellationToken cancellationToken) =>
        After(id, _leases is not null && await _leases.DiscardDeadAsync(id, cancellationToken) ? "discarded" : "gone");

    private RedirectToPageResult After(long id, string done) => RedirectToPage(new { done, item = id });
}
