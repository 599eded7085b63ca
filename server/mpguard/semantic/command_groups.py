"""Command groups of CLI libraries (data/boundaries.json `command_groups`): calling a group runs its own callback
and then the subcommand the command line names, so a module-level `cli()` of a click group runs (one of) the
functions registered on it with `@cli.command()`, `@cli.group()` or `cli.add_command(f)`. Which one depends on the
arguments (sys.argv or the list given), so every registered function is taken as one that may run (exynex's
`cli(["scan"])` at module level, whose `scan` opens a Pool: pnpnpn/timeout-decorator #76)."""
from __future__ import annotations

import ast

from mpguard.semantic.boundaries import command_groups

FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _group_entry(decorator, imports):
    """The catalog entry of the group a decorator makes (`@click.group(...)`), else None."""
    func = decorator.func if type(decorator) is ast.Call else decorator
    return command_groups().get(imports.qualify(func) or "")


def _registered_on(decorator, group: str, entry: dict) -> bool:
    """`@cli.command(...)` / `@cli.group(...)`: the decorator registers the function on the group `group`."""
    func = decorator.func if type(decorator) is ast.Call else decorator
    return type(func) is ast.Attribute and type(func.value) is ast.Name and func.value.id == group \
        and func.attr in entry.get("registers", ())


def replacing_decorator(decorator, imports, tree: ast.Module) -> dict | None:
    """The catalog entry when `decorator` replaces the function with a command object of the library
    (`@click.command()`, `@click.group()`, `@cli.command()` of a click group `cli` of this module): the module-level
    name then holds the command, and the function it keeps is no longer found by its name (pickle:
    "it's not the same object as __main__.fetcher"). None for any other decorator (typer's `@app.command()` returns
    the function itself)."""
    func = decorator.func if type(decorator) is ast.Call else decorator
    qualified = imports.qualify(func) or ""
    for entry in command_groups().values():
        if qualified in entry.get("replacing", ()):
            return entry
    if type(func) is ast.Attribute and type(func.value) is ast.Name:
        group = next((stmt for stmt in tree.body if type(stmt) in FUNCS and stmt.name == func.value.id), None)
        for d in getattr(group, "decorator_list", ()):
            entry = _group_entry(d, imports)
            if entry is None and replacing_decorator(d, imports, tree) is None:
                continue
            entry = entry or replacing_decorator(d, imports, tree)
            if func.attr in entry.get("registers", ()):
                return entry
    return None


def subcommands(tree: ast.Module, imports, definition) -> list:
    """The module-level functions registered on `definition` when it is a command group (and, for a subgroup,
    on it in turn); [] for any other function."""
    if type(definition) not in FUNCS:
        return []
    entry = next((e for d in definition.decorator_list if (e := _group_entry(d, imports)) is not None), None)
    if entry is None:
        return []
    functions = {stmt.name: stmt for stmt in tree.body if type(stmt) in FUNCS}
    out, groups = [], [definition.name]
    while groups:
        group = groups.pop()
        for stmt in tree.body:
            if type(stmt) in FUNCS and stmt not in out and any(
                    _registered_on(d, group, entry) for d in stmt.decorator_list):
                out.append(stmt)
                groups.append(stmt.name)  # a subgroup's own subcommands run through it
            elif type(stmt) is ast.Expr and type(stmt.value) is ast.Call and stmt.value.args \
                    and _registered_on(stmt.value, group, {"registers": entry.get("adders", ())}) \
                    and type(stmt.value.args[0]) is ast.Name:
                added = functions.get(stmt.value.args[0].id)  # `cli.add_command(scan)`
                if added is not None and added not in out:
                    out.append(added)
                    groups.append(added.name)
    return out
