"""Draws the inputs of the course's conv_forward and conv_backward checks with numpy's legacy
seeded generator, in the order the course's notebook draws them (seed(1), then A_prev, W, b),
and writes them in netgrad's layout to course_conv.json:

- an image batch A_prev of shape (m, h, w, c) becomes an (h*w*c) x m matrix: column e is
  A_prev[e].reshape(-1) (channel-last, row-major);
- a filter bank W of shape (f, f, c_in, c_out) becomes an (f*f*c_in) x c_out matrix: W.reshape(-1, c_out);
- a bias b of shape (1, 1, 1, c_out) becomes a c_out x 1 column.

Run from this directory: python3 course_conv.py (writes course_conv.json).
"""
import json

import numpy as np


def case(a_shape, w_shape, pad, stride):
    np.random.seed(1)
    a_prev = np.random.randn(*a_shape)
    w = np.random.randn(*w_shape)
    b = np.random.randn(1, 1, 1, w_shape[3])
    m = a_shape[0]
    return {
        "image": list(a_shape[1:]),
        "filters": list(w_shape),
        "pad": pad,
        "stride": stride,
        "A": a_prev.reshape(m, -1).T.tolist(),
        "W": w.reshape(-1, w_shape[3]).tolist(),
        "b": b.reshape(-1, 1).tolist(),
    }


def main():
    data = {
        "conv_forward": case((2, 5, 7, 4), (3, 3, 4, 8), pad=1, stride=2),
        "conv_backward": case((10, 4, 4, 3), (2, 2, 3, 8), pad=2, stride=2),
    }
    with open("course_conv.json", "w") as out:
        json.dump(data, out, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
