"""A torch DataLoader with workers iterated at import time inside another loop (fresh_libs
torch_dataloader_training_loop_unguarded): the epoch loop runs at import, so its inner loop does too."""
from helpers import found

SRC = """
    import torch
    from torch.utils.data import DataLoader, TensorDataset
    dataset = TensorDataset(torch.randn(8, 2))
    loader = DataLoader(dataset, batch_size=4, num_workers=2)
    for epoch in range(2):
        for (xb,) in loader:
            print(xb.shape)
"""


def test_an_epoch_loop_at_import_iterates_the_loader_at_import():
    [finding] = found(SRC, "MP101")
    assert "iterating `loader`" in finding.message
    assert finding.start_methods == {"spawn", "forkserver"}


def test_the_same_loops_in_a_function_or_under_the_guard_do_not():
    in_function = SRC.replace("for epoch in range(2):", "def train():\n        for epoch in range(2):").replace(
        "        for (xb,) in loader:\n            print(xb.shape)",
        "            for (xb,) in loader:\n                print(xb.shape)")
    assert found(in_function, "MP101") == []
    guarded = SRC.replace("for epoch in range(2):", 'if __name__ == "__main__":\n      for epoch in range(2):')
    assert found(guarded, "MP101") == []


def test_a_dataset_subclass_pickles_its_dict_so_an_open_file_it_keeps_reaches_the_workers():
    # fresh_libs torch_dataset_open_file_handle: torch.utils.data.Dataset defines no custom pickling
    src = """
        import torch
        from torch.utils.data import DataLoader, Dataset
        class LineDataset(Dataset):
            def __init__(self, path):
                self.handle = open(path)
            def __len__(self):
                return 1
            def __getitem__(self, i):
                return torch.tensor(i)
        def main():
            loader = DataLoader(LineDataset("a.txt"), batch_size=4, num_workers=2)
            return [b for b in loader]
        if __name__ == "__main__":
            main()
    """
    [finding] = found(src, "MP203")
    assert ".handle is an open file" in finding.message
    assert finding.start_methods == {"spawn", "forkserver"}
    lazy = src.replace("self.handle = open(path)", "self.path = path")
    assert found(lazy, "MP203") == []
