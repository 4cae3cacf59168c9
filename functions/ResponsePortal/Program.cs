// `allocate <scenario.json>`: the "what if" command for authorities; runs the engine without starting the web host.
if (args.Length >= 1 && args[0] == "allocate")
{
    return ResponsePortal.Allocation.AllocateCommand.RunFile(args.Length > 1 ? args[1] : null, Console.OpenStandardOutput(), Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/healthz", () => "ok");
app.Run();
return 0;

public partial class Program;
