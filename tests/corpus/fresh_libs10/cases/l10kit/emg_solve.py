"""The module-level solver job of emg3d after PR #250: only model data and one source cross."""


def gather_inputs(simulation):
    """One plain dict per source-frequency pair: what the worker needs, nothing more."""
    out = []
    for src, freq in simulation.survey.pairs():
        out.append({
            "key": (src, freq),
            "strength": simulation.survey.sources[src].strength,
            "frequency": freq,
            "conductivity": simulation.model.conductivity(),
        })
    return out


def solve_job(inputs):
    value = inputs["strength"] * inputs["conductivity"] / inputs["frequency"]
    return inputs["key"], value
