# family: guard
# hazard: module-level-pool-without-main-guard
# line: 45 48
# files: r22kit/tokenizer.py
# timeout: 12
# expect: fork=ok spawn=bootstrap_error+hang forkserver=bootstrap_error+hang
# note: https://github.com/karpathy/build-nanogpt/pull/88 -- "Fixed fineweb script to run on Windows": fineweb.py tokenizes the dataset with `with mp.Pool(nprocs) as pool: for tokens in pool.imap(tokenize, fw, chunksize=16)` at module level; under spawn every worker re-imports the script, reaches the Pool again and fails with "An attempt has been made to start a new process before the current process has finished its bootstrapping phase", and the pool keeps replacing the dying workers
"""
FineWeb-Edu-like dataset (for srs pretraining), tokenized into shards of uint16 tokens.
Run simply as: python fineweb.py
"""
import os
import sys
import tempfile
import multiprocessing as mp

from r22kit.tokenizer import ByteTokenizer, sample_documents

# ------------------------------------------
local_dir = tempfile.mkdtemp(prefix="edu_fineweb_")
shard_size = 512  # tokens per shard

fw = sample_documents(120)

# init the tokenizer
enc = ByteTokenizer()
eot = enc._special_tokens['<|endoftext|>']  # end of text token


def tokenize(doc):
    # tokenizes a single document and returns a list of tokens
    tokens = [eot]  # the special <|endoftext|> token delimits all documents
    tokens.extend(enc.encode_ordinary(doc["text"]))
    assert all(0 <= t < 2 ** 16 for t in tokens), "token dictionary too large for uint16"
    return tokens


def write_datafile(filename, tokens):
    with open(filename, "w") as fh:
        fh.write(" ".join(map(str, tokens)))


# tokenize all documents and write output shards, each of shard_size tokens (last shard has remainder)
nprocs = 2
with mp.Pool(nprocs) as pool:
    shard_index = 0
    buffer = []
    for tokens in pool.imap(tokenize, fw, chunksize=16):
        buffer.extend(tokens)
        while len(buffer) >= shard_size:
            split = "val" if shard_index == 0 else "train"
            write_datafile(os.path.join(local_dir, f"edufineweb_{split}_{shard_index:06d}"), buffer[:shard_size])
            buffer = buffer[shard_size:]
            shard_index += 1
    if buffer:
        write_datafile(os.path.join(local_dir, f"edufineweb_train_{shard_index:06d}"), buffer)
        shard_index += 1

shards = len(os.listdir(local_dir))
print(f"RESULT={shards}")
sys.exit(0 if shards == shard_index and shards > 1 else 3)
