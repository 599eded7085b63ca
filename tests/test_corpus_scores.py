"""Golden scores over the corpora, measured the way the team measures them (tests/corpus/evaluate.py:
`mpguard check --output-format json` on a blinded copy, scored against the recorded runs). The oracle
must stay perfect; the realistic and bug-report corpora must not fall below what was measured when
they were added (docs/corpus.md keeps the history)."""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "corpus"
# corpus -> (lowest precision, lowest recall) accepted
# (session 16: realistic, reports, fresh_realistic2, fresh_realistic2b, fresh_libs4, fresh_realistic6 and fresh_reports9
# raised to what the merged tree measured: origin findings, decorators, registries, the test runner's order)
# session 27: the floors of the corpora its merged fixes raised are what the merged tree measured (fix27a-f)
FLOORS = {"oracle": (1.0, 1.0),
          # 1.000 / 0.901 (with `--report-at-site`, a cross-module hazard reported in the helper where it happens:
          # recall 1.000 but precision 0.942 under the shared evaluate.py, which counts a helper's finding for
          # every case naming that helper, the hazard-free ones too)
          "realistic": (1.0, 1.0), "reports": (0.95, 1.0),
          # third-party libraries (docs/libraries.md); scored statically, the libraries need not be installed
          "libraries": (1.0, 1.0),
          # written blind in the value family (docs/corpus.md: blind 1.000 / 0.356)
          "fresh_values": (0.97, 0.97),
          # control flow written blind from public reports (blind 0.895 / 0.472, docs/corpus.md)
          "fresh_flow": (1.0, 1.0),  # 0.806 after the join(timeout) work, 0.944 with values across modules
          # bug reports and their fixes written blind (blind 1.000 / 0.478, 1.000 / 0.674 after two header
          # corrections; tests/corpus/fresh_reports/SUMMARY.md; 1.000 / 0.891 once causes 1-3, 5, 6 were fixed)
          # 1.000 / 1.000 with another module's global set through its function, and another module's
          # object's list of lock holders as a pool iterable (issue 12, branch r2miss)
          "fresh_reports": (0.97, 1.0),
          # a second set of bug reports and fixes written blind (blind 1.000 / 0.648 on 3.11, 3.12 and 3.13;
          # tests/corpus/fresh_reports2/SUMMARY.md)
          # (1.000 / 1.000 once its eight causes were modelled, issue 12, branch r2miss)
          "fresh_reports2": (1.0, 1.0),
          # the r2miss models' own programs, hazards and near misses (tests/corpus/r2miss_programs/SUMMARY.md)
          "r2miss_programs": (1.0, 1.0),
          # realistic programs and a small package written blind for issue 12 (blind 0.912 / 0.650 on 3.11,
          # 3.12 and 3.13; tests/corpus/fresh_realistic/SUMMARY.md lists every miss and false alarm)
          # (1.000 / 0.863 after its two false alarms and eight of its misses were fixed)
          # (1.000 / 0.887 with parameters handed on to another module through **kwargs, session 8)
          "fresh_realistic": (1.0, 0.92),  # 0.925 once a partial read before join(timeout) was weighed
          # scripts through third-party libraries written blind for issue 13 (blind 0.924 / 0.735, 0.930 / 0.795
          # after two header corrections, 1.000 / 0.892 once its two false alarms and four misses were fixed;
          # tests/corpus/fresh_libs/SUMMARY.md). Scored statically like "libraries": the score is the same with
          # and without the libs extra and torch installed, so nothing here needs them
          # (1.000 / 0.964 once argparse and environment defaults were values: uvicorn's workers / reload)
          # (1.000 / 1.000 once @dask.delayed calls computed on processes were tasks: their arguments cross)
          "fresh_libs": (1.0, 1.0),
          # a second set of realistic programs and two helper packages written blind for issue 12 (blind 0.919 / 0.540
          # on 3.11, 3.12 and 3.13; tests/corpus/fresh_realistic2/SUMMARY.md lists every miss and false alarm)
          "fresh_realistic2": (1.0, 0.96),  # 1.000 / 0.587 after the session-8 fixes
          # realistic programs and the reportkit package written blind by a second writer of the same brief (blind
          # 0.895 / 0.586 on 3.11, 3.12 and 3.13; tests/corpus/fresh_realistic2b/SUMMARY.md lists every miss and false alarm)
          # 1.000 / 0.845 in session 15: a dataclass field's multiprocessing Lock, held by an item of a loop over a
          # temporary, collected before a spawn or forkserver child opens it (MP206, rules/loop_items.py)
          "fresh_realistic2b": (1.0, 0.94),  # 1.000 / 0.741 after the session-8 fixes, 0.776 in session 10
          # a third set of bug reports and fixes written blind for issue 12 (blind 1.000 / 0.692 on 3.11, 3.12
          # and 3.13; tests/corpus/fresh_reports3/SUMMARY.md lists every miss)
          # 1.000 / 0.962 in session 24 (fix24c: a call into another module whose own code makes a start fail)
          "fresh_reports3": (1.0, 0.96),
          # session 9, written blind (their SUMMARY.md lists every miss and false alarm at the blind score). Session 10
          # fixed both false alarms (celery task_always_eager; an exception caught and re-raised as a plain one) and
          # some misses: no longer blind measures.
          "fresh_libs2": (1.0, 1.0),  # blind 0.930 / 0.597; 1.000 / 0.910 in session 10; 1.000 / 1.000 in session 22
          "fresh_reports4": (1.0, 0.97),  # blind 0.903 / 0.519; 1.000 / 0.833 in session 10
          # session 10: realistic programs and the etlkit package written blind (blind 1.000 / 0.700 on 3.11, 3.12 and
          # 3.13; tests/corpus/fresh_realistic3/SUMMARY.md lists every miss); 1.000 / 0.817 after four of its misses
          # were modelled in the same session (no longer blind)
          "fresh_realistic3": (1.0, 0.91),
          # session 10: 36 library programs (joblib/loky, dask, multiprocess/pathos, pebble, mpire, tqdm, uvicorn,
          # concurrent.futures) written blind; blind 1.000 / 0.644 on 3.11 (tests/corpus/fresh_libs3/SUMMARY.md lists
          # every miss)
          # (also 0.644 with the code at the end of session 10; 0.711 once `**OPTIONS` of a dict literal gave its keywords)
          "fresh_libs3": (1.0, 0.97),  # 1.000 once nested parameter items, with-config values, factory-made pebble functions and later-walked bags were modelled (session 11)
          # session 11: 46 programs from 25 public reports written blind (helper package r5kit); blind 0.923 / 0.738 with
          # the code at the session's end too (the session's other models did not reach its shapes); both false alarms
          # fixed (a class that asks current_process().daemon; a pool a method makes after the guard's def): 1.000 / 0.738
          "fresh_reports5": (1.0, 0.90),  # 0.908 with arguments a returned value holds (mem0); 0.785 with an instance call running its __call__ (oqengine), 0.831 with methods of passed objects in the call graph (marimo), 0.877 with state kept by a project base class (mindmeld)
          # session 12: 42 programs from 21 public reports written blind (helper package r6kit); blind 0.868 / 0.623 on
          # 3.11, 3.12 and 3.13 (tests/corpus/fresh_reports6/SUMMARY.md lists every miss and both false alarms: list() of a
          # generator is kept as a generator)
          "fresh_reports6": (1.0, 1.0),  # 1.000 with a finding whose site is a line of its own module reported at that line (mutmut: the CLI module importing itself by name, rules/context.own_statement); 0.943 with a first set_start_method() under a test every run passes (self.parallel > 1 of the one Runner(parallel=2): channels, rules/constant_tests); 0.887 with a payload sized by the length of a list the parent built (translate); 0.830 with isinstance narrowing and memoryview from the catalog (sqlit); 0.774 with the site of a class whose __init__ starts processes (xingtian); 1.000 / 0.660 after list() of a generator parameter and a guard-only Queue read as a global; 0.717 with an object of the class the callers pass (jina)
          # session 12: 38 library programs (joblib/loky, dask, multiprocess, pathos, pebble, mpire, tqdm, pandarallel,
          # datasets) carrying redis, pymongo, SQLAlchemy, httpx, paramiko, h5py, pyzmq, grpcio and boto3 objects, written
          # blind; blind 0.889 / 0.453 on 3.11 (tests/corpus/fresh_libs4/SUMMARY.md lists every miss and the false alarm).
          # Scored statically like "libraries": nothing here needs the libraries installed
          "fresh_libs4": (1.0, 1.0),  # 0.943 with boto3 clients, a file engine's cloudpickle answer and dill's blocked copy (catalog `unusable`) in the catalog (session 13); 0.792 with loky's executors in the catalog (redis-py #606); 0.736 with mpire shared_objects (catalog field `shared`); 0.679 with catalog entries for redis ConnectionPool and h5py datasets read by subscript; 0.623 with classmethods returning cls(...) (pathos #224); 0.566 with an attribute of what a local helper returns and a global assigned from a helper (h5 samples, joblib #1190); 1.000 / 0.453 once a field stored under a parameter condition was judged under it (surrogates)
          # session 12: 30 realistic programs (ETL, thumbnails, log scanner, scraper, reports, services, CLIs) and the
          # r4kit package written blind; blind 1.000 / 0.805 on 3.11 (tests/corpus/fresh_realistic4/SUMMARY.md lists
          # every miss; no false alarm); 1.000 after session 13 modelled its three misses (a helper returning its
          # argument's method result, a module global set by attribute and read in that module, a dict-sized payload)
          "fresh_realistic4": (1.0, 1.0),
          # session 13: 46 programs from 25 public reports written blind (helper package r7kit); blind 0.976 / 0.745 on
          # 3.11, 3.12 and 3.13 (tests/corpus/fresh_reports7/SUMMARY.md lists the seven missed hazards and the false
          # alarm: MP423 for a running thread whose only held lock is a logging handler's, which is reset at fork)
          # 0.981 / 0.945 after session 13 modelled six of its seven misses generally (an item of a global updated in
          # place, another module's class attributes, a started Process kept on self, a fork in a loop sure to run,
          # a task the parent runs only as the serial fallback, os.environ changed through a call between spawns);
          # 1.000 / 0.945 after session 14 modelled the false alarm (a thread holding only locks the child re-creates)
          "fresh_reports7": (1.0, 0.99),  # 1.000 with the method of the items a daemonic Pool worker calls (nipype)
          # session 13: 48 library programs (joblib/loky, dask, distributed, pathos, p_tqdm, pebble, mpire, tqdm, datasets,
          # billiard) carrying lxml, jinja2, SQLAlchemy ORM, psycopg2, kafka-python, loguru, structlog, boto3/botocore, pymongo,
          # urllib3 and numpy-memmap values, written blind; blind 1.000 / 0.030 on 3.11, 3.12 and 3.13, 1.000 / 0.075 after one
          # header anchor was corrected (tests/corpus/fresh_libs5/SUMMARY.md lists every miss with the catalog fact or model it
          # needs). Scored statically like "libraries": nothing here needs the libraries installed
          # session 13's catalog work (two helpers, merged): boto3 resources and sub-resources, lxml (elements, trees,
          # parsers, exceptions re-raised by a task: trafilatura #420), SQLAlchemy Session, psycopg2
          # ThreadedConnectionPool, KafkaProducer, urllib3 PoolManager, jinja2 Template, pymongo Database/Collection,
          # botocore Session (pickle only), distributed's Client.submit/map as a cloudpickle task boundary
          # session 15: loguru handlers (a path sink, enqueue=True, its queue handed to a spawn-context executor) and
          # structlog's configured processors and logger factory, in this module or in the module whose function
          # returns the logger (catalog configured_objects)
          "fresh_libs5": (1.0, 0.95),  # 0.955 (session 15); 0.761 with both helpers merged
          # session 14: 40 library programs (opencv VideoCapture, google-cloud-storage clients, tqdm, rich, click/typer,
          # aiohttp, numpy generators, pymysql, psycopg_pool, pyarrow, loguru, requests) written blind; blind 1.000 / 0.000
          # on 3.11, 3.12 and 3.13, 1.000 / 0.083 after two stale header anchors were corrected
          # (tests/corpus/fresh_libs6/SUMMARY.md lists every miss with the catalog fact or model it needs)
          # after the catalog facts of this session (14 probes: cv2, google-cloud-storage, rich, aiohttp, pymysql, psycopg_pool,
          # pyarrow): 1.000 / 0.667
          # session 15: a lambda in a requests Session's hooks (catalog pickled_state), loguru's file sink, click
          # groups running their subcommands and click's decorators replacing functions (catalog command_groups),
          # a module-level rich Progress advanced in workers (catalog stateful_objects): 1.000 / 0.967
          # session 25 (fix25b: MP306 through a helper module's unseeded generator): 1.000 / 0.983
          "fresh_libs6": (1.0, 1.0),
          # session 13: 38 realistic programs (CLIs, ETL jobs, services, a unittest suite) and the rz5kit package written
          # blind; blind 0.925 / 0.725 on 3.11, 3.12 and 3.13 (tests/corpus/fresh_realistic5/SUMMARY.md lists the six
          # missed programs and the two false alarms: MP201 on a functools.wraps wrapper that the module name holds, MP423
          # for a finished thread whose lock no child reaches)
          # both false alarms modelled in session 13 (a wraps-decorated wrapper pickles by its module name; a thread
          # that neither loops nor waits is not known alive at a later fork): 1.000 / 0.725
          "fresh_realistic5": (1.0, 1.0),  # 0.980 with session 14's models (a generator of another module, **options keys, setUpClass state read by a task the parent also runs, contexts of computed and config-given methods); 0.784 once a dataclass __post_init__ counted as part of construction
          # session 14: 40 programs from 20 public reports written blind (helper package r8kit); blind 0.833 / 0.521 on
          # 3.11, 3.12 and 3.13 (tests/corpus/fresh_reports8/SUMMARY.md lists every miss and the two false alarms:
          # MP413 for a nested pool every task skips with n_jobs=1, MP302 for a global the child restores itself)
          # 1.000 / 0.792 after session 14 modelled eight of its misses and both false alarms (MP414 pool used after
          # close, a Lock made at an imported module's import, the start method an imported module sets, a pathlib
          # write at import, os.environ set before a start after an earlier start, executors memoised in a dict,
          # parameter equality tests of Pool tasks, a global the child restores through a method)
          # 0.854 with an import of a module that sets the start method after an earlier import fixed it (PyBaMM,
          # rules/import_order); 0.896 once another module's constructor default naming a module lambda counts for the
          # call that leaves it out, through a constructor's `**extra` picked by a None default (closerlook, rep17)
          "fresh_reports8": (1.0, 1.0),
          # session 14: 40 realistic programs (unittest/pytest suites, sqlite ETL, a registry, a plugin manager, CLIs,
          # servers, a task app) and the opskit package written blind; blind 0.895 / 0.607 on 3.11, 3.12 and 3.13
          # (tests/corpus/fresh_realistic6/SUMMARY.md lists every miss and the two false alarms: MP208 for an error
          # the worker catches itself, MP423 for a lock that an at-fork hook re-creates in the child)
          # 0.976 / 0.732 after session 14 modelled four causes (an error caught in the task by another module's base
          # class, a class-body call of another module's spawning class, another module's registry filled by its
          # function, an item written into a parameter's dict)
          # 1.000 / 0.839 after session 15: MP423 follows what a running thread calls into another module's class
          # and sees the lock there re-created by that module's at-fork hook (the false alarm gone), and MP401 sees
          # another module's class whose __init__ sets the start method again (pyftpdlib)
          # 0.893 in session 16 (pools16): a function kept by another module's `@app.task` registry that its Pool task
          # calls runs in a daemonic worker (celery #1709)
          "fresh_realistic6": (1.0, 1.0),
          # session 15: 30 realistic programs (unittest suites with setUpModule/setUpClass, argparse CLIs, a task
          # worker with a decorator registry, a broker with a handler table, an analyzer dataclass, an executor
          # with an initializer) and the rz7kit package written blind; blind 1.000 / 0.486 on 3.11, 3.12 and 3.13,
          # 1.000 / 0.629 after one anchor correction (two hazards also named at the row that hands the value over)
          # (tests/corpus/fresh_realistic7/SUMMARY.md lists every miss: a task found through another module's
          # decorator registry run in a daemonic child, a dataclass default_factory SimpleQueue in starmap tasks,
          # set_start_method in setUpModule and again in a test, a setUpClass thread holding another module's lock
          # at fork, a ProcessPoolExecutor initializer that raises)
          # 0.714 once field(default_factory=mp.SimpleQueue) held the queue and a method returning self gave its object
          # (data-juicer; lead, session 15: no longer blind)
          # 0.914 with unittest's call order, another module's registry, and another module's thread/lock pair
          # (session 16, order16: semantic/test_runner, registries, module_locks)
          "fresh_realistic7": (1.0, 0.91),
          # session 16 (blind16s): 16 realistic programs (argparse CLIs, a contextmanager test server, a parallelizer
          # class, a JoinableQueue manager with a unittest suite, Process subclass workers) and the rz8kit package
          # written blind from 8 public threads; blind 0.571 / 0.222 on 3.11.7, 3.12.1 and 3.13.0, 0.700 / 0.389 after
          # one anchor correction (the nolitsa nested pool also named at the helper's Pool line)
          # (tests/corpus/fresh_realistic8/SUMMARY.md lists every miss: a config singleton's class attribute set by
          # another module's classmethod, a fork one call below the thread start, a JoinableQueue task_done skipped by
          # an exception, a guard-defined class kept by a Process subclass, a keyword-only exception returned inside a
          # wrapper; and the false alarm: MP413 through a dataclass field default of processors=1, gone once the
          # items' literal fields judge a condition on the task's `test.processors`: 1.000 / 0.389)
          # 0.778 with a guard class kept by a Process subclass (MP202), an exception caught and returned inside a
          # wrapper (MP207, rules/caught_results) and another module's config singleton (MP302, imported_settings)
          # (session 17, real17; left: the fork one call below the thread start, JoinableQueue task_done)
          # 0.444 once a fork one call below the function whose thread is still running counts (domain-scan #157,
          # threads17, session 17: rules/thread_order.py)
          # 0.833 with both (threads17 merged with main)
          # 1.000 / 1.000 in session 25 (fix25a: classes nested in a class body, a JoinableQueue task_done skipped)
          "fresh_realistic8": (1.0, 1.0),
          # session 17 (blind17s): 18 realistic programs (argparse CLIs, two unittest suites, a log handler with a writer
          # process, an executor contact sync, an ML binning script, a config-driven pipeline manager) and the s17kit
          # package written blind from 9 public threads; blind 0.714 / 0.227 on 3.11.7, 3.12.1 and 3.13.0, 0.846 / 0.500
          # after one anchor correction (three hazards also named at the line handing the value over)
          # (tests/corpus/fresh_realistic9/SUMMARY.md lists every miss: an error subclass inheriting a two-argument
          # __init__ from another module, an unregistered Logger returned by another module's helper through a mutated
          # local, a lambda added to a pool-options dict by subscript assignment, a LogRecord put on a Queue by a
          # Handler.emit; and the false alarm: an attribute set only under a config condition that is false)
          # 1.000 / 0.864 in session 18 (r9fix): an inherited exception __init__, a helper's returned logger, keys set
          # after a dict literal into Pool(**options); an attribute __init__ sets under a test the call decides false
          # 1.000 / 1.000 in session 19 (fix19b): logging's dispatch of a call's args to a project handler's emit
          "fresh_realistic9": (1.0, 1.0),
          # session 15: 28 programs from 14 public reports (helper package r9kit); blind 1.000 / 0.469 on 3.11, 3.12 and
          # 3.13, 0.531 after one anchor fix; 1.000 / 0.515 once the CPython #105982 pair was replaced by typedecorator #3
          # (tests/corpus/fresh_reports9/SUMMARY.md lists every miss: decorators returning an object that keeps the
          # function, a pool made by a project executor class, exec into __main__, an executor reused after BrokenProcessPool)
          # 0.606 once a decorator giving back an object of its module's class that keeps the function was read (ensure #29;
          # lead, session 15: no longer blind); 0.758 with decorator factories and dataclass objects under the name
          # (typedecorator #3) and code exec'd into __main__ (thonny #2544) (session 16; doitapi3 found at its Process
          # line 41, the header anchors the start() on 44: MISLOCATED)
          # 0.788 in session 16 (pools16): a project executor class wrapping a Pool picked by a constructor parameter
          # (orion #1067), and an executor kept after BrokenProcessPool was caught in a loop (temporal #245, MP414)
          "fresh_reports9": (1.0, 1.0),
          # session 16: 28 programs from 14 public reports (helper package r10kit); blind 1.000 / 0.645 on 3.11, 3.12 and
          # 3.13, 1.000 / 0.710 after one anchor correction (two state hazards also named at the parent's writes)
          # (tests/corpus/fresh_reports10/SUMMARY.md lists every miss: os.fdopen not known as an open file, initargs of
          # another module's loader given the caller's constructor argument, a plugin module loaded by file path, a
          # runtime thread started two calls deep in another module, a setUp registry write through another module's
          # function; and viztracer563, found by MP201 for a wrong reason that is a latent false alarm)
          # 0.774 once a setUp hook's write through another module's function counts before the test's process
          # (session 16, order16: the test runner's order in module_state.made_after)
          # 0.677 (rep16, session 16): the MP201 false alarm fixed, so viztracer563 (3 runs) is no longer found for
          # the wrong reason (its MP413 is in a wrapper of another module's decorator that asks current_process().daemon
          # under a flag of the decorator); ypkg145 found (os.fdopen); eatpytorch15 found at the loader's constructor
          # call (line 40; the header names the `for` at 41 or the pool line: scored MISLOCATED)
          # 0.806 with both and anchor16's origin findings (lead, after the session-16 merges)
          # 0.903 once a decorator of another module whose wrapper starts a process counts for a daemonic child's
          # function, the wrapper's `if daemon_safe and current_process().daemon:` never holding with a falsy flag
          # (viztracer563, rep17, session 17)
          # 0.839 with a runtime thread started two calls deep by another module's object before a fork one call below
          # (tangos #281, threads17, session 17: semantic/thread_leavers.py, rules/thread_order.py)
          # 0.935 with both (threads17 merged with main)
          "fresh_reports10": (1.0, 0.93),
          # session 16: 23 library programs from 11 public threads and two documentation pages (uvicorn workers with an
          # application object, a Celery/billiard prefork worker whose job makes a Pool, a job worker submitting a
          # factory's closure, tqdm process_map / thread_map, a dask Client at import, joblib's multiprocessing backend
          # with lambdas, a BaseManager DictProxy argument, pyper/pypeln/mwxml-shaped libraries, set_start_method after
          # an imported module fixed the context) and the l7kit package written blind; blind 0.875 / 0.452 on 3.11,
          # 3.12 and 3.13 (tests/corpus/fresh_libs7/SUMMARY.md lists every miss: a base-class method's self call to a
          # subclass override, another module's registry submitted by its method, a nested function chosen by if/elif
          # and returned, a decorator rebinding the function's name to an object, BaseManager proxy arguments, a
          # __getstate__ that drops attributes the child reads; and the false alarm: a helper's finding counted for the
          # near miss that lists the helper but calls only its fixed variant)
          # 0.909 / 0.645 in session 17 (libs17a): signacflow417 (the factory's definition the call's arguments
          # choose) and faktory45 (a property read is its return; a sibling method's parameter kept in the object
          # and submitted by another method is a sink of that method) found; libs17b: the __getstate__ that drops
          # what the child reads (pypeln74, MP302) found, 0.917 / 0.710 merged with libs17a
          # 0.926 / 0.806 with both session-17 branches merged (libs17a factories and decorator objects, libs17b proxies and __getstate__)
          "fresh_libs7": (0.92, 0.80),
          # session 16: 20 programs from 10 public threads no other corpus names (uvloop, pymeasure, dejavu, neuracore,
          # Lithops-METASPACE, cloud-volume, colored_logs, CPython #119413, OpenHands/benchmarks, MemPalace; helper
          # package r11kit); blind 0.882 / 0.750 on 3.11, 3.12 and 3.13 (tests/corpus/fresh_reports11/SUMMARY.md lists
          # every miss: default-context Queue/Lock reaching another module's executor initargs through parameters, a
          # threading.Thread subclass overriding run() not known running, a thread started in setUpClass through another
          # module's constructor before a test method forks, `"spawn" if os.name == "nt" else "fork"` not read as fork
          # on POSIX; and the false alarm: a helper's finding counted for the near miss that lists the helper but calls
          # only its fixed method)
          # 0.889 / 0.800 once a started Thread subclass runs its run() (openhands #459, threads16, session 16)
          # 0.895 / 0.850 once a default-context Queue/Lock is followed through the parameters of the function that
          # makes a spawn pool, in this module or another (cloudvolume691, rep17, session 17)
          # 0.905 / 0.950 with a thread started in setUpClass through another module's constructor before a test method
          # forks (mempalace #1431, threads17, session 17: semantic/thread_leavers.py, rules/thread_order.py)
          # 0.909 / 1.000 with both (threads17 merged with main)
          "fresh_reports11": (0.9, 1.0),
          # session 17: 24 programs from 12 public threads no other corpus names (trio-run-in-process, optview2,
          # atcollab/at, CPython #111627, nicegui, numba #9192, opentargets data_pipeline, mbed-os, Bento, RLTest,
          # cvise, mars; helper package r12kit); blind 0.727 / 0.296 on 3.11, 3.12 and 3.13
          # (tests/corpus/fresh_reports12/SUMMARY.md lists every miss: a raised class given as a parameter default, an
          # `except ... as exc` name returned by a task, one large put before a join, a start method fixed by another
          # module's function and setUpModule after the main block, the parent's own call of the task function merged
          # with the pool's, import-time side effects and running threads of imported functions, a default-context
          # Queue in a dataclass field / parameter / self-held spawn context; and the false alarm: `if self.jobs > 1`
          # with jobs=1 given to the constructor)
          # 0.750 / 0.333 once a thread another module's function leaves running counts before a fork whose workers
          # use that module (opentargets data_pipeline #472, threads17, session 17: rules/thread_order.py)
          # 1.000 / 0.519 once conditions read constructor-fixed `self.jobs` and a task's unpacked tuple items (mbed-os
          # near miss silent), a raised class given as a parameter default (trio11), import-time side effects of
          # imported functions (cpython111627) and a setUpClass-stored context (numba9192) are modelled (r12fix)
          # 1.000 / 0.630 once `except ... as exc` holds what the try body raises, through another module's function
          # too (mars1990)
          # 1.000 / 0.667 with both (threads17 and r12fix merged)
          # 1.000 / 0.963 in session 18 (r12fix2): one put of a list filled by appends in known loops (rltest248), the main
          # block before the test runner and another module's start-method helper (cvise389), a pool task the program
          # also calls (at347)
          # 1.000 / 1.000 in session 23 (fix23b: a base class's constructor sinks, a Queue held inside what is passed)
          "fresh_reports12": (1.0, 1.0),
          # session 17: 22 library programs from 12 public threads no other corpus names (requests-futures PR #31,
          # requests-toolbelt #34, pytest #5429, fundus PR #655, ms-identity-python-samples-common PR #3,
          # prometheus-anomaly-detector #122, optionchainstream PR #7, async-http-requests-tut PR #3, metaflow PR #1589,
          # pgsync #255, gunpowder PR #77, f3dasm #247; helper package l8kit) written blind; blind 1.000 / 0.692 on
          # 3.11, 3.12 and 3.13 (tests/corpus/fresh_libs8/SUMMARY.md lists every miss: an imported method storing a
          # local's value on self, a library base-class method (requests.Session.get) calling self.request overridden by
          # a subclass, a library __getstate__/__setstate__ round trip that loses an attribute the subclass's rebuild reads)
          # 1.000 / 0.923 once another module's method storing a local's certain value on self is read (fundus655) and
          # requests.Session.get runs a subclass's request override submitting to the executor its constructor was
          # given (requestsfutures31; catalog data/base_dispatch.json, Sink.pool) (l8fix, session 17)
          # 1.000 / 1.000 once requests' HTTPAdapter pickling (__attrs__ kept, __setstate__ calling init_poolmanager)
          # is checked against the subclass's override and Session.mount keeps the adapter (toolbelt34, l8fix)
          "fresh_libs8": (1.0, 1.0),
          # session 17: 18 programs from 9 public threads no other corpus names (thingy_grabber #33, Neuraxle #510,
          # ponymail-foal #158, SPFlow #42, pymc PR #245, BIT_CD #47, kbaseattic/assembly #264, materialistic #2,
          # czid-dag PR #61; helper package r13kit) written blind; blind 0.500 / 0.263, 0.688 / 0.579 with three
          # `# line:` anchors corrected (the Process(...) call besides its start()), on 3.11, 3.12 and 3.13
          # (tests/corpus/fresh_reports13/SUMMARY.md lists every miss: a `for` over an object whose __iter__ starts
          # processes at import, a parent that ends with unjoined spawned children holding a queue's semaphores, a
          # multiprocessing lock released twice, a fork reached through a method of a list attribute's elements;
          # and the false alarms: findings of a shared helper's own hazardous code counted for the near miss
          # that imports the helper)
          # 0.773 / 0.895 in session 18 (r13fix): the iteration protocol as a call (materialistic2), methods of a
          # constructor-given list's items (czid61), new rule MP307 lock-released-twice (kbase264)
          # 0.792 / 1.000 in session 23 (fix23a: MP206 for a program that ends right after starting a child given
          # a Lock or Queue; the false alarms are the shared-helper layout)
          "fresh_reports13": (0.79, 1.0),
          # session 18, written blind (blind18s, blind18r, blind18l; each SUMMARY.md lists every miss with the model it
          # needs): realistic programs from 9 public threads, blind 1.000 / 0.773 on 3.11, 3.12 and 3.13 (an imported
          # class's instance state two modules away with a decorator-filled registry; a generator method's call)
          # 1.000 / 1.000 in session 18 (r10fix): another module's generator method, classes two modules away, a
          # registry another module's class decorator fills
          "fresh_realistic10": (1.0, 1.0),
          # bug-report programs from 9 public threads, blind 1.000 / 0.190 on 3.11, 3.12 and 3.13 (start method set
          # through a wrapper in a retry loop, an inherited five-argument exception __init__, a started Process as an
          # argument, an imported daemonic target starting a process two modules down, ...)
          # 1.000 / 0.667 in session 18 (r14fix): a start method set through wrappers and in a retry loop, a started
          # Process pickled, an imported daemonic target, lists copied in a constructor and tuples unpacked
          # 1.000 / 0.810 in session 19 (fix19b): an exception's __init__ along its C3 order, raised in another
          # module's constructor a task calls
          "fresh_reports14": (1.0, 1.0),
          # library programs from 9 public threads, blind 1.000 / 0.154 on 3.11, 3.12 and 3.13 (12 of its 22 missed
          # runs: a class whose __reduce__ always raises is unpicklable for pickle, cloudpickle and dill alike)
          # 1.000 / 0.654 in session 18 (l9fix): a class whose own pickling method only raises, a helper's worker count,
          # dask's spawn under a fork default, an imported object filled by a method called here
          # 1.000 / 0.885 in session 19 (fix19a): an imported class's state through its module's globals, kept
          # constructor arguments and returned nested functions; methods another module's function calls on a parameter
          "fresh_libs9": (1.0, 0.88),
          # session 22, written blind (blindlib22): library programs from 9 public threads, blind 0.867 / 0.520 on
          # 3.11 (the false alarm: a Pool imported from multiprocessing.dummy in a branch the caller's argument takes)
          # 1.000 / 0.640 in session 22 (fixlib22: imports chosen by the callers' arguments, a dask scheduler named
          # by a parameter or a settings dict item)
          # 1.000 / 0.880 after fixlib22b (lambdas unpacked into self from a local table) and fixlib22c (a task result
          # hashed inside its own state before pickle restores its __dict__)
          # 1.000 / 1.000 in session 23 (fix23b: classes made by type() in a function; num_proc from an option default)
          "fresh_libs10": (1.0, 1.0),
          # session 23, written blind (blindlib23): library programs from 9 public threads, blind 1.000 / 0.556 on
          # 3.11 (SUMMARY.md lists the four missed programs with the model each needs)
          # 1.000 / 0.889 in session 23 (fixlib23: cryptography keys and distributed clients measured into the pickle
          # catalog, attributes set on another module's object, pool-parameter sinks, items a returned regrouping gives)
          # 1.000 / 1.000 in session 24 (fix24a: a pool another module's helper returns, a pool class from a dict on self)
          "fresh_libs11": (1.0, 1.0),
          # session 24, written blind (blindlib24): library programs from 7 public threads, blind 0.750 / 0.429 on
          # 3.11 (the false alarm: MP413 for a billiard Pool inside a billiard worker, which billiard allows;
          # SUMMARY.md lists every miss with the model it needs)
          # 1.000 / 1.000 in session 24 (fixlib24: billiard children in daemonic processes, generators and modules
          # kept on self, self.<method> submitted with the caller's concrete class)
          "fresh_libs12": (1.0, 1.0),
          # session 24, written blind (blindlib24b): library programs from 8 public threads, blind 1.000 / 0.130 on
          # 3.11 (SUMMARY.md lists every miss with the model it needs)
          # 1.000 / 0.652 in session 24 (fixlib24b: module objects, __enter__ raises, closures returned by another
          # module's methods; fixlib24c: nested dataclass fields, a mapped callable parameter on a dask bag)
          # 1.000 / 0.783 in session 25 (fix25b: MP423 at library pools that fork, through a third module's task)
          "fresh_libs13": (1.0, 0.78),
          # session 25, written blind (blindlib25): library programs from 8 public threads, blind 1.000 / 0.500 on
          # 3.11 (SUMMARY.md lists every miss with the model it needs: library exceptions that cannot be rebuilt,
          # SAX exceptions on a queue, lists of lxml elements another module returns, cv2 operators and num_workers
          # through a config object)
          # 1.000 / 0.636 in session 25 (fix25c); 1.000 / 1.000 in session 26 (fix26b: cv2 objects in the pickle
          # catalog, a DataLoader's num_workers from its call sites, library calls that raise cataloged exceptions,
          # another module's worker loop sending what the caller's function raised; two anchors corrected)
          "fresh_libs14": (1.0, 1.0),
          # session 26, written blind (blindlib26): library programs from 8 public threads, blind 1.000 / 0.476 on
          # 3.11 (SUMMARY.md lists every miss with the model it needs: a tqdm bar fixing the start method, lxml
          # calls raising XMLSyntaxError in a task, num_workers through a config, a worker dying before its put)
          # 1.000 / 0.619 in session 26 (fix26e: library calls that fix the start method, tqdm's lock, as catalog data)
          "fresh_libs15": (1.0, 0.71),
          # session 27, written blind (blindlib27): library programs from 6 public threads, blind 0.500 / 0.286 on
          # 3.11 (SUMMARY.md lists every miss and false alarm with the model it needs: builtin next() reaching a
          # class's __next__ that starts processes, a task registry whose functions travel as pool task arguments,
          # __setstate__ rebuilding a client from the environment, a memoizing accessor's return value; false
          # alarms: a Pool start under a branch the known argument rules out, os.environ.setdefault at import)
          "fresh_libs16": (0.87, 1.0),
          # session 19, written blind (blind19r): bug-report programs from 10 public threads, blind 1.000 / 0.227 on
          # 3.11, 3.12 and 3.13 (SUMMARY.md lists every miss with the model it needs)
          # 1.000 / 1.000 in session 19 (fix19c: parameter defaults a call leaves out, __call__ of an imported class,
          # the with statement's __enter__, imported dataclass lambda defaults; fix19d: another module's queue
          # writes, default_factory containers, a mapping of exception classes, a task module's import-time Manager)
          "fresh_reports15": (1.0, 1.0),
          # session 20, written blind (blind20): bug-report programs from 9 public threads, blind 0.867 / 0.565 on
          # 3.11, 3.12 and 3.13 (SUMMARY.md lists every miss with the model it needs: parameter default values, a
          # context passed as a parameter; and the false alarm: a start-method condition through a cleared attribute)
          # 1.000 / 0.696 in session 20 (fix20f): findings only under the start methods that reach their code, callable
          # parameter defaults for calls that leave them out, also through another module's returned object
          # 1.000 / 1.000 in session 23 (fix23c: MP302 also at the dispatch that runs the reading function)
          "fresh_reports16": (1.0, 1.0),
          # session 21, written blind (blind21): bug-report programs from 9 public threads, blind 0.583 / 0.304 on
          # 3.11, 3.12 and 3.13 (0.667 / 0.435 with one anchor corrected); 1.000 / 0.826 after fix21c (caught
          # exceptions across modules, contexts chosen by get_start_method(allow_none=True), exceptions put on a
          # queue, results pickle cannot rebuild) and fix21d (class-level containers filled in the parent, start
          # methods chosen at import by imported modules, swallowed set_start_method)
          "fresh_reports17": (1.0, 0.82),
          # session 22, written blind (blind22): bug-report programs from 9 public threads, blind 0.800 / 0.471 on 3.11
          # (0.818 / 0.529 with one anchor corrected; the false alarm: a bound-method initializer pickled before the
          # attribute that would refuse it is assigned)
          # 1.000 / 1.000 in session 22 (fix22r: an object's state at the moment a Pool initializer is pickled, items
          # of containers stored on self, started processes kept by a loop, a reused process-wide executor after a
          # fork, MP416 for a worker that raises before its put while the parent waits)
          "fresh_reports18": (1.0, 1.0),
          # session 23, written blind (blind23): bug-report programs from 9 public threads, blind 1.000 / 0.261 on
          # 3.11, 3.12 and 3.13 (SUMMARY.md lists every miss with the model it needs)
          # 1.000 / 0.609 in session 23 (fix23c: MP302 at the dispatch, module globals replaced by setattr, MP414 for a
          # task that ends its worker)
          # 1.000 / 0.870 in session 24 (fix24b: MP417, a join after stopping the child's only source)
          "fresh_reports19": (1.0, 0.87),
          # session 23, written blind (blind23b): bug-report programs from 9 public threads, blind 0.909 / 0.526 on
          # 3.11, 3.12 and 3.13 (the false alarm: MP423 for a child that gives the inherited handler a fresh lock
          # before it logs; SUMMARY.md lists every miss with the model it needs)
          # 1.000 / 0.947 in session 23 (fix23d: a lock the forked child makes anew, MP416 through a Process subclass and
          # a field, what a subclass forwards to Process.__init__, MP101 through a factory's object)
          # 1.000 / 1.000 in session 24 (fix24a: another module's default-context Queue in a spawn child's arguments)
          "fresh_reports20": (1.0, 1.0),
          # session 24, written blind (blind24): bug-report programs from 9 public threads, blind 1.000 / 0.650 on
          # 3.11, 3.12 and 3.13 (SUMMARY.md lists every miss with the model it needs)
          # 1.000 / 0.900 in session 24 (fix24e: exceptions sent as values, another module's bound-method targets)
          "fresh_reports21": (1.0, 0.9),
          # session 24, written blind (blind24b): bug-report programs from 9 public threads, blind 0.824 / 0.560 on
          # 3.11, 3.12 and 3.13 (0.842 / 0.640 with MP302's anchor at the parent's write, the oracle's convention;
          # the false alarm: MP413 for a pool start inside a try that falls back on AssertionError)
          # 1.000 / 0.760 in session 24 (fix24f: a handled daemonic refusal, expat parsers in results)
          # 1.000 / 0.880 in session 25 (fix25a: MP418, a pipe end the parent keeps open while it reads to EOF)
          # 1.000 / 1.000 in session 26 (fix26a: a forked child's records handed to a handler's thread it lacks)
          "fresh_reports22": (1.0, 0.99),
          # session 25, written blind (blind25): bug-report programs from 9 public threads, blind 1.000 / 0.381 on
          # 3.11, 3.12 and 3.13, no anchor correction (SUMMARY.md lists every miss with the model it needs)
          # 1.000 / 0.762 in session 25 (fix25c: library exceptions raised in a helper, a decorator's replaced
          # function sent to a child, items of a returned list mapped over a pool, a start method reset that fails)
          # 1.000 / 1.000 in session 26 (fix26a: MP410's size through another module's helper, a try body and a
          # dataclass field; MP302 for a named logger given handlers by the parent's helper)
          "fresh_reports23": (1.0, 0.99),
          # session 26, written blind (blind26): bug-report programs from 9 public threads, blind 0.667 / 0.250 on
          # 3.11, 3.12 and 3.13, no anchor correction (the false alarm: MP413 for a library pool behind a module setting
          # the worker module sets to 1 at import; SUMMARY.md lists every miss with the model it needs)
          # 1.000 / 0.708 in session 26 (fix26d: module settings set by the importer decide a helper's start; a pool
          # handed to another module's helper at import; receiver attributes; MP302 through another module's class;
          # fix26e: MP419 for task errors nobody observes)
          "fresh_reports24": (1.0, 0.87),
          # session 27, written blind (blind27): bug-report programs from 9 public threads, blind 1.000 / 0.095 on
          # 3.11, 3.12 and 3.13 (found: MP101 for a bot run at module level); 1.000 / 0.190 after one anchor correction
          # (MP302 sits on the parent's write, the header had named only the map and the helper's read); no false alarm;
          # SUMMARY.md lists every miss with the model it needs
          "fresh_reports25": (1.0, 0.85)}


