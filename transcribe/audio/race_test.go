//go:build race

package audio

func init() { testScale = 10 }
