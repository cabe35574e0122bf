// Command huddle is Huddle's single binary: the server, the demo, database
// migrations, imports and the offline analysis tools.
package main

import (
	"os"

	"huddle/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:])) }
