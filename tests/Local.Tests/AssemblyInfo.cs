// The engine tests share two cores and one Docker engine with everyone else: one at a time keeps them quick and their figures meaningful.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
