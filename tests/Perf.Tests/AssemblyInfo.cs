// Latency assertions need the two cores to themselves: run the test classes one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
