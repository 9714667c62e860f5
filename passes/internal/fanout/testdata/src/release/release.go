package release

func spawns() {
	go func() {}()
}
