// One cluster on two shared cores, and one test stops and restarts it: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
