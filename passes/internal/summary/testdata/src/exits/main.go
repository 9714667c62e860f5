package main

import (
	"fmt"
	"log"
	"os"
)

func run() error { return nil } // want `exits on error`

func serve() error { return nil } // want `exits on error`

func load() (int, error) { return 0, nil } // want `exits on error`

func logged() error { return nil }

func twice() error { return nil }

func asValue() error { return nil }

func noError() int { return 0 }

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	log.Fatal(serve())
	n, err := load()
	if err != nil {
		log.Fatalf("load: %v", err)
	}
	_ = n
	if err := logged(); err != nil {
		log.Print(err) // goes on
	}
	if err := twice(); err != nil {
		os.Exit(1)
	}
	twice()
	f := asValue
	_ = f
	noError()
}
