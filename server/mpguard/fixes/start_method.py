"""(being written)"""
def force_or_context_fix(ctx, call):
    return None
