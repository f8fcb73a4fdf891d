package audio

import "errors"

func (d *decoder) ogg() ([]int16, error) { return nil, errors.ErrUnsupported }
