// Each test class deploys under names and ports of its own, so classes run two at a time: the real
// ./build.sh runs of the interrupted-deploy tests mostly wait on containers, not on the cores.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
