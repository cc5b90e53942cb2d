return await Mooc.Perf.Cli.PerfCommand.RunAsync(args);
