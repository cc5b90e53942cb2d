// How the cluster tests share one cluster on two cores (see README.md here):
// - A test class takes IClassFixture<ClusterFixture> and no [Collection]: each class is a collection
//   of its own, its tests one after the other, beside other classes' tests. It uses names of its own
//   (namespace, deployment, PersistentVolume, volume folder) and asks the node for little CPU.
// - At most MaxParallelThreads tests run at once: xunit's default (conservative) algorithm starts a
//   test only when a slot is free, however long the tests before it wait on the cluster.
// - A class that stops or restarts the cluster joins [Collection(ClusterStopsCollection.Name)]: that
//   collection runs alone, after all the others.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerClass, MaxParallelThreads = 4)]
