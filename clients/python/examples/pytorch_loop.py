"""A plain PyTorch training loop that logs to Distillery (run it with DISTILLERY_API_URL/TOKEN set, or after
`npx distillery login`):

    python3 examples/pytorch_loop.py --project demo --epochs 20

A tiny MLP on a synthetic two-moons-like problem, so it runs in seconds on a CPU; replace the data and
the model with your own. Per-step loss, per-epoch train/val accuracy, and the final test accuracy in
the summary (which the results table reads).
"""

from __future__ import annotations

import argparse
import math

import torch
from torch import nn

import distillery


def make_data(n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """Two interleaved half-circles with noise: a small problem a linear model cannot solve."""
    t = torch.rand(n, generator=generator) * math.pi
    label = torch.randint(0, 2, (n,), generator=generator)
    x = torch.stack([torch.cos(t) + label, torch.sin(t) * (1 - 2 * label) + 0.5 * label], dim=1)
    return x + 0.1 * torch.randn(n, 2, generator=generator), label


def accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return (model(x).argmax(dim=1) == y).float().mean().item()


def main() -> str:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", default=None, help="project id or slug (default: DISTILLERY_PROJECT / your only one)")
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    g = torch.Generator().manual_seed(args.seed)
    torch.manual_seed(args.seed)
    x_train, y_train = make_data(800, g)
    x_val, y_val = make_data(200, g)
    x_test, y_test = make_data(200, g)
    model = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 2))
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()

    run = distillery.init(
        project=args.project,
        name="pytorch two-moons mlp",
        params={"lr": args.lr, "epochs": args.epochs, "optimizer": "sgd", "momentum": 0.9, "hidden": 32},
        seed=args.seed,
        tags=["pytorch", "example"],
    )
    with run:  # finishes SUCCEEDED, or FAILED with the exception if training raises
        step = 0
        for epoch in range(args.epochs):
            perm = torch.randperm(len(x_train), generator=g)
            for i in range(0, len(perm), 64):
                idx = perm[i : i + 64]
                optimizer.zero_grad()
                loss = loss_fn(model(x_train[idx]), y_train[idx])
                loss.backward()
                optimizer.step()
                run.log({"loss": loss.item()}, step=step)  # returns at once; sent in the background
                step += 1
            run.log({"train_accuracy": accuracy(model, x_train, y_train), "val_accuracy": accuracy(model, x_val, y_val)}, step=epoch)
        run.summary["test_accuracy"] = accuracy(model, x_test, y_test)
        run.summary["parameter_count"] = sum(p.numel() for p in model.parameters())
    print(run.id)
    return run.id


if __name__ == "__main__":
    main()
