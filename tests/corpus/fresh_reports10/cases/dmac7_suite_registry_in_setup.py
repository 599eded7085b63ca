# family: state
# hazard: state-not-inherited
# line: 35 38 27 28
# files: r10kit/agent_registry.py
# expect: fork=ok spawn=wrong_result forkserver=wrong_result
# note: https://github.com/awslabs/distributed-multi-agent-collaboration/pull/7 -- the multiprocessing test failed on macOS because spawn starts a fresh interpreter: agents the test registers in the parent's registry are not there in the child, which looks them up by name; the PR makes the test use fork
import io
import multiprocessing
import sys
import unittest

from r10kit import agent_registry


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
        out = multiprocessing.Queue()
        procs = [multiprocessing.Process(target=agent_registry.run_agent, args=(name, "hi", out))
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
