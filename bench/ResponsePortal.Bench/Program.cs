if (args.Length > 0 && args[0] == "store") return await ResponsePortal.Bench.StoreBench.RunAsync(args);
Console.WriteLine("bench");
return 0;
