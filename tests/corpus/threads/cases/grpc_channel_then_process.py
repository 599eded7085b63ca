"""A gRPC channel is made before a Process is forked: gRPC core's threads run in the parent (7 OS
threads after insecure_channel(), 6 after close()). Shape of https://github.com/grpc/grpc/issues/15334
and https://github.com/ray-project/ray/issues/24917 ("Other threads are currently calling into gRPC,
skipping fork() handlers")."""
import multiprocessing

import grpc


def work():
    print("child ran")


if __name__ == "__main__":
    channel = grpc.insecure_channel("localhost:50051")
    p = multiprocessing.Process(target=work)
    p.start()  # MP423
    p.join()
    channel.close()
    print("RESULT=" + str(p.exitcode))
