"""(being written)"""
def main_guard_fix(ctx, node):
    return None


def move_under_guard_fix(ctx, node):
    return None
