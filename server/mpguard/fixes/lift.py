"""(being written)"""
def callable_fix(ctx, problem, fact):
    return None


def move_above_guard_fix(ctx, definition):
    return None
