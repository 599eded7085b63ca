# family: joblib
# hazard: none
# line: none
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 40
# note: False friend: the same notebook-style script at module level with joblib's default loky backend. loky's workers are started by its own launcher and receive functions of __main__ by value (cloudpickle), so the script is not re-run in them and no guard is needed on Linux. Shape of https://github.com/nchopin/particles/pull/28 ("Joblib with loky instead of multiprocessing": "It's working ... without the name == main guard") and https://github.com/joblib/loky/pull/147 (functions from __main__ serialised with cloudpickle).
# In[1]:
import hashlib

from joblib import Parallel, delayed

# In[2]:
PASSWORDS = ["hunter2", "correct horse", "letmein", "tr0ub4dor&3", "password1", "qwerty"]
ROUNDS = 2_000


def stretch(secret, rounds=ROUNDS):
    digest = secret.encode()
    for _ in range(rounds):
        digest = hashlib.sha256(digest).digest()
    return digest.hex()[:12]


# In[3]:
digests = Parallel(n_jobs=2)(delayed(stretch)(p) for p in PASSWORDS)

# In[4]:
def strength(secret):
    classes = [any(c.islower() for c in secret), any(c.isupper() for c in secret),
               any(c.isdigit() for c in secret), any(not c.isalnum() for c in secret)]
    return sum(classes) * len(secret)


ranking = sorted(PASSWORDS, key=strength, reverse=True)
print("strongest first:", ", ".join(ranking))

# In[5]:
for password, digest in zip(PASSWORDS, digests):
    print(f"{password:>15}  {digest}")
print("RESULT=" + str(len(set(digests))))