def _recorded(folder: Path) -> Path:
    """The runs to score against: 3.11's (results.json), which the floors were measured on. mpguard's analysis
    does not depend on the interpreter it runs on before 3.14 (the words of its messages aside), while the runs
    recorded on 3.12 and 3.13 may differ for reasons outside it (a library absent when they were recorded).
    On 3.14 mpguard judges 3.14 (its forkserver preloads `__main__`): the runs recorded there, when any."""
    if sys.version_info[:2] >= (3, 14):
        own = sorted(folder.glob("results_py3.14*.json"))
        if own:
            return own[0]
    return folder / "results.json"


COMMAND = shlex.join([sys.executable, "-m", "mpguard", "check", "--output-format", "json"])
# Scored by evaluate.py run as its own process (its analyser too), as the team runs it, and also in the one process
# below: both must print the same, the analyser's wall time aside. They are scored last there, after every other
# corpus, so that state the analyser kept from one run to the next would show.
COMPARED = ("realistic", "libraries")


def _not_judged_here(corpus: str, results: Path) -> str | None:
    recorded_on = tuple(int(part) for part in json.loads(results.read_text())["python"].split(".")[:2])
    if sys.version_info[:2] >= (3, 14) > recorded_on:
        # 3.14's forkserver imports `__main__` in its server and forks every child from it: state a script makes
        # at import is shared as under fork. mpguard run on 3.14 says so; runs recorded on 3.11 cannot judge that
        return f"tests/corpus/{corpus} has no runs recorded on Python 3.14 (its forkserver differs from 3.11's)"
    return None


