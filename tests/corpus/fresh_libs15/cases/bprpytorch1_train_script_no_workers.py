# family: guard
# hazard: none
# line: none
# files: l27kit/__init__.py l27kit/bprdata.py
# expect: fork=ok spawn=ok forkserver=ok
# timeout: 60
# note: https://github.com/guoyang9/BPR-pytorch/issues/1 -- near miss: the maintainer's answer in the thread ("Try to set the num_worker to be 0", and the reporter: "problem solved"): the same unguarded script with num_workers=0, so the DataLoader loads in the main process and starts no worker
"""Train Bayesian Personalised Ranking on implicit feedback (BPR-pytorch's main.py)."""
import argparse
import time

import torch
import torch.utils.data as data

from l27kit import bprdata

parser = argparse.ArgumentParser()
parser.add_argument("--lr", type=float, default=0.05, help="learning rate")
parser.add_argument("--lamda", type=float, default=0.001, help="model regularization rate")
parser.add_argument("--batch_size", type=int, default=16, help="batch size for training")
parser.add_argument("--epochs", type=int, default=2, help="training epochs")
parser.add_argument("--factor_num", type=int, default=8, help="predictive factors numbers in the model")
parser.add_argument("--num_ng", type=int, default=2, help="sample negative items for training")
parser.add_argument("--num_workers", type=int, default=0, help="data loading processes")
args = parser.parse_args()

############################## PREPARE DATASET ##########################
train_data, user_num, item_num, train_mat = bprdata.load_all()

train_dataset = bprdata.BPRData(train_data, item_num, train_mat, args.num_ng, True)
train_loader = data.DataLoader(train_dataset, batch_size=args.batch_size, shuffle=True,
                               num_workers=args.num_workers)

########################### CREATE MODEL #################################
model = bprdata.BPR(user_num, item_num, args.factor_num)
optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, weight_decay=args.lamda)


def bpr_loss(prediction_i, prediction_j):
    return -(prediction_i - prediction_j).sigmoid().log().sum()


########################### TRAINING #####################################
count = 0
for epoch in range(args.epochs):
    model.train()
    start_time = time.time()
    train_loader.dataset.ng_sample()

    for user, item_i, item_j in train_loader:
        model.zero_grad()
        prediction_i, prediction_j = model(user, item_i, item_j)
        loss = bpr_loss(prediction_i, prediction_j)
        loss.backward()
        optimizer.step()
        count += 1

    elapsed_time = time.time() - start_time
    print("Epoch {:03d} ".format(epoch) + "took " + time.strftime("%H: %M: %S", time.gmtime(elapsed_time)))

print(f"RESULT={count}")
