using System.CommandLine;
using CommandCenter.Cli.Operations;
using CommandCenter.Cli.Produce;
using CommandCenter.Cli.Security;
using CommandCenter.Cli.Simulate;

// `cc`: the command line of CommandCenter. It reads the same configuration as the app (appsettings.json in the
// current directory, then environment variables such as EventLog__Provider and ConnectionStrings__Redis).
var root = new RootCommand("CommandCenter command line (鼓楼区社会治理指挥中心)")
{
    ProduceCommand.Create(),
    SimulateCommand.Create(),
    UsersCommand.Create(),
    ApiKeyCommand.Create(),
    KioskCommand.Create(),
    VerifyCommand.Create(),
    DeadLettersCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
