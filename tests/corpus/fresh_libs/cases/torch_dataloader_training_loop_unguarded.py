# family: torch
# hazard: missing-main-guard
# line: 27
# expect: fork=ok spawn=bootstrap_error forkserver=bootstrap_error
# timeout: 90
# note: A tutorial-style training script with the loop at module level and `num_workers=2`. Where fork is the default it runs; under spawn or forkserver each DataLoader worker re-imports the script and reaches the loop again: "An attempt has been made to start a new process before the current process has finished its bootstrapping phase". Shape of https://github.com/pytorch/pytorch/issues/5858 (Windows, DataLoader workers, fixed by `if __name__ == '__main__':`; cited again in https://github.com/Xiaoming-Yu/SingleGAN/issues/1 and https://github.com/likyoo/Siam-NestedUNet/issues/35).
import torch
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

# data
features = torch.randn(96, 4)
weights = torch.tensor([0.5, -1.0, 2.0, 0.0])
targets = (features @ weights > 0).float()
dataset = TensorDataset(features, targets)
loader = DataLoader(dataset, batch_size=32, shuffle=True, num_workers=2)

# model
model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
criterion = torch.nn.BCEWithLogitsLoss()

# training
for epoch in range(2):
    total = 0.0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = criterion(model(xb).squeeze(-1), yb)
        loss.backward()
        optimizer.step()
        total += float(loss) * len(xb)
    print(f"epoch {epoch}: loss {total / len(dataset):.4f}")

# evaluation
with torch.no_grad():
    predictions = (model(features).squeeze(-1) > 0).float()
accuracy = float((predictions == targets).float().mean())
print(f"train accuracy {accuracy:.2f}")
print("RESULT=" + str(accuracy > 0.5))
