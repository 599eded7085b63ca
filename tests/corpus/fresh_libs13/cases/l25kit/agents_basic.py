"""AgentBench-like agents and sessions that hold only plain data."""
from dataclasses import dataclass, field


class DoNothingAgent:
    name = "Do-Nothing-Agent"

    def inference(self, history):
        return "SELECT COUNT(*) FROM t"


@dataclass
class Session:
    agent: object
    history: list = field(default_factory=list)

    def inject(self, message):
        self.history.append(message)

    def action(self):
        reply = self.agent.inference(self.history)
        self.history.append({"role": "agent", "content": reply})
        return reply
