# family: state
# hazard: none
# line: none
# files: r10kit/agent_registry.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/awslabs/distributed-multi-agent-collaboration/pull/7 -- the fix: the test asks for a fork context explicitly, so the child is a copy of the parent and finds the agents the test registered, whatever the platform's default start method
import io
import multiprocessing
import sys
import unittest

from r10kit import agent_registry

MP = multiprocessing.get_context("fork")


class EchoAgent:
    def respond(self, prompt):
        return "echo:" + prompt


class UpperAgent:
    def respond(self, prompt):
        return prompt.upper()


class TestParallelAgents(unittest.TestCase):
    def setUp(self):
        agent_registry.register("echo", EchoAgent)
        agent_registry.register("upper", UpperAgent)

    def tearDown(self):
        agent_registry.clear()

    def test_agents_answer_in_parallel(self):
        out = MP.Queue()
        procs = [MP.Process(target=agent_registry.run_agent, args=(name, "hi", out))
                 for name in ("echo", "upper")]
        for p in procs:
            p.start()
        answers = dict(out.get(timeout=10) for _ in procs)
        for p in procs:
            p.join(10)
        self.assertEqual(answers, {"echo": "echo:hi", "upper": "HI"})


if __name__ == "__main__":
    stream = io.StringIO()
    result = unittest.TextTestRunner(stream=stream).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(TestParallelAgents))
    print("RESULT=" + ("passed" if result.wasSuccessful() else "failed"))
    sys.exit(0 if result.wasSuccessful() else 3)
