#!/usr/bin/env python3
"""Export trials of a NeuroGym task as a dalesweep trial file (task.name: file).

    pip install neurogym numpy      # dalesweep itself does not use Python
    python3 examples/neurogym_export.py --task PerceptualDecisionMaking-v0 --trials 2000 --dt 20 --out pdm.npz
    python3 examples/neurogym_export.py --task GoNogo-v0 --trials 2000 --dt 20 --out gonogo.npz
    bin/dalesweep train --set task.name=file --set task.path=pdm.npz --set task.dt_ms=20

Writes inputs [trials, T, n_obs], targets [trials, T, n_actions] (one-hot ground-truth action),
mask [trials, T, n_actions] and labels [trials] (the correct action of the decision period), all
trials padded to the longest with zero inputs and mask 0. The default mask is the decision period
(dalesweep scores a labelled trial by the argmax of each output's mean over the masked steps);
--mask all masks every real step instead, as NeuroGym's supervised training does.

--source dataset takes ngym.Dataset(env, batch_size, seq_len) windows instead: arrays of
[time, batch, features] that run across trial boundaries, transposed to [trials, T, features];
such windows have no single correct action, so they carry no labels (dalesweep scores them as R^2).
"""
import argparse
import sys

import numpy as np

try:
    import neurogym as ngym
except ImportError:  # pragma: no cover - the user's environment
    sys.exit("neurogym_export.py needs NeuroGym: pip install neurogym")


def make_env(name, dt):
    """A NeuroGym environment at time step dt (ms): ngym.make in current NeuroGym, gym.make before."""
    if hasattr(ngym, "make"):
        return ngym.make(name, dt=dt)
    import gym  # NeuroGym before its gymnasium port registered its tasks with gym
    return gym.make(name, dt=dt)


def one_hot(gt, n_actions):
    """Integer ground truth [..., T] to one-hot [..., T, n_actions] (float32)."""
    gt = np.asarray(gt, dtype=np.int64)
    if gt.min() < 0 or gt.max() >= n_actions:
        sys.exit(f"ground truth {gt.min()}..{gt.max()} outside the action space 0..{n_actions - 1}")
    return np.eye(n_actions, dtype=np.float32)[gt]


def from_trials(env, trials, mask_mode):
    """Runs env.new_trial() `trials` times and stacks env.ob / env.gt, padded to the longest trial."""
    unwrapped = env.unwrapped
    n_actions = unwrapped.action_space.n
    obs, gts, windows = [], [], []
    for _ in range(trials):
        unwrapped.new_trial()
        ob = np.asarray(unwrapped.ob, dtype=np.float32)          # [T_i, n_obs]
        gt = np.asarray(unwrapped.gt)                            # [T_i] integer actions
        if gt.ndim != 1:
            sys.exit(f"{type(unwrapped).__name__}: env.gt has shape {gt.shape}; this script handles discrete actions only")
        if "decision" in unwrapped.start_ind:
            window = (unwrapped.start_ind["decision"], unwrapped.end_ind["decision"])
        elif mask_mode == "decision":
            sys.exit(f"{type(unwrapped).__name__} has no 'decision' period; use --mask all")
        else:
            window = (len(gt) - 1, len(gt))
        obs.append(ob)
        gts.append(gt)
        windows.append(window)
    steps = max(len(g) for g in gts)
    n_obs = obs[0].shape[1]
    inputs = np.zeros((trials, steps, n_obs), dtype=np.float32)
    targets = np.zeros((trials, steps, n_actions), dtype=np.float32)
    mask = np.zeros((trials, steps, n_actions), dtype=np.float32)
    labels = np.zeros(trials, dtype=np.int64)
    for b, (ob, gt, (start, end)) in enumerate(zip(obs, gts, windows)):
        length = len(gt)
        inputs[b, :length] = ob
        targets[b, :length] = one_hot(gt, n_actions)
        if mask_mode == "all":
            mask[b, :length] = 1.0
        else:
            mask[b, start:end] = 1.0
        labels[b] = gt[start]                                    # the correct action of the decision period
    return dict(inputs=inputs, targets=targets, mask=mask, labels=labels)


def from_dataset(env, trials, seq_len):
    """ngym.Dataset windows: [seq_len, batch, n_obs] inputs and [seq_len, batch] targets, made [batch, T, ...]."""
    n_actions = env.unwrapped.action_space.n
    dataset = ngym.Dataset(env, batch_size=trials, seq_len=seq_len)
    x, y = dataset()
    inputs = np.ascontiguousarray(np.transpose(np.asarray(x, dtype=np.float32), (1, 0, 2)))
    targets = one_hot(np.transpose(np.asarray(y)), n_actions)    # [batch, T] -> [batch, T, n_actions]
    return dict(inputs=inputs, targets=np.ascontiguousarray(targets), mask=np.ones_like(targets))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--task", default="PerceptualDecisionMaking-v0", help="a NeuroGym task id")
    p.add_argument("--trials", type=int, default=2000)
    p.add_argument("--dt", type=float, default=20.0, help="time step in ms: give dalesweep the same as task.dt_ms")
    p.add_argument("--source", choices=["trials", "dataset"], default="trials")
    p.add_argument("--mask", choices=["decision", "all"], default="decision")
    p.add_argument("--seq-len", type=int, default=100, help="with --source dataset: steps per window")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True, help="the .npz to write")
    a = p.parse_args()
    if not a.out.endswith(".npz"):
        sys.exit("--out: expected a file name ending in .npz")
    env = make_env(a.task, a.dt)
    env.unwrapped.seed(a.seed)                                   # TrialEnv.seed: the trials' random state
    arrays = from_trials(env, a.trials, a.mask) if a.source == "trials" else from_dataset(env, a.trials, a.seq_len)
    np.savez_compressed(a.out, **arrays)
    shape = arrays["inputs"].shape
    print(f"wrote {a.out}: {shape[0]} trials of {shape[1]} steps, {shape[2]} inputs, "
          f"{arrays['targets'].shape[2]} outputs; train with --set task.name=file --set task.path={a.out}"
          f" --set task.dt_ms={a.dt:g}")


if __name__ == "__main__":
    main()
