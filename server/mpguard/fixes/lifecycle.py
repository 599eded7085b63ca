"""(being written)"""
def drain_before_join_fix(ctx, join, read):
    return None


def fetch_results_fix(ctx, with_node, submit):
    return None
