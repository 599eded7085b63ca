"""A reduced shared-array helper in the shape of widmi/multiprocess-shared-numpy-arrays."""
