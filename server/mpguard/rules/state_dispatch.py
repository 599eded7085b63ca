"""MP302 at the call that runs a child reading the parent's run-time state (the pool's `map`, `submit`,
`apply_async`, the `Process(...)`): besides the finding at the write (what the child misses, where the shared
oracle anchors it), one finding per such call that names the globals and the functions that read them, with
the writes as related locations. The value crosses into the child there (or fails to: a spawned child
re-imports the module), and a bug report's traceback or wrong result points there (SpawnpointClusterTool #11:
`pool.map(neighbours, points)` over the globals `main()` fills). Like MP208's copy at the pool call that runs
a task (RuleContext.copy_at_dispatch): no fix (the fix edits the write's code), none where an MP302 finding
already covers the call's row."""
from __future__ import annotations

import ast

from mpguard.text.findings import SET_BY_PARENT


class DispatchCopies:
    """The MP302 findings of one module's parent writes, gathered per call that runs a child reading them. Kept
    per global first (every write of a name has the same readers), so many writes and many calls stay linear."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.names: dict = {}  # label -> [first write, readers, methods, platforms, after a pool, guard only]

    def add(self, finding, label: str, write: ast.AST, readers, after_pool: bool, guard_only: bool) -> None:
        """Record the finding just made at `write` (None when it was not kept) for the children `readers`
        (rules.context.Child) that read `label`."""
        if finding is None or not readers:
            return
        entry = self.names.get(label)
        if entry is None:
            self.names[label] = [write, readers, finding.start_methods, finding.extra_platforms, after_pool,
                                 guard_only]
            return
        entry[2] |= finding.start_methods
        entry[3] |= finding.extra_platforms
        entry[4] = entry[4] or after_pool
        entry[5] = entry[5] or guard_only

    def _calls(self) -> list:
        """[call, {label: write}, {function name}, methods, platforms, guard only] per call that starts a reading
        child of this module. A write made after the pool was made is lost under fork too (the finding at the
        write says so); otherwise only under the methods the child's own start method gives."""
        calls: dict = {}
        for label, (write, readers, methods, platforms, after_pool, guard_only) in self.names.items():
            for child in readers:
                call = getattr(child.spawner, "node", None)
                if type(call) is not ast.Call:
                    continue
                lost = methods if after_pool else methods & self.ctx.breaks(child.method, lambda m: m != "fork")
                if not lost and not platforms:
                    continue
                entry = calls.setdefault(id(call), [call, {}, set(), frozenset(), frozenset(), False])
                entry[1].setdefault(label, write)
                entry[2].add(getattr(child.definition, "name", None) or "a lambda")
                entry[3] |= lost
                entry[4] |= platforms
                entry[5] = entry[5] or guard_only
        return sorted(calls.values(), key=lambda e: (e[0].lineno, e[0].col_offset))

    def report(self) -> None:
        ctx = self.ctx
        if not self.names:
            return
        covered = {row for f in ctx.findings if f.code == "MP302" for row in range(f.start.row, f.end.row + 1)}
        for call, writes, functions, methods, platforms, guard_only in self._calls():
            if call.lineno in covered:
                continue
            names = sorted(writes)
            shown = _listed([f"`{n}`" for n in names])
            lines = ", ".join(str(w.lineno) for w in sorted(writes.values(), key=lambda w: w.lineno))
            readers = _listed([f"`{f}`" if f != "a lambda" else f for f in sorted(functions)])
            plural = len(names) > 1
            what = "their import-time values" if plural else "its import-time value"
            if guard_only:
                what += " (or no such global: NameError)"
            ctx.report("MP302", call, f"this call runs {readers} in a child, which reads {shown}; the parent sets "
                       f"{'them' if plural else 'it'} at run time (line{'s' if ',' in lines else ''} {lines}), and a "
                       f"child that re-imports the module sees {what}", methods, platforms=platforms,
                       related=tuple((writes[n], SET_BY_PARENT) for n in names))


def _listed(items: list) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
