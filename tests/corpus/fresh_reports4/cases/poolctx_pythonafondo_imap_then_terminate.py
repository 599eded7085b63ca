# family: poolctx
# hazard: pool-results-lost
# line: 31
# expect: fork=wrong_result spawn=wrong_result forkserver=wrong_result
# note: Shape of https://github.com/Marcombo/python-a-fondo/issues/1 ("Liquidar el pool antes de terminar": after imap, terminate() stops the workers for good and the results can no longer be fetched; the example reads them with a timeout).
import logging
import sys
from multiprocessing import Pool
from multiprocessing import TimeoutError as ProcessTimeoutError

logger = logging.getLogger(__name__)


def es_primo(n):
    return n > 1 and all(n % d for d in range(2, int(n ** 0.5) + 1))


def contar_primos2(n_primos):
    primos_encontrados = []
    valor_actual = 2
    while len(primos_encontrados) < n_primos:
        if es_primo(valor_actual):
            primos_encontrados.append(valor_actual)
        valor_actual += 1
    return primos_encontrados


def ejecucion_multiproceso2(iteraciones, n_procesos, n_primos):
    p = Pool(n_procesos)
    params = [n_primos for _ in range(iteraciones)]
    it = p.imap(contar_primos2, params)
    p.terminate()
    resultados = []
    for _ in range(iteraciones):
        try:
            resultados.append(it.next(timeout=1))
        except ProcessTimeoutError:
            logger.warning("resultado perdido")
    p.join()
    return resultados


if __name__ == "__main__":
    res = ejecucion_multiproceso2(4, 2, 20000)
    print("RESULT=%d" % len(res))
    sys.exit(0 if len(res) == 4 else 3)
