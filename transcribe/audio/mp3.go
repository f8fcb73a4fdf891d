package audio

import "errors"

func (d *decoder) mp3() ([]int16, error) { return nil, errors.ErrUnsupported }
