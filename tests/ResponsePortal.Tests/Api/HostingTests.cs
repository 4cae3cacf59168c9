using System.Net;
using ResponsePortal.Tests.Support;

namespace ResponsePortal.Tests.Api;

public sealed class HostingTests : PortalTest
{
    [Fact]
    public async Task Form_keys_are_kept_in_the_data_directory_so_open_forms_survive_a_restart()
    {
        var form = await Client.GetAsync("/offers/new");

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var keys = Directory.GetFiles(Path.Combine(Portal.DataDirectory, "keys"), "key-*.xml");
        Assert.NotEmpty(keys);
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_not_a_server_error()
    {
        var response = await Client.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
