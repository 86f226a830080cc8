"""A compiled catalog function over a dataset sharded across devices and across processes.

derivax compiles ``mse`` (the catalog's mean squared error) once; JAX does the rest: ``jax.vmap``
maps it over the rows of a dataset, the rows are split over a ``jax.sharding.Mesh`` and XLA
computes each device's rows where they live, then averages over the devices. The result equals
the one computed on a single device.

One process, several devices (CPU devices for the example)::

    XLA_FLAGS=--xla_force_host_platform_device_count=2 python docs/examples/sharded_eval.py mesh

Several processes (here two on this machine; on a cluster, one per host with the coordinator's
address), each with its own devices and its own part of the data::

    python docs/examples/sharded_eval.py process 0 2 127.0.0.1:12355 &
    python docs/examples/sharded_eval.py process 1 2 127.0.0.1:12355

Each prints one JSON line: the loss over the whole dataset, its single-device reference and the
number of devices that held the data.
"""

from __future__ import annotations

import json
import sys

import jax
import numpy as np

ROWS, WIDTH = 4096, 16


def dataset() -> tuple[np.ndarray, np.ndarray]:
    """Targets and predictions, ``ROWS`` rows of ``WIDTH`` (the same in every process)."""
    rng = np.random.default_rng(0)
    y = rng.normal(size=(ROWS, WIDTH))
    return y, y + 0.1 * rng.normal(size=(ROWS, WIDTH))


def loss_over_rows():
    """The mean over the rows of the compiled catalog ``mse``, as one jitted function."""
    import derivax as dx

    mse = dx.catalog()["mse"].compile()  # arguments: y, \hat{y}
    per_row = jax.vmap(mse)
    return jax.jit(lambda y, y_hat: per_row(y, y_hat).mean())


def single_device() -> float:
    y, y_hat = dataset()
    with jax.default_device(jax.local_devices()[0]):
        return float(loss_over_rows()(y, y_hat))


def on_a_mesh() -> dict:
    """Every device of this process holds ``ROWS / devices`` rows."""
    from jax.sharding import Mesh, NamedSharding
    from jax.sharding import PartitionSpec as P

    mesh = Mesh(np.array(jax.devices()), ("rows",))
    rows = NamedSharding(mesh, P("rows", None))
    y, y_hat = (jax.device_put(a, rows) for a in dataset())
    value = loss_over_rows()(y, y_hat)
    return {
        "loss": float(value),
        "reference": single_device(),
        "devices": len(y.sharding.device_set),
    }


def across_processes(rank: int, size: int, coordinator: str) -> dict:
    """Each process holds its own rows; the mean is taken across processes by XLA."""
    # CPU collectives between processes go through Gloo
    jax.config.update("jax_cpu_collectives_implementation", "gloo")
    jax.distributed.initialize(coordinator_address=coordinator, num_processes=size, process_id=rank)
    from jax.experimental import multihost_utils
    from jax.sharding import Mesh, NamedSharding
    from jax.sharding import PartitionSpec as P

    mesh = Mesh(np.array(jax.devices()), ("rows",))  # every device of every process
    rows = NamedSharding(mesh, P("rows", None))
    share = ROWS // jax.process_count()
    mine = slice(rank * share, (rank + 1) * share)
    y, y_hat = (
        jax.make_array_from_process_local_data(rows, a[mine], (ROWS, WIDTH)) for a in dataset()
    )
    value = loss_over_rows()(y, y_hat)
    total = float(multihost_utils.process_allgather(value, tiled=True))
    reference = single_device()
    jax.distributed.shutdown()
    return {
        "process": rank,
        "loss": total,
        "reference": reference,
        "devices": len(y.sharding.device_set),
        "processes": size,
    }


def main(argv: list[str]) -> None:
    jax.config.update("jax_enable_x64", True)
    if argv[:1] == ["mesh"]:
        out = on_a_mesh()
    elif argv[:1] == ["process"] and len(argv) == 4:
        out = across_processes(int(argv[1]), int(argv[2]), argv[3])
    else:
        raise SystemExit(__doc__)
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1:])
