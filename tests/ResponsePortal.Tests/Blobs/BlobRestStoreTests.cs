using Azure;
using Azure.Core;
using ResponsePortal.Blobs;
using ResponsePortal.Blobs.Rest;
using ResponsePortal.Tests.Emulators;

namespace ResponsePortal.Tests.Blobs;

/// <summary>The blob contract over Blob REST with Shared Key, against azurite.</summary>
[Collection(AzuriteGroup.Name)]
public sealed class BlobRestStoreTests(Azurite azurite) : BlobStoreContract
{
    private BlobRestStore? _rest;

    protected override async Task<IBlobStore> CreateStoreAsync()
    {
        _rest = await azurite.NewStoreAsync();
        // Containers are shared by the tests of this class: start each test empty.
        foreach (var container in BlobContainers.All)
        {
            foreach (var entry in await _rest.ListAsync(container, "", None))
            {
                await _rest.DeleteAsync(container, entry.Name, None);
            }
        }

        return _rest;
    }

    [Fact]
    public async Task A_wrong_key_is_refused_by_the_service()
    {
        var wrong = BlobRestStore.WithSharedKey(azurite.ServiceUri, Azurite.AccountName, Convert.ToBase64String(new byte[64]));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => wrong.GetAsync(BlobContainers.Attachments, "x.pdf", None));

        Assert.Equal(403, error.Status);
    }

    [Fact]
    public async Task Creating_the_containers_twice_is_fine()
    {
        await _rest!.CreateContainersAsync(BlobContainers.All, None);
        await _rest.CreateContainersAsync(BlobContainers.All, None);
    }

    [Fact]
    public void The_string_to_sign_follows_the_shared_key_rules()
    {
        // Hand-built from the documented format: empty Date line, x-ms-* headers sorted and lower-cased,
        // resource = /account + path, then query parameters sorted, lower-cased names, decoded values.
        var pipeline = Azure.Core.Pipeline.HttpPipelineBuilder.Build(new TestOptions());
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        message.Request.Uri.Reset(new Uri("http://127.0.0.1:10000/devstoreaccount1/attachments?restype=container&Comp=list&prefix=a%2Fb"));
        message.Request.Headers.SetValue("x-ms-version", "2021-08-06");
        message.Request.Headers.SetValue("X-MS-Date", "Sat, 21 Nov 2026 10:00:00 GMT");
        message.Request.Headers.SetValue("Content-Type", "application/pdf");
        message.Request.Content = RequestContent.Create(new byte[3]);

        var text = SharedKeyPolicy.StringToSign(message.Request, "devstoreaccount1");

        Assert.Equal(
            "PUT\n\n\n3\n\napplication/pdf\n\n\n\n\n\n\n" +
            "x-ms-date:Sat, 21 Nov 2026 10:00:00 GMT\nx-ms-version:2021-08-06\n" +
            "/devstoreaccount1/devstoreaccount1/attachments\ncomp:list\nprefix:a/b\nrestype:container",
            text);
    }

    private sealed class TestOptions : ClientOptions;
}
