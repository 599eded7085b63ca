"""OG-USA-like model specifications and household problem (PSLmodels/OG-Core PR #392)."""


class Specifications:
    def __init__(self, S=4, J=3, beta=0.96):
        self.S = S
        self.J = J
        self.beta = beta
        self.client = None
        self.num_workers = 1


def solve_household(p, j):
    """Lifetime consumption of ability type j: a toy closed form."""
    return j, round(sum(p.beta ** s * (j + 1) for s in range(p.S)), 6)
