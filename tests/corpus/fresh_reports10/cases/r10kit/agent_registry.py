"""Agent registry of a multi-agent framework: agents are registered at run time, looked up by name."""

AGENTS = {}


def register(name, factory):
    AGENTS[name] = factory


def clear():
    AGENTS.clear()


def run_agent(name, prompt, out):
    """Process target: look the agent up in this process's registry and answer one prompt."""
    factory = AGENTS.get(name)
    if factory is None:
        out.put((name, "missing"))
        return
    out.put((name, factory().respond(prompt)))
