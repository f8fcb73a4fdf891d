# Wraps exactly the commands the README gives.
.PHONY: deps serve test build bench bench-voicemail

deps:
	scripts/install-deps

build: deps
	go build -o bin/callscreen ./cmd/callscreen

serve: build
	bin/callscreen serve

test: deps
	go vet ./...
	go test -race -count=1 -timeout 30m ./...

bench: deps
	scripts/bench

bench-voicemail: deps
	scripts/bench-voicemail
