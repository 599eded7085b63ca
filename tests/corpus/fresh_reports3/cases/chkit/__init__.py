"""Stand-in for chainer: the type-check utilities."""
