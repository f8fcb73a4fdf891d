// Package clustertest runs callscreen's messaging path on a real
// three-node NATS JetStream cluster inside the test process: three
// nats-servers with cluster routes on loopback ports, R3 streams, classifier
// workers and producers on their own client connections. Killing a node is
// Server.Shutdown, so the tests can take nodes and workers away in the
// middle of calls and check what RELIABILITY.md promises (no segment lost,
// no duplicate alert, every call judged) without Docker or a separate
// nats-server binary.
//
// The package holds tests and benchmarks only; this file exists so that it
// has a package comment and builds as a package.
package clustertest
