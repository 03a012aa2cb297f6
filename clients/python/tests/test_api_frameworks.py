"""The Keras callback (driven by a stand-in model: TensorFlow is not installable here) and the PyTorch example."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import PACKAGE

import distillery
from distillery.keras import DistilleryCallback


class StandInModel:
    """Calls its callbacks in the order and with the arguments keras.Model.fit uses."""

    def count_params(self) -> int:
        return 1234

    def fit(self, epochs: int, steps: int, callbacks: list) -> None:
        for cb in callbacks:
            cb.set_model(self)
            cb.set_params({"epochs": epochs, "steps": steps, "verbose": 0})
        for cb in callbacks:
            cb.on_train_begin({})
        for epoch in range(epochs):
            for cb in callbacks:
                cb.on_epoch_begin(epoch, {})
            for batch in range(steps):
                logs = {"loss": 1.0 / (epoch * steps + batch + 1), "accuracy": 0.5 + 0.01 * epoch}
                for cb in callbacks:
                    cb.on_train_batch_begin(batch, {})
                    cb.on_train_batch_end(batch, logs)
            epoch_logs = {"loss": 1.0 / (epoch + 1), "accuracy": 0.5 + 0.1 * epoch, "val_loss": 2.0 / (epoch + 1)}
            for cb in callbacks:
                cb.on_epoch_end(epoch, epoch_logs)
        for cb in callbacks:
            cb.on_train_end({})


def test_the_keras_callback_logs_epochs_and_batches(client) -> None:
    run = distillery.init(client=client, name="python keras", params={"optimizer": "adam"})
    callback = DistilleryCallback(run, log_every_batches=5, finish_on_train_end=True)
    StandInModel().fit(epochs=3, steps=10, callbacks=[callback])
    assert callback.fit_params["epochs"] == 3
    got = client.run(run.id)
    assert got["status"] == "SUCCEEDED"
    assert sorted(got["metricKeys"]) == ["accuracy", "batch/accuracy", "batch/loss", "loss", "val_loss"]
    val = client.history(run.id, "val_loss", as_frame=False)
    assert [(r["step"], r["value"]) for r in val] == [(0, 2.0), (1, 1.0), (2, 2.0 / 3)]
    batches = client.history(run.id, "batch/loss", as_frame=False)
    assert [r["step"] for r in batches] == [5, 10, 15, 20, 25, 30]
    assert got["summary"]["parameter_count"] == 1234 and got["summary"]["val_loss"] == 2.0 / 3


def test_the_pytorch_example_trains_and_logs(client) -> None:
    env = {**os.environ, "PYTHONPATH": str(PACKAGE / "src")}
    r = subprocess.run(
        [sys.executable, str(PACKAGE / "examples" / "pytorch_loop.py"), "--epochs", "15"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    run_id = r.stdout.strip().splitlines()[-1]
    got = client.run(run_id)
    assert got["status"] == "SUCCEEDED" and got["params"]["epochs"] == 15
    assert got["summary"]["test_accuracy"] > 0.9, got["summary"]
    loss = client.history(run_id, "loss", as_frame=False)
    assert len(loss) == 15 * 13  # 800 samples in batches of 64
    assert loss[-1]["value"] < loss[0]["value"]
    assert [r["step"] for r in client.history(run_id, "val_accuracy", as_frame=False)] == list(range(15))