@pytest.fixture(scope="module")
def in_one_process() -> dict:
    """Every corpus judged here, scored by evaluate.py with its analyser run in one process for all of them
    (tests/corpus/evaluate_in_one_process.py): one interpreter start and import of mpguard instead of one per
    corpus. corpus -> [evaluate.py's stdout, stderr, exit status]."""
    corpora = [c for c in sorted(FLOORS) if _not_judged_here(c, _recorded(CORPUS / c)) is None]
    corpora = [c for c in corpora if c not in COMPARED] + [c for c in corpora if c in COMPARED]
    done = subprocess.run([sys.executable, str(CORPUS / "evaluate_in_one_process.py"), "--cmd", COMMAND,
                           *(f"{CORPUS / c / 'cases'}:{_recorded(CORPUS / c)}" for c in corpora)],
                          capture_output=True, text=True, timeout=300 * len(corpora))
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return json.loads(done.stdout)


def _without_wall_time(stdout: str) -> str:
    return re.sub(r"analyser_wall_s=[\d.]+", "analyser_wall_s=", stdout)


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_scores_hold(corpus, in_one_process):
    results = _recorded(CORPUS / corpus)
    reason = _not_judged_here(corpus, results)
    if reason:
        pytest.skip(reason)
    if corpus in COMPARED:
        done = subprocess.run([sys.executable, str(CORPUS / "evaluate.py"), "--cases", str(CORPUS / corpus / "cases"),
                               "--results", str(results), "--cmd", COMMAND],
                              capture_output=True, text=True, timeout=300)
        stdout, stderr = done.stdout, done.stderr
        assert _without_wall_time(in_one_process[corpus][0]) == _without_wall_time(stdout), \
            "scored in one process for all corpora, the corpus scores otherwise than by a process of its own"
    else:
        stdout, stderr, _status = in_one_process[corpus]
    last = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    match = re.search(r"precision=([\d.]+) recall=([\d.]+)", last)
    assert match, stdout[-2000:] + stderr[-2000:]
    precision, recall = float(match.group(1)), float(match.group(2))
    lowest_precision, lowest_recall = FLOORS[corpus]
    misses = "\n".join(line for line in stdout.splitlines() if line.startswith(("FALSE+", "MISSED", "MISLOC")))
    assert precision >= lowest_precision, misses
    assert recall >= lowest_recall, misses
