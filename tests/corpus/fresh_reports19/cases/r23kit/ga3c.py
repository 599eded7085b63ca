"""GA3C-like pieces shared by the agents and the server: settings, a toy game and experiences."""
from dataclasses import dataclass


class Config:
    AGENTS = 2
    PREDICTORS = 1
    EPISODES = 3            # the server stops serving predictions after this many episodes
    STEPS_PER_EPISODE = 4
    PREDICTION_TIMEOUT = 0.05


@dataclass
class Experience:
    agent_id: int
    state: int
    action: int
    reward: float
    done: bool


class Environment:
    """A counter game: the state goes up by the action; an episode lasts a fixed number of steps."""

    def __init__(self, steps):
        self.steps = steps
        self.reset()

    def reset(self):
        self.state = 0
        self.t = 0
        return self.state

    def step(self, action):
        self.state += action
        self.t += 1
        return self.state, float(action), self.t >= self.steps


def policy(state):
    """What the predictor answers for a state: (action, value)."""
    return (state % 3) + 1, state * 0.5
