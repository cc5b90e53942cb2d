// The pod sandbox's only process: it holds the pod's namespaces and exits when told to stop.
package main

import (
	"os"
	"os/signal"
	"syscall"
)

func main() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	// As PID 1 of the sandbox it also reaps orphans, so none stay zombies.
	signal.Ignore(syscall.SIGCHLD)
	<-stop
}
