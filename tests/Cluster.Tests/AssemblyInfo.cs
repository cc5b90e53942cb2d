// Classes run side by side, each a collection of its own, at most four tests at once: xunit's default
// (conservative) algorithm starts a test only when one of the four has finished, however long the
// running ones wait on the cluster. The class that stops the cluster is in ClusterStopsCollection,
// which runs alone after the others. How a new class fits in: README.md here.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 4)]
