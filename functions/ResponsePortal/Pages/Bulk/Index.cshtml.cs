using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResponsePortal.Accounts;
using ResponsePortal.BulkPosting;
using ResponsePortal.Web;

namespace ResponsePortal.Pages.Bulk;

/// <summary>/bulk: the upload form. Limits are checked here, before anything is stored; the rows are posted in the background.</summary>
[Authorize(Policy = PortalPolicies.BulkPosting)]
[RequestSizeLimit(BulkPostingEndpoints.MaxBytes * 4)]
[RequestFormLimits(MultipartBodyLengthLimit = BulkPostingEndpoints.MaxBytes * 4)]
public sealed class IndexModel(IBulkUploadStore store, BulkProcessor processor, TimeProvider time) : PageModel
{
    public IReadOnlyList<BulkUpload> Recent { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Recent = await store.ListForAccountAsync(Viewer.From(User)!.Email, cancellationToken);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var viewer = Viewer.From(User)!;
        var language = PortalLanguage.From(HttpContext);
        Error = await CheckAsync(file, language, cancellationToken) is { } problem ? problem : null;
        if (Error is not null)
        {
            Recent = await store.ListForAccountAsync(viewer.Email, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var upload = new BulkUpload(id, viewer.Email, viewer.ClusterScope, Path.GetFileName(file!.FileName), _hash!, language, BulkStates.Queued,
            _rows, 0, 0, 0, 0, [], time.GetUtcNow(), null);
        await store.CreateAsync(upload, _content!, cancellationToken);
        processor.Enqueue(id);
        return Redirect("/bulk/" + id);
    }

    private byte[]? _content;
    private string? _hash;
    private int _rows;

    private async Task<string?> CheckAsync(IFormFile? file, string language, CancellationToken cancellationToken)
    {
        const int kib = BulkPostingEndpoints.MaxBytes / 1024;
        if (file is null || file.Length == 0)
        {
            return Texts.BulkNoFile.For(language);
        }

        if (file.Length > BulkPostingEndpoints.MaxBytes)
        {
            return Texts.BulkTooLarge.Format(language, kib);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        _content = buffer.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(_content);
        }
        catch (DecoderFallbackException)
        {
            return Texts.BulkNotUtf8.For(language);
        }

        _rows = CsvReader.Read(text).Count() - 1;
        if (_rows > BulkPostingEndpoints.MaxRows)
        {
            return Texts.BulkTooManyRows.Format(language, _rows, BulkPostingEndpoints.MaxRows);
        }

        if (_rows < 1)
        {
            return Texts.BulkNoRows.For(language);
        }

        _hash = Convert.ToHexStringLower(SHA256.HashData(_content));
        return null;
    }
}
