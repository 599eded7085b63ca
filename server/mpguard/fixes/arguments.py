"""(being written)"""
def thread_primitive_fix(ctx, node, problem):
    return None
