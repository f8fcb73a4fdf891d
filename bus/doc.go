// Package bus is callscreen's wire contract and its NATS plumbing: the
// subjects, the versioned JSON messages that travel on them, the JetStream
// streams that are the store of record for segments and alerts, and the
// connection to an external or embedded NATS server.
//
// Everything that publishes or consumes transcript text imports this
// package; nothing else defines a subject or a message shape.
package bus
