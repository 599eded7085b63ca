"""Flow.resolve remembers answers by id(value). A value made for one question (instance_conditions makes a Param
of one constructor call per `if` it judges) dies after it, and CPython gives its id to the next value of that size:
the cache must hold each value it answered for, or a later value reads a dead one's answer. This made
test_instance_conditions' two-objects test order-dependent (a CI failure on 3.13 under the whole suite, on 3.14
under pytest only): the INFO object read the TRACE object's answer."""
import ast

from mpguard.semantic import values as V
from mpguard.semantic.flow import CallSite, Flow


def _site(func, text):
    call = ast.parse(f"shard({text!r})").body[0].value
    return CallSite(call, [(call.args[0], V.Constant(call.args[0]))], {}, bound=False)


def test_a_dead_values_id_does_not_answer_for_a_new_one():
    func = ast.parse("def shard(level):\n    pass").body[0]
    trace, info = _site(func, "trace"), _site(func, "info")
    flow = Flow({func: [trace, info]})
    first = V.Param(trace.call, func, "level", site=trace)
    assert flow.resolve(first).node.value == "trace"
    dead = id(first)
    del first
    reused = 0
    for _ in range(200):  # CPython hands a freed block to the next object of its size: usually at once
        second = V.Param(info.call, func, "level", site=info)
        reused += id(second) == dead
        assert flow.resolve(second).node.value == "info"
    # the question this test asks: held by the cache, the dead value's id is never handed out again
    assert reused == 0
