"""SARS generation for the RL recommender (cyfronet-fid/recommender-system): per-user work items."""
from dataclasses import dataclass


@dataclass(frozen=True)
class UserJourney:
    user_id: int
    clicks: tuple


def load_journeys(n_users):
    return [UserJourney(u, tuple(range(u % 4 + 1))) for u in range(n_users)]


def sars_for_user(journey):
    """(state, action, reward, next_state) tuples for one user."""
    out = []
    for i, c in enumerate(journey.clicks):
        out.append((journey.user_id, c, 1 if c % 2 == 0 else 0, i + 1))
    return out


def prefork_worker_pool(concurrency):
    """What `celery worker -P prefork` gives a task: a billiard pool of daemonic processes."""
    import billiard
    return billiard.Pool(concurrency)
