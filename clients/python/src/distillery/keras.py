"""A Keras callback that logs ``fit``'s metrics to a Distillery run, as W&B's ``WandbMetricsLogger`` does.

    run = distillery.init(project="demo", name="keras cnn", params={"lr": 1e-3})
    model.fit(x, y, epochs=5, validation_split=0.1, callbacks=[DistilleryCallback(run)])
    run.finish()

Epoch metrics (``loss``, ``accuracy``, ``val_loss``, …) are logged at step = epoch; with
``log_every_batches=N`` the training-batch metrics are also logged every N batches under
``batch/<name>`` at a global batch step. TensorFlow is not a dependency: the callback subclasses
``keras.callbacks.Callback`` when Keras can be imported and otherwise provides the same hooks.
"""

from __future__ import annotations

from typing import Any, Mapping

from .run import Run

try:  # Keras 3, then tf.keras; neither is required to import this module
    from keras.callbacks import Callback as _Base  # type: ignore[import-not-found]
except Exception:  # noqa: BLE001 - any import failure means: no Keras here
    try:
        from tensorflow.keras.callbacks import Callback as _Base  # type: ignore[import-not-found]
    except Exception:  # noqa: BLE001
        _Base = object  # type: ignore[assignment,misc]


def _scalars(logs: Mapping[str, Any] | None) -> dict[str, float]:
    """The numeric entries of a Keras ``logs`` dict (tensors and numpy scalars become floats)."""
    out = {}
    for k, v in (logs or {}).items():
        try:
            out[k] = float(v)
        except (TypeError, ValueError):
            continue
    return out


class DistilleryCallback(_Base):  # type: ignore[misc,valid-type]
    """Logs epoch (and optionally batch) metrics of ``model.fit`` to ``run``; records the parameter count."""

    def __init__(self, run: Run, *, log_every_batches: int = 0, finish_on_train_end: bool = False) -> None:
        if _Base is not object:
            super().__init__()
        self.run = run
        self.log_every_batches = log_every_batches
        self.finish_on_train_end = finish_on_train_end
        # Own names: Keras 3 makes `model` a read-only property of its Callback.
        self.fit_model: Any = None
        self.fit_params: dict[str, Any] = {}
        self._batch_step = 0

    # Keras calls these two before training; defined here too for the no-Keras base.
    def set_model(self, model: Any) -> None:
        """Remember the model (Keras hook)."""
        if _Base is not object:
            super().set_model(model)
        self.fit_model = model

    def set_params(self, params: Mapping[str, Any]) -> None:
        """Remember fit's parameters: epochs, steps (Keras hook)."""
        if _Base is not object:
            super().set_params(params)
        self.fit_params = dict(params)

    def on_train_begin(self, logs: Mapping[str, Any] | None = None) -> None:
        """Record the model's parameter count in the summary, when the model can tell."""
        count = getattr(self.fit_model, "count_params", None)
        if callable(count):
            self.run.summary["parameter_count"] = int(count())

    def on_train_batch_end(self, batch: int, logs: Mapping[str, Any] | None = None) -> None:
        """Every ``log_every_batches`` batches, log the running batch metrics under ``batch/``."""
        self._batch_step += 1
        if self.log_every_batches and self._batch_step % self.log_every_batches == 0:
            metrics = {f"batch/{k}": v for k, v in _scalars(logs).items()}
            if metrics:
                self.run.log(metrics, step=self._batch_step)

    def on_epoch_end(self, epoch: int, logs: Mapping[str, Any] | None = None) -> None:
        """Log the epoch's metrics (train and validation) at step = epoch."""
        metrics = _scalars(logs)
        if metrics:
            self.run.log(metrics, step=epoch)

    def on_train_end(self, logs: Mapping[str, Any] | None = None) -> None:
        """Flush what was logged; finish the run when asked to."""
        if self.finish_on_train_end:
            self.run.finish("SUCCEEDED")
        else:
            self.run.flush()

    # The remaining Keras hooks, as no-ops for the no-Keras base.
    def on_epoch_begin(self, epoch: int, logs: Mapping[str, Any] | None = None) -> None:
        """Keras hook (unused)."""

    def on_train_batch_begin(self, batch: int, logs: Mapping[str, Any] | None = None) -> None:
        """Keras hook (unused)."""
