# family: start_method
# hazard: none
# line: none
# files: r14kit/pow.py r14kit/registration_fixed.py
# expect: fork=ok spawn=ok forkserver=ok
# note: https://github.com/RaoFoundation/bittensor/pull/935 -- the fix: the solver forces the spawn method only for the solve (set_start_method("spawn", force=True) in a with-block that restores the old method after), so re-registering in the same process works
"""btcli-like `register` command: solve the proof of work, submit it, and register again when the
submitted work went stale."""
import argparse
import sys

from r14kit.pow import Subtensor, Wallet
from r14kit.registration_fixed import create_pow


class ChainClient:
    """Submits registrations; the chain moves one block after every submission."""

    def __init__(self, subtensor: Subtensor, stale_first: int = 1):
        self.subtensor = subtensor
        self.stale_left = stale_first
        self.submitted = []

    def submit_registration(self, wallet: Wallet, pow_result: dict) -> bool:
        self.submitted.append(pow_result['nonce'])
        fresh = self.stale_left == 0
        self.stale_left = max(0, self.stale_left - 1)
        self.subtensor.block += 1
        if fresh:
            wallet.registered = True
        return fresh


def register(client: ChainClient, wallet: Wallet, max_allowed_attempts: int = 3,
             num_processes: int = 2) -> int:
    attempts = 0
    while attempts < max_allowed_attempts and not wallet.is_registered(client.subtensor):
        attempts += 1
        pow_result = create_pow(client.subtensor, wallet, num_processes=num_processes)
        if pow_result is None:
            continue
        if client.submit_registration(wallet, pow_result):
            print(f"registered {wallet.name}/{wallet.hotkey} at attempt {attempts}")
        else:
            print(f"attempt {attempts}: work for block {pow_result['block_number']} is stale, retrying")
    return attempts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="btcli-register")
    parser.add_argument("--wallet", default="default")
    parser.add_argument("--hotkey", default="miner1")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)

    client = ChainClient(Subtensor(difficulty=64), stale_first=1)
    wallet = Wallet(args.wallet, args.hotkey)
    attempts = register(client, wallet, num_processes=args.processes)
    ok = wallet.is_registered(client.subtensor) and attempts == 2
    print(f"RESULT=registered:{wallet.registered}:attempts={attempts}")
    return 0 if ok else 3


if __name__ == "__main__":
    sys.exit(main())
