package main

// implements: SPEC-0042.G2, SPEC-0042.G7
func main() {}
