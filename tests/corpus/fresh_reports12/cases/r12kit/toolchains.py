"""mbed-like toolchains: compile_sources runs a process pool when more than one job is asked for."""
from multiprocessing import Pool


def compile_one(source):
    return source.replace(".c", ".o")


class mbedToolchain:
    name = "base"

    def __init__(self, target, jobs=1):
        self.target = target
        self.jobs = jobs

    def compile_sources(self, sources):
        if self.jobs > 1 and len(sources) > 1:
            return self.compile_queue(sources)
        return self.compile_seq(sources)

    def compile_seq(self, sources):
        return [compile_one(s) for s in sources]

    def compile_queue(self, sources):
        p = Pool(processes=self.jobs)
        try:
            return p.map(compile_one, sources)
        finally:
            p.close()
            p.join()


class GCC_ARM(mbedToolchain):
    name = "GCC_ARM"


TOOLCHAINS = {"GCC_ARM": GCC_ARM}


def build_project(sources, target, toolchain_name, jobs=1):
    toolchain = TOOLCHAINS[toolchain_name](target, jobs=jobs)
    objects = toolchain.compile_sources(sources)
    return f"{target}/{toolchain.name}: " + " ".join(objects)
