from functools import partial


def all_pairs_longest_path_parallel(N, D, k, i):
    row = list(D[i])
    for j in range(N):
        via = D[i][k] + D[k][j]
        if via > row[j]:
            row[j] = via
    return row


def all_pairs_longest_paths(edges, N, pool):
    D = [[0 if i == j else -10**9 for j in range(N)] for i in range(N)]
    for (src, dst), delay in edges.items():
        D[src][dst] = delay
    # Parallel implementation
    for k in range(N):
        func = partial(all_pairs_longest_path_parallel, N, D, k)
        D = pool.map(func, range(N))
    return D
